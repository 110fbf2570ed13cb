import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../helpers/runCli.js";

/**
 * An account endpoint nobody answers and an empty config home: the theme is checked before sign-in,
 * so these tests need no Azure and no network.
 */
async function isolatedEnv(t: { after(fn: () => Promise<void>): void }): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), "batchtop-theme-cli-"));
  t.after(() => rm(home, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: home,
    AZURE_BATCH_ENDPOINT: "https://nobody.westeurope.batch.azure.com",
  };
  for (const name of ["BATCHTOP_PROFILE", "BATCHTOP_THEME", "BATCHTOP_POLICY", "NO_COLOR"]) delete env[name];
  return env;
}

test("an unknown --theme stops the dashboard in one line listing the themes, exit 2", async (t) => {
  const env = await isolatedEnv(t);
  const result = runCli(["--theme", "nope"], env);
  assert.equal(result.status, 2, result.stderr);
  assert.equal(
    result.stderr,
    `batchtop: unknown theme "nope" (--theme); built-in themes: dark, high-contrast, light; user themes in ${join(env.XDG_CONFIG_HOME!, "batchtop", "themes")}: none\n`,
  );
});

test("a broken user theme named by BATCHTOP_THEME stops the dashboard naming the file", async (t) => {
  const env = await isolatedEnv(t);
  const themes = join(env.XDG_CONFIG_HOME!, "batchtop", "themes");
  await mkdir(themes, { recursive: true });
  await writeFile(join(themes, "ops.json"), '{"extends": "dark", "tokens": {"node.idle": "teal"}}');
  const result = runCli([], { ...env, BATCHTOP_THEME: "ops" });
  assert.equal(result.status, 2, result.stderr);
  assert.equal(
    result.stderr,
    `batchtop: ${join(themes, "ops.json")}: tokens["node.idle"]: must be a colour name (black, red, green, …, whiteBright), #rrggbb or "default", got "teal"\n`,
  );
});

test("the demo checks the theme before it starts the demo account", async (t) => {
  const env = await isolatedEnv(t);
  const result = runCli(["demo"], { ...env, BATCHTOP_THEME: "nope" });
  assert.equal(result.status, 2, result.stderr);
  assert.match(
    result.stderr,
    /^batchtop: unknown theme "nope" \(env BATCHTOP_THEME\); built-in themes: dark/,
  );
  assert.doesNotMatch(result.stderr, /starting the demo account/);
});
