import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runCliAsync } from "../../helpers/runCli.js";

const packageVersion = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

test("--version prints the package version", () => {
  const result = runCli(["--version"]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout.trim(), packageVersion);
});

test("--help lists the commands and every setting with its variable", () => {
  const result = runCli(["--help"]);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /batchtop demo/);
  assert.match(result.stdout, /batchtop sim/);
  assert.match(result.stdout, /batchtop config show \[--json\]/);
  assert.match(result.stdout, /Example: eval "\$\(batchtop sim --detach --scenario incident\)" && batchtop/);
  for (const [flag, variable] of [
    ["--account-endpoint URL", "AZURE_BATCH_ENDPOINT"],
    ["--account-name NAME", "AZURE_BATCH_ACCOUNT"],
    ["--subscription ID", "AZURE_SUBSCRIPTION_ID"],
    ["--resource-group NAME", "AZURE_RESOURCE_GROUP"],
    ["--workspace-id ID", "BATCHTOP_WORKSPACE_ID"],
    ["--storage-url URL", "BATCHTOP_STORAGE_URL"],
    ["--arm-endpoint URL", "BATCHTOP_ARM_ENDPOINT"],
    ["--logs-endpoint URL", "BATCHTOP_LOGS_ENDPOINT"],
    ["--synapse-endpoint URL", "BATCHTOP_SYNAPSE_ENDPOINT"],
    ["--auth METHOD", "BATCHTOP_AUTH"],
    ["--read-only[=false]", "BATCHTOP_READ_ONLY"],
    ["--refresh DURATION", "BATCHTOP_REFRESH"],
    ["--theme NAME", "BATCHTOP_THEME"],
    ["--profile NAME", "BATCHTOP_PROFILE"],
  ] as const) {
    const lines = result.stdout.split("\n");
    assert.ok(
      lines.some((line) => line.includes(`${flag} `) && line.includes(` ${variable} `)),
      `${flag} and ${variable} on one line`,
    );
  }
});

test("an unknown flag or command prints one line naming it and exits 2", async () => {
  const cases = [
    [["--frobnicate"], "--frobnicate"],
    [["sim", "--bogus", "1"], "--bogus"],
    [["demo", "--port", "1"], "--port"],
    [["explode"], "explode"],
  ] as const;
  const results = await Promise.all(cases.map(([args]) => runCliAsync([...args])));
  for (const [index, [args, named]] of cases.entries()) {
    const result = results[index];
    assert.ok(result);
    assert.equal(result.status, 2, `${args.join(" ")} exits 2`);
    assert.equal(
      result.stderr.trim().split("\n").length,
      1,
      `${args.join(" ")}: one line, got ${result.stderr}`,
    );
    assert.ok(result.stderr.includes(named), `${args.join(" ")} names ${named}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test("bad values for sim flags are refused in one line", async () => {
  const cases = [
    [
      ["sim", "--scenario", "nope"],
      /unknown scenario "nope"; choose one of healthy, incident, identity, scale/,
    ],
    [["sim", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["sim", "--speed", "fast"], /--speed must be a number/],
    [["sim", "--seed=1.5"], /--seed must be a whole number/],
    [["sim", "--faults", "throttle=3"], /throttle is a share/],
    [["sim", "--stop", "--seed", "1"], /sim --stop takes no other flag or argument, got --seed/],
  ] as const;
  const results = await Promise.all(cases.map(([args]) => runCliAsync([...args])));
  for (const [index, [args, pattern]] of cases.entries()) {
    const result = results[index];
    assert.ok(result);
    assert.equal(result.status, 2, args.join(" "));
    assert.match(result.stderr, pattern);
  }
});

test("without an account the dashboard says which variable to set", () => {
  // A config directory that does not exist: a developer's own profiles must not supply an account.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(tmpdir(), "batchtop-no-config") };
  delete env.AZURE_BATCH_ENDPOINT;
  delete env.BATCHTOP_PROFILE;
  const result = runCli([], env);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /set AZURE_BATCH_ENDPOINT/);
});

test("sim --stop without a simulator from sim --detach says what it needs", () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BATCHTOP_SIM_PID;
  const unset = runCli(["sim", "--stop"], env);
  assert.equal(unset.status, 2);
  assert.match(
    unset.stderr,
    /^batchtop: --stop: BATCHTOP_SIM_PID is not set; it is exported by eval "\$\(batchtop sim --detach\)"/,
  );
  const bad = runCli(["sim", "--stop"], { ...env, BATCHTOP_SIM_PID: "12ab" });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'batchtop: BATCHTOP_SIM_PID must be a process id, got "12ab"\n');
});
