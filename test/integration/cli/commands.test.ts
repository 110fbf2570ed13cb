import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runCli } from "../../helpers/runCli.js";

const packageVersion = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

test("--version prints the package version", () => {
  const result = runCli(["--version"]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout.trim(), packageVersion);
});

test("--help lists the commands", () => {
  const result = runCli(["--help"]);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /batchtop demo/);
  assert.match(result.stdout, /batchtop sim/);
});

test("an unknown flag or command prints one line naming it and exits 2", () => {
  for (const [args, named] of [
    [["--frobnicate"], "--frobnicate"],
    [["sim", "--bogus", "1"], "--bogus"],
    [["demo", "--port", "1"], "--port"],
    [["explode"], "explode"],
  ] as const) {
    const result = runCli([...args]);
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

test("bad values for sim flags are refused in one line", () => {
  for (const [args, pattern] of [
    [["sim", "--scenario", "nope"], /unknown scenario "nope"; choose one of healthy, incident, scale/],
    [["sim", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["sim", "--speed", "fast"], /--speed must be a number/],
    [["sim", "--seed=1.5"], /--seed must be a whole number/],
    [["sim", "--faults", "throttle=3"], /throttle is a share/],
  ] as const) {
    const result = runCli([...args]);
    assert.equal(result.status, 2, args.join(" "));
    assert.match(result.stderr, pattern);
  }
});

test("without an account the dashboard says which variable to set", () => {
  const env = { ...process.env };
  delete env.AZURE_BATCH_ENDPOINT;
  const result = runCli([], env);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /set AZURE_BATCH_ENDPOINT/);
});
