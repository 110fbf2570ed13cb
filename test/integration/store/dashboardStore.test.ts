import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { settle } from "../../helpers/manualClock.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import { startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// The store over batchtop's real adapters and the demo account, counting what each cycle sends.

let account: SimAccount;
let store: DashboardStore;
const timers = new ManualTimers();

before(async () => {
  account = await startSimAccount({ scenario: "healthy", seed: 5, readOnly: true, storage: false });
  const { adapters } = account;
  store = createDashboardStore(
    { reader: adapters.reader, throttleState: () => adapters.throttles.batch.state() },
    // The health check and the failure line have their own slower rhythms; kept out of these cycles.
    { refreshMs: 2000, healthMs: 3_600_000, failuresMs: 3_600_000, timers },
  );
});
after(async () => {
  store.stop();
  await account.sim.stop();
});

/** Runs one cycle of everything in focus and waits until every poll has published. */
async function cycle(): Promise<{ count: number; paths: string[]; bytesFor: (path: string) => number }> {
  const mark = account.sim.requestLog.mark();
  timers.advance(2000);
  for (
    let i = 0;
    i < 200 && (store.getSnapshot().overview.loading || store.getSnapshot().tasks.loading);
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await settle();
  const requests = account.sim.requestLog.since(mark);
  return {
    count: requests.length,
    paths: requests.map((request) => request.path).sort(),
    bytesFor: (path) =>
      requests.filter((request) => request.path === path).reduce((sum, r) => sum + r.responseBytes, 0),
  };
}

async function ready(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const snapshot = store.getSnapshot();
    if (
      snapshot.overview.fetchedAt &&
      snapshot.health.fetchedAt &&
      snapshot.failures.fetchedAt &&
      !snapshot.overview.loading &&
      !snapshot.tasks.loading &&
      !snapshot.health.loading
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail("the first poll never finished");
}

test("a steady overview cycle costs the same few requests however many tasks the account holds", async () => {
  store.setFocus({});
  await ready();
  const before = await cycle();
  assert.deepEqual(before.paths, ["/jobs", "/nodecounts", "/pools"]);
  // Two simulated hours: hundreds more tasks, and not one more request per overview cycle.
  const tasksBefore = account.sim.world
    .listJobs()
    .reduce((sum, job) => sum + account.sim.world.listTasks(job.id).length, 0);
  account.sim.world.advance(2 * 60 * 60 * 1000);
  const tasksAfter = account.sim.world
    .listJobs()
    .reduce((sum, job) => sum + account.sim.world.listTasks(job.id).length, 0);
  assert.ok(tasksAfter > tasksBefore + 100, `the account grew from ${tasksBefore} to ${tasksAfter} tasks`);
  const afterGrowth = await cycle();
  assert.equal(afterGrowth.count, before.count);
});

test("a focused job adds its tasks and counts; a quiet job's cycle costs one small task request", async () => {
  const job = store.getSnapshot().overview.data?.jobs.find((candidate) => candidate.id.startsWith("adfv2-"));
  assert.ok(job, "the healthy scenario has an ADF job");
  const mark = account.sim.requestLog.mark();
  store.setFocus({ jobId: job.id });
  await ready();
  const held = store.getSnapshot().tasks.data?.rows.length ?? 0;
  assert.ok(held > 100, `the first sync lists the job's ${held} tasks`);
  const firstSyncBytes = account.sim.requestLog
    .since(mark)
    .filter((request) => request.path === `/jobs/${job.id}/tasks`)
    .reduce((sum, request) => sum + request.responseBytes, 0);
  // Let the sync's overlap window pass with the world frozen: nothing changes any more.
  await cycle();
  await cycle();
  const quiet = await cycle();
  assert.deepEqual(quiet.paths, [
    "/jobs",
    `/jobs/${job.id}/taskcounts`,
    `/jobs/${job.id}/tasks`,
    "/nodecounts",
    "/pools",
  ]);
  const quietBytes = quiet.bytesFor(`/jobs/${job.id}/tasks`);
  assert.ok(
    quietBytes < firstSyncBytes / 20,
    `a quiet cycle moved ${quietBytes} bytes of tasks, the first sync ${firstSyncBytes}`,
  );
});
