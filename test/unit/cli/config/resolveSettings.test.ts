import { test } from "node:test";
import assert from "node:assert/strict";
import { validateConfigFile } from "../../../../src/cli/config/configFile.js";
import {
  accountNameFromEndpoint,
  resolveSettings,
  type SettingLayers,
} from "../../../../src/cli/config/resolveSettings.js";
import { describeSource } from "../../../../src/cli/config/settingSource.js";
import { UsageError } from "../../../../src/cli/usageError.js";

const file = "~/.config/batchtop/config.json";
const endpoint = "https://prodacct.westeurope.batch.azure.com";

function layers(overrides: Partial<SettingLayers> = {}): SettingLayers {
  return { flags: { settings: {} }, env: {}, config: undefined, policies: [], ...overrides };
}

const config = validateConfigFile(
  {
    defaultProfile: "prod",
    profiles: {
      prod: { accountEndpoint: endpoint, refresh: "5s", readOnly: false, theme: "light", auth: "cli" },
      dev: { accountEndpoint: "https://devacct.westeurope.batch.azure.com", refresh: 3 },
    },
  },
  file,
);

test("with nothing set, every setting that has a default takes it", () => {
  const settings = resolveSettings(layers());
  assert.deepEqual(settings.values, {
    accountEndpoint: undefined,
    accountName: undefined,
    subscription: undefined,
    resourceGroup: undefined,
    workspaceId: undefined,
    storageUrl: undefined,
    armEndpoint: "https://management.azure.com",
    logsEndpoint: "https://api.loganalytics.io/v1",
    synapseEndpoint: "https://{workspace}.dev.azuresynapse.net",
    auth: "default",
    readOnly: false,
    refreshMs: 2000,
    theme: "dark",
    keys: {},
  });
  assert.equal(settings.sources.refreshMs?.kind, "default");
  assert.equal(settings.sources.accountEndpoint, undefined);
  assert.equal(settings.profile, undefined);
});

test("each layer beats the next: flag > environment > profile > default", () => {
  const flag = { settings: { refreshMs: "7s" } };
  const env = { BATCHTOP_REFRESH: "6s" };
  const cases: [Partial<SettingLayers>, number, string][] = [
    [{ flags: flag, env, config }, 7000, "--refresh"],
    [{ env, config }, 6000, "env BATCHTOP_REFRESH"],
    [{ config }, 5000, `profile prod in ${file}`],
    [{}, 2000, "default"],
  ];
  for (const [given, refreshMs, from] of cases) {
    const settings = resolveSettings(layers(given));
    assert.equal(settings.values.refreshMs, refreshMs, from);
    const source = settings.sources.refreshMs;
    assert.ok(source);
    assert.equal(describeSource(source), from);
  }
});

test("an empty environment variable counts as unset", () => {
  const settings = resolveSettings(
    layers({ env: { BATCHTOP_STORAGE_URL: "", BATCHTOP_REFRESH: "" }, config }),
  );
  assert.equal(settings.values.storageUrl, undefined);
  assert.equal(settings.values.refreshMs, 5000);
});

test("the profile comes from --profile, then BATCHTOP_PROFILE, then defaultProfile", () => {
  const byFlag = resolveSettings(
    layers({ flags: { settings: {}, profile: "dev" }, env: { BATCHTOP_PROFILE: "prod" }, config }),
  );
  assert.equal(byFlag.profile?.name, "dev");
  assert.equal(byFlag.values.refreshMs, 3000);
  const byEnv = resolveSettings(layers({ env: { BATCHTOP_PROFILE: "dev" }, config }));
  assert.equal(byEnv.profile?.name, "dev");
  const byDefault = resolveSettings(layers({ config }));
  assert.equal(byDefault.profile?.name, "prod");
  assert.ok(byDefault.profile);
  assert.equal(describeSource(byDefault.profile.source), `defaultProfile in ${file}`);
  assert.equal(byDefault.values.auth, "cli");
});

test("a profile that does not exist is a usage error naming the flag or variable", () => {
  assert.throws(
    () => resolveSettings(layers({ flags: { settings: {}, profile: "staging" }, config })),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message === `--profile: no profile "staging" in ${file} (profiles: prod, dev)`,
  );
  assert.throws(
    () => resolveSettings(layers({ env: { BATCHTOP_PROFILE: "prod" } })),
    /BATCHTOP_PROFILE: no profile "prod": there is no config file/,
  );
});

test("invalid flag and environment values name the flag or the variable", () => {
  assert.throws(
    () => resolveSettings(layers({ flags: { settings: { refreshMs: "soon" } } })),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message === '--refresh: must be a duration like 5s (from 1s to 10m), got "soon"',
  );
  assert.throws(
    () => resolveSettings(layers({ env: { BATCHTOP_AUTH: "password" } })),
    /^UsageError: BATCHTOP_AUTH: must be one of default, cli, device-code, managed-identity, environment, got "password"$/,
  );
  assert.throws(
    () => resolveSettings(layers({ env: { AZURE_SUBSCRIPTION_ID: "prod" } })),
    /AZURE_SUBSCRIPTION_ID: must be the subscription ID/,
  );
  assert.throws(
    () => resolveSettings(layers({ flags: { settings: { accountEndpoint: "http://x.batch.azure.com" } } })),
    /--account-endpoint: must be an https URL/,
  );
});

test("a value in a lower layer is not checked when a higher one wins", () => {
  const settings = resolveSettings(
    layers({ flags: { settings: { refreshMs: "3s" } }, env: { BATCHTOP_REFRESH: "garbage" } }),
  );
  assert.equal(settings.values.refreshMs, 3000);
});

test("the account name is derived from the endpoint host unless given", () => {
  const derived = resolveSettings(layers({ env: { AZURE_BATCH_ENDPOINT: endpoint } }));
  assert.equal(derived.values.accountName, "prodacct");
  assert.equal(derived.sources.accountName?.kind, "derived");
  const given = resolveSettings(
    layers({ env: { AZURE_BATCH_ENDPOINT: "https://127.0.0.1:8443", AZURE_BATCH_ACCOUNT: "batchtopdemo" } }),
  );
  assert.equal(given.values.accountName, "batchtopdemo");
  assert.equal(accountNameFromEndpoint("https://127.0.0.1:8443"), "127.0.0.1");
  assert.equal(accountNameFromEndpoint("https://[::1]:8443"), "::1");
});

test("an account name from a weaker layer than the endpoint's does not name a different account", () => {
  const settings = resolveSettings(
    layers({ flags: { settings: { accountEndpoint: endpoint } }, env: { AZURE_BATCH_ACCOUNT: "otheracct" } }),
  );
  assert.equal(settings.values.accountName, "prodacct");
  assert.equal(settings.sources.accountName?.kind, "derived");
});

test("features follow the optional settings, and each one off names what turns it on", () => {
  const bare = resolveSettings(layers({ env: { AZURE_BATCH_ENDPOINT: endpoint } }));
  assert.deepEqual(
    Object.values(bare.features).map((feature) => feature.hint),
    [
      "pool management is off: set --subscription and --resource-group (or AZURE_SUBSCRIPTION_ID and AZURE_RESOURCE_GROUP)",
      "pipeline context is off: set --workspace-id or BATCHTOP_WORKSPACE_ID",
      "adfjobs log fallback is off: set --storage-url or BATCHTOP_STORAGE_URL",
    ],
  );
  const half = resolveSettings(
    layers({ env: { AZURE_SUBSCRIPTION_ID: "00000000-0000-4000-8000-000000000001" } }),
  );
  assert.equal(
    half.features.poolManagement.hint,
    "pool management is off: set --resource-group or AZURE_RESOURCE_GROUP",
  );
  const full = resolveSettings(
    layers({
      env: {
        AZURE_BATCH_ENDPOINT: endpoint,
        AZURE_SUBSCRIPTION_ID: "00000000-0000-4000-8000-000000000001",
        AZURE_RESOURCE_GROUP: "rg-batch",
        BATCHTOP_WORKSPACE_ID: "00000000-0000-4000-8000-000000000002",
        BATCHTOP_STORAGE_URL: "https://stbatch.blob.core.windows.net",
      },
    }),
  );
  assert.deepEqual(
    Object.values(full.features).map((feature) => [feature.on, feature.hint]),
    [
      [true, undefined],
      [true, undefined],
      [true, undefined],
    ],
  );
});

test("a policy turns read-only on over every layer that tries to turn it off, and records who did", () => {
  const policy = { file: "/etc/batchtop/policy.json", readOnly: true };
  const attempts: [Partial<SettingLayers>, string | undefined][] = [
    [{ flags: { settings: { readOnly: "false" } } }, "--read-only=false"],
    [{ env: { BATCHTOP_READ_ONLY: "0" } }, "env BATCHTOP_READ_ONLY"],
    [{ config }, `profile prod in ${file}`],
    [{}, undefined],
  ];
  for (const [given, overruled] of attempts) {
    const settings = resolveSettings(layers({ ...given, policies: [policy] }));
    assert.equal(settings.values.readOnly, true);
    const source = settings.sources.readOnly;
    assert.ok(source);
    assert.equal(describeSource(source), "policy /etc/batchtop/policy.json");
    const overruledSource = settings.overruled.readOnly;
    assert.equal(overruledSource && describeSource(overruledSource), overruled);
  }
});

test("a policy with readOnly false lifts nothing, and policies add up", () => {
  const lax = { file: "/tmp/lax.json", readOnly: false };
  const strict = { file: "/etc/batchtop/policy.json", readOnly: true };
  const withFlag = resolveSettings(layers({ flags: { settings: { readOnly: "true" } }, policies: [lax] }));
  assert.equal(withFlag.values.readOnly, true);
  assert.equal(withFlag.sources.readOnly?.kind, "flag");
  const both = resolveSettings(
    layers({ flags: { settings: { readOnly: "false" } }, policies: [strict, lax] }),
  );
  assert.equal(both.values.readOnly, true);
  assert.equal(both.sources.readOnly?.kind, "policy");
  const laxOnly = resolveSettings(layers({ policies: [lax] }));
  assert.equal(laxOnly.values.readOnly, false);
});

test("read-only set by a flag, the environment or a profile says so", () => {
  const profiled = validateConfigFile({ profiles: { ops: { readOnly: true } } }, file);
  const settings = resolveSettings(layers({ config: profiled, flags: { settings: {}, profile: "ops" } }));
  assert.equal(settings.values.readOnly, true);
  const source = settings.sources.readOnly;
  assert.ok(source);
  assert.equal(describeSource(source), `profile ops in ${file}`);
});
