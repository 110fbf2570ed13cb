import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { scaleScenario } from "../../../src/sim/world/scenarios/scale.js";
import { TaskSync, type TaskSyncResult } from "../../../src/store/taskSync.js";
import { ManualClock } from "../../helpers/manualClock.js";
import { measure, startSimAccount, type SimAccount, type Traffic } from "../../helpers/simAdapters.js";

// A scale world's big job, a few hundred of its tasks running or queued. A full list is what a naive
// poller sends every cycle; TaskSync sends it once, then only what changed, and now and then a
// resync of stamps to notice deleted tasks. Four thousand tasks (four pages) with room held for
// half of them prove what the benchmarks' 100,000 with room for 50,000 do, in a fraction of the time.

const bigJob = "adfv2-etl-pool-00";
const jobTasks = 4_000;
const pageSize = 1_000;
const jobPages = jobTasks / pageSize;
const maxTasks = jobTasks / 2;
const smallScale = scaleScenario({
  pools: 2,
  nodesPerPool: 100,
  tasks: jobTasks + 500,
  bigJobTasks: jobTasks,
});
let account: SimAccount;
// This process's clock moves with the world's, as real time does with Azure's.
let clock: ManualClock;
let sync: TaskSync;
/** The first cycle: the one full list of every row, which both tests compare with. */
let full: { result: TaskSyncResult } & Traffic;

before(async () => {
  account = await startSimAccount({
    scenario: "scale",
    scenarioDefinition: smallScale,
    seed: 1,
    storage: false,
    readOnly: true,
  });
  clock = new ManualClock(account.sim.world.now().getTime());
  sync = new TaskSync(account.adapters.reader, bigJob, {
    overlapMs: 30_000,
    fullResyncIntervalMs: 60 * 60_000,
    maxTasks,
    clock,
  });
  full = await measure(account.sim, () => sync.sync());
});
after(() => account.sim.stop());

async function step(ms: number): Promise<void> {
  account.sim.world.advance(ms);
  await clock.advance(ms);
}

/** Ids of the big job's tasks whose state changed after `afterMs`, as the world itself knows them. */
function changedInWorld(afterMs: number): string[] {
  return account.sim.world
    .listTasks(bigJob)
    .filter((task) => Date.parse(task.stateTransitionTime) > afterMs)
    .map((task) => task.id)
    .sort();
}

test("after one full list, a cycle transfers only the tasks whose state changed", async (t) => {
  const { sim } = account;
  assert.equal(full.result.kind, "full");
  assert.equal(full.result.received, jobTasks);
  assert.equal(full.count, jobPages, "1,000 tasks a page");
  assert.ok(full.result.held <= maxTasks * 1.1, `held within the bound: ${full.result.held}`);
  assert.equal(full.result.partial, true, "the job has more tasks than are held");

  // Within the overlap the newest changes are read again; after it they are settled.
  await step(30_000);
  const settling = await measure(sim, () => sync.sync());
  assert.equal(settling.result.changed.length, 0);
  const quiet = await measure(sim, () => sync.sync());
  assert.equal(quiet.count, 1);
  assert.equal(quiet.result.received, 0, "nothing changed, nothing travels but an empty page");

  const settledAt = quiet.result.changedAfter!.getTime();
  await step(10 * 60_000);
  const expected = changedInWorld(settledAt);
  assert.ok(expected.length > 0, "tasks finished and started in ten minutes");
  const incremental = await measure(sim, () => sync.sync());
  assert.equal(incremental.result.kind, "incremental");
  assert.equal(incremental.count, 1);
  assert.deepEqual(incremental.result.changed.map((task) => task.id).sort(), expected);
  assert.equal(incremental.result.received, expected.length, "only changed tasks travelled");
  for (const id of expected) assert.equal(sync.tasks().get(id)?.state, sim.world.getTask(bigJob, id)?.state);

  const perTaskFull = full.responseBytes / full.result.received;
  const perTaskIncremental = incremental.responseBytes / incremental.result.received;
  // Bytes grow with what changed: each changed task costs what it does in a full list.
  assert.ok(perTaskIncremental < 1.5 * perTaskFull, `${perTaskIncremental.toFixed(0)} B a changed task`);
  assert.ok(incremental.responseBytes < full.responseBytes / 20);
  t.diagnostic(
    `full list: ${full.count} requests, ${full.responseBytes} bytes for ${full.result.received} tasks (${perTaskFull.toFixed(0)} B/task)`,
  );
  t.diagnostic(
    `cycle within the overlap: ${settling.count} request, ${settling.responseBytes} bytes for ${settling.result.received} re-read tasks`,
  );
  t.diagnostic(`quiet cycle: ${quiet.count} request, ${quiet.responseBytes} bytes`);
  t.diagnostic(
    `incremental after 10 min: ${incremental.count} request, ${incremental.responseBytes} bytes for ${incremental.result.received} changed tasks (${perTaskIncremental.toFixed(0)} B/task)`,
  );
});

test("a resync lists every task's stamp and fetches only the stale rows: a fraction of the full list", async (t) => {
  const { sim } = account;
  // Ten minutes with no cycle at all: every change in them is stale at the resync.
  await step(10 * 60_000);
  const heldBefore = new Map(sync.tasks());
  sync.requestFullResync();
  const started = performance.now();
  const resync = await measure(sim, () => sync.sync());
  const wallMs = performance.now() - started;

  assert.equal(resync.result.kind, "resync");
  assert.equal(resync.result.listed, jobTasks);
  assert.deepEqual(resync.result.removed, [], "no task was deleted");
  const stale = sim.world
    .listTasks(bigJob)
    .filter((task) => {
      const before = heldBefore.get(task.id);
      return before
        ? before.stateTransitionTime?.toISOString() !== task.stateTransitionTime
        : sync.tasks().has(task.id);
    })
    .map((task) => task.id)
    .sort();
  assert.ok(stale.length > 0, "tasks finished and started in ten minutes");
  assert.deepEqual(resync.result.changed.map((task) => task.id).sort(), stale);
  for (const [id, row] of sync.tasks()) {
    const inWorld = sim.world.getTask(bigJob, id);
    assert.equal(row.state, inWorld?.state, id);
    assert.equal(row.stateTransitionTime?.toISOString(), inWorld?.stateTransitionTime, id);
  }

  assert.ok(resync.count <= jobPages + 2, `${resync.count} requests`);
  assert.ok(
    resync.result.received < 2 * stale.length + 10,
    `${resync.result.received} rows for ${stale.length}`,
  );
  const ratio = resync.responseBytes / full.responseBytes;
  assert.ok(ratio < 0.25, `the resync transferred ${(ratio * 100).toFixed(1)}% of the full list's bytes`);
  t.diagnostic(
    `resync: ${resync.count} requests, ${resync.responseBytes} bytes (${(ratio * 100).toFixed(1)}% of the full list's ${full.responseBytes}) for ${resync.result.listed} stamps and ${resync.result.received} rows (${stale.length} stale), ${wallMs.toFixed(0)} ms`,
  );
});
