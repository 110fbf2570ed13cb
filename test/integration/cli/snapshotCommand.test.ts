import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startSimCli } from "../../helpers/runCli.js";

interface SnapshotJson {
  healthy: boolean;
  problems: { kind: string; subject: string; detail: string }[];
  pools: { id: string; nodeCounts: Record<string, number> }[];
  failedTasks: { jobId: string; id: string; result?: string }[];
}

/** `eval "$(batchtop sim ...)"` in a shell that has nothing else of this test's environment. */
async function withSimulator<T>(args: string[], use: (env: NodeJS.ProcessEnv) => T): Promise<T> {
  const sim = await startSimCli(["--speed", "0", "--no-storage", ...args]);
  try {
    return use({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // An empty config dir: the test must not depend on the machine's own profiles.
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "batchtop-config-")),
      ...sim.exports,
    });
  } finally {
    await sim.interrupt();
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

test("snapshot --since lists what changed in the window, in its table and as a changes array with stable fields", async () => {
  await withSimulator(["--scenario", "incident", "--seed", "4"], (env) => {
    const result = runCli(["snapshot", "--json", "--since", "1h"], env);
    assert.equal(result.status, 1, result.stderr);
    const snapshot = JSON.parse(result.stdout) as SnapshotJson & {
      changes: {
        time: string;
        kind: string;
        subject: string;
        detail: string;
        source: string;
        jump?: object;
      }[];
      changeNotes: string[];
    };
    assert.deepEqual(snapshot.changeNotes, [], "the demo exports a workspace and ARM: every source answered");
    const failing = snapshot.changes.find((change) => change.subject === "transform_customers_hourly");
    assert.deepEqual(Object.keys(failing ?? {}), ["time", "kind", "subject", "detail", "source", "jump"]);
    assert.equal(failing?.kind, "pipeline-failing");
    assert.equal(failing?.source, "log-analytics");
    assert.match(failing?.detail ?? "", /started failing .* with 2500/);
    assert.ok(snapshot.changes.some((change) => change.kind === "new-failure-code"));
    const times = snapshot.changes.map((change) => Date.parse(change.time));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      "newest first",
    );

    const table = runCli(["snapshot", "--since", "1h"], { ...env, NO_COLOR: "1" });
    assert.match(table.stdout, /\d+ changes since \S+, newest first:/);
    assert.match(table.stdout, /pipeline transform_customers_hourly started failing/);
    // Without --since the snapshot is as it was: no list of changes.
    const plain = JSON.parse(runCli(["snapshot", "--json"], env).stdout) as Record<string, unknown>;
    assert.equal("changes" in plain, false);
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

test("a snapshot of an account nobody answers for exits 1 within seconds, with one line naming what was tried", async (t) => {
  const closed = createServer().listen(0, "127.0.0.1");
  await once(closed, "listening");
  const address = closed.address();
  assert.ok(address !== null && typeof address === "object");
  closed.close();
  await once(closed, "close");
  const endpoint = `https://127.0.0.1:${address.port}`;
  // The demo account's identity endpoint signs in; the Batch endpoint is the closed port.
  await withSimulator(["--scenario", "healthy"], (env) => {
    const timed = (extra: NodeJS.ProcessEnv) => {
      const started = performance.now();
      const result = runCli(["snapshot"], { ...env, ...extra });
      return { result, seconds: (performance.now() - started) / 1000 };
    };
    // Start-up and sign-in from source, on this machine under its present load: the yardstick.
    const answered = timed({});
    const dead = timed({ AZURE_BATCH_ENDPOINT: endpoint });
    assert.equal(dead.result.status, 1);
    assert.equal(dead.result.stdout, "");
    assert.equal(
      dead.result.stderr,
      `batchtop: unreachable: connection refused (ECONNREFUSED) at ${endpoint}\n`,
    );
    // It took 31 s while each read retried behind a backoff the three reads drove up together.
    assert.ok(
      dead.seconds < answered.seconds + 3,
      `${dead.seconds.toFixed(1)} s against the closed port, ${answered.seconds.toFixed(1)} s against the account`,
    );
    t.diagnostic(
      `snapshot: ${dead.seconds.toFixed(1)} s against a closed port, ${answered.seconds.toFixed(1)} s against the demo account`,
    );
  });
});
