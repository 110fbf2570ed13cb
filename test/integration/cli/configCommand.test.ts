import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runCliAsync, type CliResult } from "../../helpers/runCli.js";

// A string rather than a regular expression, which the linter would take for a control-character slip.
const ansiEscape = "\u001b[";
const subscription = "00000000-0000-4000-8000-000000000001";
const workspace = "00000000-0000-4000-8000-000000000002";

/**
 * A home of its own for every test: nothing from the real ~/.config or the caller's AZURE_* variables
 * leaks in, and nothing is written outside it.
 */
async function withHome(
  run: (home: string, env: (extra?: Record<string, string>) => NodeJS.ProcessEnv) => Promise<void>,
) {
  const home = await mkdtemp(join(tmpdir(), "batchtop-home-"));
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    ...extra,
  });
  try {
    await run(home, env);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

async function writeConfig(home: string, content: string): Promise<string> {
  const dir = join(home, ".config", "batchtop");
  await mkdir(dir, { recursive: true });
  const file = join(dir, "config.json");
  await writeFile(file, content);
  return file;
}

function assertOneLineUsageError(result: CliResult, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stderr.trim().split("\n").length, 1, `one line: ${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.equal(result.stdout, "");
}

test("config show prints every setting with where it came from, and the features", async () => {
  await withHome(async (home, env) => {
    await writeConfig(
      home,
      JSON.stringify({
        defaultProfile: "prod",
        profiles: {
          prod: {
            accountEndpoint: "https://prodacct.westeurope.batch.azure.com",
            refresh: "5s",
            theme: "light",
          },
        },
      }),
    );
    const result = runCli(
      ["config", "show", "--theme", "high-contrast"],
      env({ AZURE_SUBSCRIPTION_ID: subscription, BATCHTOP_WORKSPACE_ID: workspace }),
    );
    assert.equal(result.status, 0, result.stderr);
    const line = (label: string) =>
      result.stdout.split("\n").find((text) => text.trimStart().startsWith(`${label} `)) ?? "";
    assert.match(line("profile"), /prod\s+defaultProfile in ~\/\.config\/batchtop\/config\.json/);
    assert.match(
      line("account endpoint"),
      /https:\/\/prodacct\.westeurope\.batch\.azure\.com\s+profile prod in ~\/\.config\/batchtop\/config\.json/,
    );
    assert.match(line("account name"), /prodacct\s+derived from the endpoint host/);
    assert.match(line("subscription"), new RegExp(`${subscription}\\s+env AZURE_SUBSCRIPTION_ID`));
    assert.match(line("refresh"), /5s\s+profile prod/);
    assert.match(line("theme"), /high-contrast\s+--theme/);
    assert.match(line("read-only"), /off\s+default/);
    assert.match(
      result.stdout,
      /off {2}pool management is off: set --resource-group or AZURE_RESOURCE_GROUP/,
    );
    assert.match(result.stdout, /on {3}pipeline context/);
    assert.match(
      result.stdout,
      /off {2}adfjobs log fallback is off: set --storage-url or BATCHTOP_STORAGE_URL/,
    );
    assert.ok(!result.stdout.includes(ansiEscape), "no colour on a pipe");
  });
});

test("config show --json gives values, sources and features to scripts", async () => {
  await withHome(async (_home, env) => {
    const result = runCli(
      ["config", "show", "--json", "--read-only", "--auth=cli"],
      env({ AZURE_BATCH_ENDPOINT: "myacct.westeurope.batch.azure.com", AZURE_BATCH_ACCOUNT: "myacct" }),
    );
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      settings: Record<string, { value: unknown; from: string | null }>;
      features: Record<string, { on: boolean; hint?: string }>;
      signIn: { method: string; credential: string };
    };
    assert.deepEqual(report.settings.accountEndpoint, {
      ...report.settings.accountEndpoint,
      value: "https://myacct.westeurope.batch.azure.com",
      from: "env AZURE_BATCH_ENDPOINT",
    });
    assert.equal(report.settings.accountName?.from, "env AZURE_BATCH_ACCOUNT");
    assert.equal(report.settings.readOnly?.value, true);
    assert.equal(report.settings.readOnly?.from, "--read-only");
    assert.equal(report.settings.refreshMs?.value, 2000);
    assert.deepEqual(report.signIn, { ...report.signIn, method: "cli", credential: "AzureCliCredential" });
    assert.equal(report.features.pipelineContext?.on, false);
    assert.equal(
      report.features.pipelineContext?.hint,
      "pipeline context is off: set --workspace-id or BATCHTOP_WORKSPACE_ID",
    );
  });
});

test("config show never prints a secret", async () => {
  await withHome(async (_home, env) => {
    const secrets = {
      IDENTITY_HEADER: "identity-header-secret",
      AZURE_CLIENT_SECRET: "client-secret-value",
      MSI_SECRET: "msi-secret-value",
      IDENTITY_ENDPOINT: "http://127.0.0.1:9/token?code=endpoint-secret",
    };
    for (const args of [
      ["config", "show"],
      ["config", "show", "--json"],
    ]) {
      const result = runCli(args, env({ ...secrets, AZURE_CLIENT_ID: "visible-client-id" }));
      assert.equal(result.status, 0, result.stderr);
      for (const secret of [
        "identity-header-secret",
        "client-secret-value",
        "msi-secret-value",
        "endpoint-secret",
      ])
        assert.ok(!result.stdout.includes(secret), `${args.join(" ")} hides ${secret}`);
      assert.match(result.stdout, /IDENTITY_HEADER"?:?\s+"?set \(hidden\)/);
      assert.match(result.stdout, /visible-client-id/);
    }
    const sas = runCli(
      ["config", "show"],
      env({ BATCHTOP_STORAGE_URL: "https://st.blob.core.windows.net/?sv=1&sig=sas-secret" }),
    );
    assertOneLineUsageError(
      sas,
      /BATCHTOP_STORAGE_URL: must not carry a query or fragment \(no SAS tokens\), got "https:\/\/st\.blob\.core\.windows\.net\/\?sv=\*\*\*&sig=\*\*\*"/,
    );
    assert.ok(!sas.stderr.includes("sas-secret"));
  });
});

test("a policy named by BATCHTOP_POLICY beats --read-only=false, and config show says who set it", async () => {
  await withHome(async (home, env) => {
    const policy = join(home, "policy.json");
    await writeFile(policy, '{"readOnly": true}');
    const result = runCli(["config", "show", "--read-only=false"], env({ BATCHTOP_POLICY: policy }));
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`read-only\\s+on\\s+policy ${policy}, overruling --read-only=false`),
    );
    assert.match(result.stdout, new RegExp(`policy\\s+${policy}`));
  });
});

test("a broken config file stops every command with one line naming the file and the spot, and is left as it was", async () => {
  await withHome(async (home, env) => {
    const content = '{\n  "profiles": {\n    "prod": { "refresh": "fast" }\n  }\n}\n';
    const file = await writeConfig(home, content);
    for (const args of [["config", "show"], []]) {
      const result = runCli(args, env({ AZURE_BATCH_ENDPOINT: "https://a.westeurope.batch.azure.com" }));
      assertOneLineUsageError(
        result,
        /^batchtop: ~\/\.config\/batchtop\/config\.json: profiles\.prod\.refresh: must be a duration like 5s \(from 1s to 10m\), got "fast"\n$/,
      );
    }
    await writeFile(file, '{ "profiles": { "prod": { } }, }');
    const syntax = runCli(["config", "show"], env());
    assertOneLineUsageError(
      syntax,
      /config\.json: invalid JSON at line 1, column 30: trailing comma before '}'/,
    );
    assert.equal(await readFile(file, "utf8"), '{ "profiles": { "prod": { } }, }', "byte for byte unchanged");
  });
  await withHome(async (home, env) => {
    const content = '{"profiles": {"prod": {"readonly": true}}}';
    const file = await writeConfig(home, content);
    assertOneLineUsageError(
      runCli(["config", "show"], env()),
      /profiles\.prod\.readonly: unknown setting; did you mean readOnly\?/,
    );
    assert.equal(await readFile(file, "utf8"), content);
  });
});

test("bad flags and values are one line and exit 2", async () => {
  await withHome(async (_home, env) => {
    const cases: [string[], RegExp][] = [
      [["config"], /config needs a subcommand: batchtop config show \[--json\]/],
      [["config", "edit"], /unknown config subcommand "edit"/],
      [["config", "show", "--bogus"], /unknown flag --bogus for config show/],
      [["config", "show", "--refresh", "0.1s"], /--refresh: must be from 1s to 10m, got "0.1s"/],
      [["config", "show", "--read-only=maybe"], /--read-only: must be true or false, got "maybe"/],
      [["config", "show", "--profile", "prod"], /--profile: no profile "prod": there is no config file/],
      [["--account-endpoint", "http://a.batch.azure.com"], /--account-endpoint: must be an https URL/],
      [
        ["--synapse-endpoint", "https://syn.dev.azuresynapse.net"],
        /--synapse-endpoint: must name the workspace with \{workspace\}, such as https:\/\/\{workspace\}\.dev\.azuresynapse\.net/,
      ],
      [["--theme"], /--theme needs a value/],
    ];
    const [badVariable, ...results] = await Promise.all([
      runCliAsync(["config", "show"], env({ BATCHTOP_REFRESH: "often" })),
      ...cases.map(([args]) => runCliAsync(args, env())),
    ]);
    for (const [index, [, pattern]] of cases.entries()) {
      const result = results[index];
      assert.ok(result);
      assertOneLineUsageError(result, pattern);
    }
    assert.ok(badVariable);
    assertOneLineUsageError(badVariable, /^batchtop: BATCHTOP_REFRESH: must be a duration like 5s/);
  });
});

test("plain output is coloured only for a terminal or FORCE_COLOR, and never with NO_COLOR", async () => {
  await withHome(async (_home, env) => {
    const forced = runCli(["config", "show"], env({ FORCE_COLOR: "1" }));
    assert.ok(forced.stdout.includes(ansiEscape), "FORCE_COLOR colours");
    const noColor = runCli(["config", "show"], env({ FORCE_COLOR: "1", NO_COLOR: "1" }));
    assert.ok(!noColor.stdout.includes(ansiEscape), "NO_COLOR wins");
  });
});

test("a sign-in failure is one line naming the credential and the fix", async () => {
  await withHome(async (_home, env) => {
    const result = runCli(
      ["--auth", "environment"],
      env({ AZURE_BATCH_ENDPOINT: "https://unreachable.westeurope.batch.azure.com" }),
    );
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /^batchtop: --auth environment: sign-in failed \(EnvironmentCredential/);
    assert.match(result.stderr, /set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/);
  });
});

test("without an account endpoint the dashboard says how to set one", async () => {
  await withHome(async (_home, env) => {
    assertOneLineUsageError(
      runCli([], env()),
      /no Batch account: set AZURE_BATCH_ENDPOINT or --account-endpoint/,
    );
  });
});

test("config show refuses what the dashboard refuses: an unknown theme, a key binding to no command", async () => {
  await withHome(async (home, env) => {
    const account = { AZURE_BATCH_ENDPOINT: "https://a.westeurope.batch.azure.com" };
    for (const args of [
      ["config", "show", "--theme", "nope"],
      ["--theme", "nope"],
    ]) {
      assertOneLineUsageError(runCli(args, env(account)), /^batchtop: unknown theme "nope" \(--theme\)/);
    }
    await writeConfig(
      home,
      JSON.stringify({ defaultProfile: "p", profiles: { p: { keys: { "pool.rescal": ["x"] } } } }),
    );
    for (const args of [["config", "show", "--json"], []]) {
      assertOneLineUsageError(
        runCli(args, env(account)),
        /^batchtop: keys \(profile p in ~\/\.config\/batchtop\/config\.json\): pool\.rescal: unknown command; did you mean pool\.rescale\?/,
      );
    }
  });
});
