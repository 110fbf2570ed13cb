import { test } from "node:test";
import assert from "node:assert/strict";
import { demoSettingNames, parseSettingArgs } from "../../../../src/cli/config/settingFlags.js";
import { UsageError } from "../../../../src/cli/usageError.js";

test("every setting flag is read as text, with --profile beside them", () => {
  const { flags, positionals } = parseSettingArgs(
    "batchtop",
    [
      "--account-endpoint",
      "https://a.westeurope.batch.azure.com",
      "--subscription=00000000-0000-4000-8000-000000000001",
      "--refresh",
      "5s",
      "--profile",
      "prod",
    ],
    {},
  );
  assert.deepEqual(flags, {
    settings: {
      accountEndpoint: "https://a.westeurope.batch.azure.com",
      subscription: "00000000-0000-4000-8000-000000000001",
      refreshMs: "5s",
    },
    profile: "prod",
  });
  assert.deepEqual(positionals, []);
});

test("--read-only is a switch that also takes =false, and the last mention wins", () => {
  const read = (...args: string[]) => parseSettingArgs("batchtop", args, {}).flags.settings.readOnly;
  assert.equal(read("--read-only"), "true");
  assert.equal(read("--read-only=false"), "false");
  assert.equal(read("--read-only=false", "--read-only"), "true");
  assert.equal(read("--read-only", "--read-only=false"), "false");
  assert.equal(read(), undefined);
  assert.deepEqual(parseSettingArgs("batchtop", ["--", "--read-only=false"], {}).positionals, [
    "--read-only=false",
  ]);
});

test("a command's own flags sit beside the settings", () => {
  const { values, flags } = parseSettingArgs("config show", ["--json", "--theme", "light"], {
    json: { type: "boolean" },
  });
  assert.equal(values.json, true);
  assert.equal(flags.settings.theme, "light");
});

test("unknown flags and missing values are one-line usage errors", () => {
  assert.throws(
    () => parseSettingArgs("batchtop", ["--account"], {}),
    (error: unknown) =>
      error instanceof UsageError &&
      error.message === "unknown flag --account for batchtop; see batchtop --help",
  );
  assert.throws(() => parseSettingArgs("batchtop", ["--refresh"], {}), /--refresh needs a value/);
  // Node 20 reads --env-file even after the script name, so batchtop must never define it.
  assert.throws(() => parseSettingArgs("batchtop", ["--env-file", "x"], {}), /unknown flag --env-file/);
});

test("a command can take only some settings, each read as the dashboard reads it", () => {
  const { flags } = parseSettingArgs("demo", ["--read-only=false", "--theme", "light"], {}, demoSettingNames);
  assert.deepEqual(flags, { settings: { readOnly: "false", theme: "light" } });
  assert.throws(
    () => parseSettingArgs("demo", ["--auth", "cli"], {}, demoSettingNames),
    /unknown flag --auth for demo/,
  );
});

test("a negative number after a flag is its value, not another flag", () => {
  const { values } = parseSettingArgs("sim", ["--seed", "-1", "--", "--x", "-2"], {
    seed: { type: "string" },
  });
  assert.equal(values.seed, "-1");
  assert.throws(
    () => parseSettingArgs("sim", ["--seed", "-x"], { seed: { type: "string" } }),
    /--seed needs a value/,
  );
});
