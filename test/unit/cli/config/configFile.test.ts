import { test } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigFile, validateConfigFile } from "../../../../src/cli/config/configFile.js";
import { UsageError } from "../../../../src/cli/usageError.js";

const file = "~/.config/batchtop/config.json";

function problemOf(value: unknown): string {
  try {
    validateConfigFile(value, file);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail("expected the config to be refused");
}

test("a full config validates into typed profiles", () => {
  const config = validateConfigFile(
    {
      $schema: "https://example.invalid/batchtop.schema.json",
      defaultProfile: "prod",
      profiles: {
        prod: {
          accountEndpoint: "prodacct.westeurope.batch.azure.com",
          accountName: "prodacct",
          subscription: "00000000-0000-4000-8000-000000000001",
          resourceGroup: "rg-batch",
          workspaceId: "00000000-0000-4000-8000-000000000002",
          storageUrl: "https://stprod.blob.core.windows.net",
          armEndpoint: "https://management.usgovcloudapi.net",
          logsEndpoint: "https://api.loganalytics.us/v1",
          auth: "device-code",
          readOnly: true,
          refresh: "5s",
          theme: "dark",
          keys: { "pool.rescale": ["R", "ctrl+r"], "task.rerun": [] },
        },
      },
    },
    file,
  );
  assert.equal(config.defaultProfile, "prod");
  assert.deepEqual(config.profiles.get("prod"), {
    accountEndpoint: "https://prodacct.westeurope.batch.azure.com",
    accountName: "prodacct",
    subscription: "00000000-0000-4000-8000-000000000001",
    resourceGroup: "rg-batch",
    workspaceId: "00000000-0000-4000-8000-000000000002",
    storageUrl: "https://stprod.blob.core.windows.net",
    armEndpoint: "https://management.usgovcloudapi.net",
    logsEndpoint: "https://api.loganalytics.us/v1",
    auth: "device-code",
    readOnly: true,
    refreshMs: 5000,
    theme: "dark",
    keys: { "pool.rescale": ["R", "ctrl+r"], "task.rerun": [] },
  });
});

test("each problem names the file, the JSON path inside it and what is wrong", () => {
  const cases: [unknown, string][] = [
    [
      { profiles: { prod: { refresh: "soon" } } },
      `${file}: profiles.prod.refresh: must be a duration like 5s (from 1s to 10m), got "soon"`,
    ],
    [
      { profiles: { prod: { readOnly: "yes" } } },
      `${file}: profiles.prod.readOnly: must be true or false, got a string`,
    ],
    [
      { profiles: { prod: { readonly: true } } },
      `${file}: profiles.prod.readonly: unknown setting; did you mean readOnly?`,
    ],
    [
      { profiles: { prod: { "account-endpoint": "x" } } },
      `${file}: profiles.prod["account-endpoint"]: unknown setting; did you mean accountEndpoint?`,
    ],
    [
      { profiles: { prod: { accountEndpoint: "http://a.batch.azure.com" } } },
      `${file}: profiles.prod.accountEndpoint: must be an https URL such as https://myaccount.westeurope.batch.azure.com, got "http://a.batch.azure.com"`,
    ],
    [
      { profiles: { prod: { subscription: "prod-sub" } } },
      `${file}: profiles.prod.subscription: must be the subscription ID (az account show --query id), a GUID like 00000000-0000-0000-0000-000000000000, got "prod-sub"`,
    ],
    [
      { profiles: { prod: { keys: { "pool.rescale": "R" } } } },
      `${file}: profiles.prod.keys["pool.rescale"]: must be a list of keys such as ["R"], got a string`,
    ],
    [
      { profiles: { prod: { keys: { "pool.rescale": ["R", ""] } } } },
      `${file}: profiles.prod.keys["pool.rescale"][1]: must be a key such as "R" or "ctrl+r", got ""`,
    ],
    [
      { profiles: { prod: { keys: { rescale: ["R"] } } } },
      `${file}: profiles.prod.keys.rescale: must be a command name such as "pool.rescale"`,
    ],
    [
      { profiles: { "my prod": {} } },
      `${file}: profiles["my prod"]: profile names are letters, digits, "_", "." and "-"`,
    ],
    [{ profiles: { prod: [] } }, `${file}: profiles.prod: must be an object of settings, got an array`],
    [{ profiles: [] }, `${file}: profiles: must be an object of named profiles, got an array`],
    [
      { defaultProfile: "dev", profiles: { prod: {} } },
      `${file}: defaultProfile: must name one of the profiles (prod)`,
    ],
    [{ profile: {} }, `${file}: profile: unknown key; did you mean profiles?`],
    [[1, 2], `${file}: must be a JSON object, got an array`],
  ];
  for (const [value, message] of cases) assert.equal(problemOf(value), message);
});

test("an empty file is no settings at all", () => {
  const config = validateConfigFile({}, file);
  assert.equal(config.profiles.size, 0);
  assert.equal(config.defaultProfile, undefined);
});

test("loading: a missing file is fine; bad JSON reports line and column; an unreadable file is an error", async () => {
  const dir = await mkdtemp(join(tmpdir(), "batchtop-config-"));
  try {
    assert.equal(await loadConfigFile(join(dir, "absent.json"), "absent.json"), undefined);
    assert.equal(await loadConfigFile(join(dir, "not-a-dir", "config.json"), "x"), undefined);

    const broken = join(dir, "broken.json");
    await writeFile(broken, '{\n  "profiles": {\n    "prod": { "refresh": "5s", }\n  }\n}\n');
    await assert.rejects(
      loadConfigFile(broken, "broken.json"),
      (error: unknown) =>
        error instanceof UsageError &&
        error.message === "broken.json: invalid JSON at line 3, column 30: trailing comma before '}'",
    );

    const withBom = join(dir, "bom.json");
    await writeFile(withBom, '\uFEFF{"profiles": {"prod": {"refresh": 4}}}');
    assert.equal((await loadConfigFile(withBom, "bom.json"))?.profiles.get("prod")?.refreshMs, 4000);

    const directory = join(dir, "dir.json");
    await mkdir(directory);
    await assert.rejects(loadConfigFile(directory, "dir.json"), /dir\.json: is a directory/);

    // Root reads anything, so the permission case only means something for other users.
    if (process.getuid?.() !== 0) {
      const locked = join(dir, "locked.json");
      await writeFile(locked, "{}");
      await chmod(locked, 0o000);
      await assert.rejects(
        loadConfigFile(locked, "locked.json"),
        /locked\.json: cannot read it \(EACCES\); check its permissions/,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
