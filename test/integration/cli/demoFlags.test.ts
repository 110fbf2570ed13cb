import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runCliAsync } from "../../helpers/runCli.js";

/** An empty config home with one profile, and no setting from the caller's environment. */
async function isolatedEnv(t: { after(fn: () => Promise<void>): void }): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), "batchtop-demo-flags-"));
  t.after(() => rm(home, { recursive: true, force: true }));
  await mkdir(join(home, "batchtop"), { recursive: true });
  await writeFile(
    join(home, "batchtop", "config.json"),
    JSON.stringify({ profiles: { ops: { refresh: "5s" } } }),
  );
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: home };
}

test("demo takes the dashboard's --read-only=VALUE, --refresh, --theme, --profile and --since, read the same way", async (t) => {
  const env = await isolatedEnv(t);
  // Every flag parsed and accepted; the unknown theme then stops it before the demo account starts.
  const mistakes = [
    ["--read-only=maybe"],
    ["--refresh", "0.1s"],
    ["--theme", "../x"],
    ["--profile", "nope"],
    ["--since", "soon"],
  ];
  const dashboardEnv = { ...env, AZURE_BATCH_ENDPOINT: "https://a.westeurope.batch.azure.com" };
  const [accepted, ...answers] = await Promise.all([
    runCliAsync(
      [
        "demo",
        "--read-only=true",
        "--refresh",
        "3s",
        "--profile",
        "ops",
        "--find",
        "x",
        "--since",
        "30m",
        "--theme",
        "nope",
      ],
      env,
    ),
    ...mistakes.flatMap((flags) => [
      runCliAsync([...flags], dashboardEnv),
      runCliAsync(["demo", ...flags], env),
    ]),
  ]);
  assert.equal(accepted.status, 2, accepted.stderr);
  assert.match(accepted.stderr, /^batchtop: unknown theme "nope" \(--theme\); built-in themes: dark/);
  assert.doesNotMatch(accepted.stderr, /starting the demo account/);

  // The same words as the dashboard for the same mistakes.
  for (const [index, flags] of mistakes.entries()) {
    const dashboard = answers[2 * index];
    const demo = answers[2 * index + 1];
    assert.ok(dashboard && demo);
    assert.equal(dashboard.status, 2, `${flags.join(" ")}: ${dashboard.stderr}`);
    assert.equal(demo.status, 2, `demo ${flags.join(" ")}: ${demo.stderr}`);
    assert.equal(demo.stderr, dashboard.stderr, flags.join(" "));
  }
});

test("demo refuses the account flags, since its account is built in", () => {
  const result = runCli(["demo", "--account-endpoint", "https://a.westeurope.batch.azure.com"]);
  assert.equal(result.status, 2);
  assert.equal(result.stderr, "batchtop: unknown flag --account-endpoint for demo; see batchtop --help\n");
});

test("a negative --seed or --speed is refused in words about the number, for demo and sim alike", async () => {
  const commands = ["demo", "sim"];
  const answers = await Promise.all(
    commands.flatMap((command) => [
      runCliAsync([command, "--seed", "-1"]),
      runCliAsync([command, "--speed", "-0.5"]),
    ]),
  );
  for (const [index] of commands.entries()) {
    const seed = answers[2 * index];
    const speed = answers[2 * index + 1];
    assert.ok(seed && speed);
    assert.equal(seed.status, 2);
    assert.equal(seed.stderr, 'batchtop: --seed must be a whole number from 0 to 4294967295, got "-1"\n');
    assert.equal(speed.status, 2);
    assert.equal(speed.stderr, 'batchtop: --speed must be a number from 0 to 1000, got "-0.5"\n');
  }
});
