import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, spawnCli } from "../../helpers/runCli.js";

interface SnapshotJson {
  healthy: boolean;
  problems: { kind: string; subject: string; detail: string }[];
  pools: { id: string; nodeCounts: Record<string, number> }[];
  failedTasks: { jobId: string; id: string; result?: string }[];
}

/** `eval "$(batchtop sim ...)"`: the exported variables, and nothing else from this test's shell. */
async function withSimulator<T>(args: string[], use: (env: NodeJS.ProcessEnv) => T): Promise<T> {
  const sim = spawnCli(["sim", "--speed", "0", "--no-storage", ...args]);
  let stdout = "";
  let stderr = "";
  sim.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  sim.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    while (!/ready in/.test(stderr)) {
      if (sim.exitCode !== null) assert.fail(`sim exited early: ${stderr}`);
      await once(sim.stderr!, "data");
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // An empty config dir: the test must not depend on the machine's own profiles.
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "batchtop-config-")),
    };
    for (const match of stdout.matchAll(/^export ([A-Z_]+)='(.*)'$/gm)) env[match[1]!] = match[2]!;
    return use(env);
  } finally {
    sim.kill("SIGINT");
    await once(sim, "exit");
  }
}

test('eval "$(batchtop sim --scenario incident)"; batchtop snapshot --json reports the incident and exits 1', async () => {
  await withSimulator(["--scenario", "incident", "--seed", "4"], (env) => {
    const result = runCli(["snapshot", "--json"], env);
    assert.equal(result.status, 1, result.stderr);
    const snapshot = JSON.parse(result.stdout) as SnapshotJson;
    assert.equal(snapshot.healthy, false);
    assert.ok(snapshot.pools.some((pool) => pool.id === "etl-highmem-e8"));
    const kinds = new Set(snapshot.problems.map((problem) => problem.kind));
    assert.ok(kinds.has("failed-tasks"), JSON.stringify(snapshot.problems));
    assert.ok(
      kinds.has("unusable-nodes") || kinds.has("start-task-failed"),
      JSON.stringify(snapshot.problems),
    );
    assert.ok(snapshot.failedTasks.every((task) => task.jobId.startsWith("adfv2-")));
    const failing = snapshot.problems.find((problem) => problem.kind === "failed-tasks");
    assert.match(failing?.detail ?? "", /^\d+ failed: \d+ \w+/);

    const table = runCli(["snapshot"], { ...env, NO_COLOR: "1" });
    assert.equal(table.status, 1);
    assert.match(table.stdout, /POOL\s+ALLOCATION\s+DEDICATED/);
    assert.match(table.stdout, /\d+ problems? \(failed tasks since /);
    assert.ok(!table.stdout.includes("\u001b"), "NO_COLOR output has no escape sequences");
  });
});

test("a snapshot of the healthy scenario with a short window exits 0", async () => {
  await withSimulator(["--scenario", "healthy", "--seed", "4"], (env) => {
    const result = runCli(["snapshot", "--json", "--since", "1m"], env);
    const snapshot = JSON.parse(result.stdout) as SnapshotJson;
    assert.equal(result.status, snapshot.healthy ? 0 : 1, "the exit code follows the verdict");
    assert.equal(snapshot.healthy, true, JSON.stringify(snapshot.problems));
  });
});

test("a bad --since is one line and exit 2", () => {
  const result = runCli(["snapshot", "--since", "soon"], {
    ...process.env,
    AZURE_BATCH_ENDPOINT: "https://a.westeurope.batch.azure.com",
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^batchtop: --since must be a duration/);
});
