import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import type { TaskListOptions } from "../../../src/azure/jobReads.js";
import type { RunHistory } from "../../../src/azure/runHistory.js";
import type { PoolSummary } from "../../../src/model/pools.js";
import type { TaskRow, TaskStamp } from "../../../src/model/tasks.js";
import { createDashboardStore } from "../../../src/store/dashboardStore.js";
import { fakeBatchReader } from "../../helpers/fakeBatchReader.js";
import { settle } from "../../helpers/manualClock.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import { activityRun, nodeSummary, poolSummary } from "../../helpers/modelFixtures.js";

function setup() {
  const calls: string[] = [];
  let pools = [poolSummary("alpha"), poolSummary("beta")];
  let failPools: AzureRequestError | undefined;
  const reader = fakeBatchReader({
    listPools: async () => {
      calls.push("pools");
      if (failPools) throw failPools;
      return pools;
    },
    poolNodeCounts: async () => (calls.push("nodecounts"), []),
    listJobs: async () => (calls.push("jobs"), []),
    listNodes: async (poolId) => (calls.push(`nodes:${poolId}`), [nodeSummary(`${poolId}-1`)]),
  });
  const timers = new ManualTimers();
  let clock = 1_000_000;
  const store = createDashboardStore({ reader }, { refreshMs: 2000, timers, now: () => clock });
  return {
    store,
    timers,
    calls,
    setPools: (next: PoolSummary[]) => (pools = next),
    failPoolsWith: (error?: AzureRequestError) => (failPools = error),
    tick: (ms: number) => {
      clock += ms;
      timers.advance(ms);
    },
  };
}

test("only the overview is polled until something is in focus; a pool's nodes then join", async () => {
  const { store, calls, tick } = setup();
  store.setFocus({});
  await settle();
  // The failure line and the health check read the overview's jobs: no list of their own.
  assert.deepEqual(calls.sort(), ["jobs", "nodecounts", "pools"]);
  calls.length = 0;
  store.setFocus({ poolId: "beta" });
  await settle();
  assert.deepEqual(calls, ["nodes:beta"]);
  assert.deepEqual(
    store.getSnapshot().nodes.data?.map((n) => n.id),
    ["beta-1"],
  );
  calls.length = 0;
  tick(2000);
  await settle();
  assert.deepEqual(calls.sort(), ["jobs", "nodecounts", "nodes:beta", "pools"]);
  store.stop();
});

test("a poll that changed nothing keeps the same data object", async () => {
  const { store, tick } = setup();
  store.setFocus({});
  await settle();
  const first = store.getSnapshot().overview;
  tick(2000);
  await settle();
  const second = store.getSnapshot().overview;
  assert.equal(second.data, first.data, "unchanged data keeps its identity");
  assert.ok((second.fetchedAt ?? 0) > (first.fetchedAt ?? 0), "but its age is renewed");
  store.stop();
});

test("a poll that brought nothing new does not wake the screen; new data and errors do", async () => {
  const { store, tick, setPools, failPoolsWith } = setup();
  let heard = 0;
  store.subscribe(() => (heard += 1));
  store.setFocus({});
  await settle();
  heard = 0;
  tick(2000);
  await settle();
  assert.equal(heard, 0, "same pools: the next clock tick shows the new age, no extra frame");
  assert.ok((store.getSnapshot().overview.fetchedAt ?? 0) >= 1_002_000, "the snapshot carries the new age");
  setPools([poolSummary("alpha")]);
  tick(2000);
  await settle();
  assert.equal(heard, 1, "a pool went away");
  failPoolsWith(new AzureRequestError("Server busy.", 503, "ServerBusy", undefined, undefined));
  tick(2000);
  await settle();
  assert.equal(heard, 2, "the failure shows at once");
  store.stop();
});

test("changed data replaces the object", async () => {
  const { store, tick, setPools } = setup();
  store.setFocus({});
  await settle();
  const first = store.getSnapshot().overview.data;
  setPools([poolSummary("alpha", { currentDedicatedNodes: 1 }), poolSummary("beta")]);
  tick(2000);
  await settle();
  assert.notEqual(store.getSnapshot().overview.data, first);
  assert.equal(store.getSnapshot().overview.data?.pools[0]?.currentDedicatedNodes, 1);
  store.stop();
});

test("a failed poll keeps the last data and records the service's words", async () => {
  const { store, tick, failPoolsWith } = setup();
  store.setFocus({});
  await settle();
  const fetchedAt = store.getSnapshot().overview.fetchedAt;
  failPoolsWith(new AzureRequestError("Too many requests.", 429, "TooManyRequests", 12_000, undefined));
  tick(2000);
  await settle();
  const overview = store.getSnapshot().overview;
  assert.equal(overview.data?.pools.length, 2);
  assert.equal(overview.fetchedAt, fetchedAt);
  assert.equal(overview.error, "HTTP 429 TooManyRequests: Too many requests.");
  failPoolsWith(undefined);
  tick(2000);
  await settle();
  assert.equal(store.getSnapshot().overview.error, undefined);
  store.stop();
});

test("moving focus away clears the old pool's nodes and stops polling them", async () => {
  const { store, calls, tick } = setup();
  store.setFocus({ poolId: "alpha" });
  await settle();
  store.setFocus({ poolId: "beta" });
  assert.equal(store.getSnapshot().nodes.data, undefined, "alpha's nodes are not shown as beta's");
  await settle();
  calls.length = 0;
  tick(2000);
  await settle();
  assert.ok(!calls.includes("nodes:alpha"));
  assert.ok(calls.includes("nodes:beta"));
  store.stop();
});

test("subscribers hear every published change and nothing after stop", async () => {
  const { store, tick } = setup();
  let heard = 0;
  store.subscribe(() => heard++);
  store.setFocus({});
  await settle();
  assert.ok(heard >= 2, "focus change, loading and result are published");
  store.stop();
  const before = heard;
  tick(10_000);
  await settle();
  assert.equal(heard, before);
});

test("a focused job's tasks get their pipeline context from Log Analytics by activity run id", async (t) => {
  // The real clock stands still: the store may wait only on the timers it was given.
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const requested: string[][] = [];
  const durationsAsked: { pairs: unknown[]; window: unknown }[] = [];
  const reader = fakeBatchReader({
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [],
    jobTaskCounts: async () => ({ active: 0, running: 0, completed: 2, succeeded: 1, failed: 1 }),
    listTaskPages: async function* () {
      yield [
        { id: "run-1", state: "completed", result: "failure", retryCount: 0, requeueCount: 0 },
        { id: "run-2", state: "completed", result: "success", retryCount: 0, requeueCount: 0 },
      ];
    },
  });
  const runHistory: RunHistory = {
    activityRunsByIds: async (ids) => {
      requested.push([...ids]);
      return {
        items: [activityRun()],
        warnings: [
          { source: "SynapseIntegrationActivityRuns", message: "the Synapse tables did not answer" },
        ],
      };
    },
    latestActivityRuns: async () => assert.fail("not used"),
    activityRunTransitions: async () => assert.fail("not used"),
    taskFailEvents: async () => assert.fail("not used"),
    activityDurations: async (pairs, window) => {
      durationsAsked.push({ pairs: [...pairs], window });
      const stat = {
        pipelineName: "transform_customers_hourly",
        activityName: "transform",
        p95Ms: 60_000,
        runs: 9,
      };
      return { items: pairs.length > 0 ? [stat] : [], warnings: [] };
    },
  };
  const timers = new ManualTimers();
  const store = createDashboardStore({ reader, runHistory }, { refreshMs: 2000, timers });
  store.setFocus({ jobId: "adfv2-etl" });
  // The first tasks start the lookup at once: no timer has to fire for it.
  await settle();
  const runs = store.getSnapshot().runs.data;
  assert.deepEqual(requested.at(-1)?.sort(), ["run-1", "run-2"]);
  assert.equal(runs?.byActivityRunId.get("run-1")?.pipelineName, "transform_customers_hourly");
  assert.deepEqual(runs?.warnings, ["the Synapse tables did not answer"]);

  // The usual durations of the activities the runs named, asked once they were known, over a week.
  const week = { durationMs: 7 * 24 * 3_600_000 };
  assert.deepEqual(durationsAsked.at(-1), {
    pairs: [{ pipelineName: "transform_customers_hourly", activityName: "transform" }],
    window: week,
  });
  assert.equal(store.getSnapshot().usualDurations.data?.stats[0]?.p95Ms, 60_000);
  // Rarely: not with the runs every 30 s, but again after 10 minutes.
  const asked = durationsAsked.length;
  timers.advance(60_000);
  await settle();
  assert.equal(durationsAsked.length, asked);
  timers.advance(540_000);
  await settle();
  assert.equal(durationsAsked.length, asked + 1);
  store.stop();
});

/** A job of `count` tasks, every tenth failed, answering task lists in pages of 10 and logging each. */
function bigJobReader(count: number) {
  const at = (index: number) => new Date(Date.UTC(2026, 0, 1) + index * 1000);
  const tasks: TaskRow[] = Array.from({ length: count }, (_, index) => ({
    id: `task-${index}`,
    state: "completed",
    result: index % 10 === 0 ? "failure" : "success",
    retryCount: 0,
    requeueCount: 0,
    stateTransitionTime: at(index),
  }));
  const lists: TaskListOptions[] = [];
  const pagesServed = { failedOnly: 0 };
  const reader = fakeBatchReader({
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [],
    jobTaskCounts: async () => ({
      active: 0,
      running: 0,
      completed: count,
      succeeded: count - count / 10,
      failed: count / 10,
    }),
    listTaskPages: async function* (_jobId, options = {}) {
      lists.push(options);
      const after = options.changedAfter?.getTime() ?? -Infinity;
      const matching = tasks.filter(
        (task) =>
          (!options.failedOnly || (task.state === "completed" && task.result === "failure")) &&
          (task.stateTransitionTime?.getTime() ?? 0) > after,
      );
      for (let start = 0; start < matching.length; start += 10) {
        if (options.failedOnly) pagesServed.failedOnly += 1;
        yield matching.slice(start, start + 10);
      }
    },
  });
  return { reader, lists, pagesServed };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await settle();
  assert.ok(condition(), "the store never got there");
}

test("faults-only on a job larger than what is held fetches its failed tasks by filter, bounded", async () => {
  const { reader, lists, pagesServed } = bigJobReader(400);
  const timers = new ManualTimers();
  const store = createDashboardStore({ reader }, { refreshMs: 2000, timers, maxTasks: 100 });
  store.setFocus({ jobId: "adfv2-big" });
  await until(() => store.getSnapshot().tasks.data !== undefined);
  const held = store.getSnapshot().tasks.data;
  assert.equal(held?.partial, true, "400 tasks do not fit in 100");
  assert.ok((held?.rows.length ?? 0) <= 200, "within the cap and its slack");
  assert.ok(!lists.some((options) => options.failedOnly), "no failed-task list while faults-only is off");

  store.setFocus({ jobId: "adfv2-big", taskFaultsOnly: true });
  await until(() => store.getSnapshot().failedTasks.data !== undefined);
  const failed = store.getSnapshot().failedTasks.data;
  assert.equal(failed?.rows.length, 40, "every failed task, the old ones the cap dropped included");
  assert.equal(failed?.truncated, false);
  assert.equal(pagesServed.failedOnly, 4, "only the failed tasks travel: 40 in pages of 10");
  assert.equal(failed?.rows[0]?.id, "task-390", "most recently changed first");
  assert.ok(failed?.rows.some((task) => task.id === "task-0"));
  assert.ok(
    store.getSnapshot().tasks.data?.rows.every((task) => task.id !== "task-0"),
    "task-0 is not held",
  );

  store.setFocus({ jobId: "adfv2-big" });
  assert.equal(store.getSnapshot().failedTasks.data, undefined, "faults-only off: the list is dropped");
  store.stop();

  // The bound: pages stop once it is reached, and the list says more matched.
  const small = bigJobReader(400);
  const bounded = createDashboardStore(
    { reader: small.reader },
    { refreshMs: 2000, timers: new ManualTimers(), maxTasks: 100, maxFailedTasks: 25 },
  );
  bounded.setFocus({ jobId: "adfv2-big", taskFaultsOnly: true });
  await until(() => bounded.getSnapshot().failedTasks.data !== undefined);
  assert.equal(bounded.getSnapshot().failedTasks.data?.rows.length, 25);
  assert.equal(bounded.getSnapshot().failedTasks.data?.truncated, true);
  assert.equal(small.pagesServed.failedOnly, 3, "no page asked for beyond the bound");
  bounded.stop();
});

test("faults-only on a job that fits filters what is held and asks Batch for nothing more", async () => {
  const { reader, lists } = bigJobReader(50);
  const store = createDashboardStore(
    { reader },
    { refreshMs: 2000, timers: new ManualTimers(), maxTasks: 100 },
  );
  store.setFocus({ jobId: "adfv2-small", taskFaultsOnly: true });
  await until(() => store.getSnapshot().tasks.data !== undefined);
  await settle();
  assert.equal(store.getSnapshot().tasks.data?.partial, false);
  assert.ok(!lists.some((options) => options.failedOnly));
  assert.equal(store.getSnapshot().failedTasks.data, undefined);
  store.stop();
});

test("the account's failed tasks are polled on their own slower rhythm, only failures, across active jobs", async () => {
  const asked: { jobId: string; failedOnly?: boolean; changedAfter?: Date }[] = [];
  const failed = {
    id: "run-1",
    state: "completed",
    result: "failure",
    retryCount: 0,
    requeueCount: 0,
    failure: { category: "usererror", code: "FailureExitCode" },
  };
  const reader = fakeBatchReader({
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [
      { id: "adfv2-a", state: "active", priority: 0 },
      { id: "adfv2-done", state: "completed", priority: 0 },
    ],
    listTasks: async (jobId, options) => {
      asked.push({ jobId, ...options });
      return [failed];
    },
  });
  const timers = new ManualTimers();
  let clock = 10_000_000;
  const store = createDashboardStore(
    { reader },
    { refreshMs: 2000, failuresMs: 30_000, timers, now: () => clock },
  );
  store.setFocus({});
  await settle();
  assert.deepEqual(store.getSnapshot().failures.data, [{ jobId: "adfv2-a", failed: [failed] }]);
  assert.equal(asked.length, 1, "completed jobs are not asked");
  assert.equal(asked[0]?.failedOnly, true);
  assert.equal(asked[0]?.changedAfter?.getTime(), clock - 3_600_000, "the last hour, as the snapshot");
  const before = store.getSnapshot().failures.data;
  clock += 2000;
  timers.advance(2000);
  await settle();
  assert.equal(asked.length, 1, "not every refresh");
  clock += 28_000;
  timers.advance(28_000);
  await settle();
  assert.equal(asked.length, 2);
  assert.equal(store.getSnapshot().failures.data, before, "the same failures keep the same data object");
  store.stop();
});

test("the first overview starts the health check at once, with no timer to wait for", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const asked: string[] = [];
  const reader = fakeBatchReader({
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [{ id: "adfv2-a", state: "active", priority: 0 }],
    jobTaskCounts: async (jobId) => {
      asked.push(jobId);
      return { active: 1, running: 0, completed: 0, succeeded: 0, failed: 0 };
    },
    listTasks: async () => [],
  });
  const store = createDashboardStore({ reader }, { refreshMs: 2000, timers: new ManualTimers() });
  store.setFocus({});
  await settle();
  assert.deepEqual(asked, ["adfv2-a"], "the job's counts were asked once the overview named it");
  assert.equal(store.getSnapshot().health.data?.jobCounts.get("adfv2-a")?.active, 1);
  store.stop();
});

test("refresh makes the focused job's next task cycle a resync, which notices deleted tasks", async () => {
  const { reader, lists } = bigJobReader(30);
  const stampLists: string[] = [];
  let deleted = false;
  reader.listTaskStamps = async function* (jobId) {
    stampLists.push(jobId);
    const pages: TaskStamp[][] = [];
    for await (const page of reader.listTaskPages(jobId)) pages.push(page);
    // The stamps as Batch lists them after task-0 was deleted.
    yield pages.flat().filter((task) => !(deleted && task.id === "task-0"));
  };
  const timers = new ManualTimers();
  const store = createDashboardStore({ reader }, { refreshMs: 2000, timers });
  store.setFocus({ jobId: "adfv2-small" });
  await settle();
  assert.equal(store.getSnapshot().tasks.data?.rows.length, 30, "the first cycle lists every task");

  deleted = true;
  timers.advance(2000);
  await settle();
  assert.deepEqual(stampLists, [], "a timed cycle is incremental: it asks only for what changed");
  assert.ok(lists.at(-1)?.changedAfter, "with a changed-since filter");
  assert.equal(store.getSnapshot().tasks.data?.rows.length, 30, "so it cannot see the deletion");

  // The poll after an action is only a poll: no resync of the whole job.
  store.refresh();
  await settle();
  assert.deepEqual(stampLists, [], "a plain refresh is incremental");

  store.refresh({ fullResync: true });
  await settle();
  assert.deepEqual(stampLists, ["adfv2-small"], "the operator's refresh listed every task's stamp");
  const rows = store.getSnapshot().tasks.data?.rows ?? [];
  assert.equal(rows.length, 29);
  assert.ok(
    rows.every((task) => task.id !== "task-0"),
    "the deleted task is gone",
  );
  store.stop();
});

test("the failure line asks only the jobs whose Batch counts show a failure, once the counts are in", async () => {
  const asked: string[] = [];
  const counts = (failed: number) => ({ active: 0, running: 0, completed: 5, succeeded: 5 - failed, failed });
  const reader = fakeBatchReader({
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [
      { id: "adfv2-clean", state: "active", priority: 0 },
      { id: "adfv2-failing", state: "active", priority: 0 },
    ],
    jobTaskCounts: async (jobId) => counts(jobId === "adfv2-failing" ? 2 : 0),
    listTasks: async (jobId) => (asked.push(jobId), []),
  });
  const timers = new ManualTimers();
  const store = createDashboardStore({ reader }, { refreshMs: 2000, failuresMs: 30_000, timers });
  store.setFocus({});
  await settle();
  assert.ok(store.getSnapshot().health.data, "the counts are in");
  asked.length = 0;
  timers.advance(30_000);
  await settle();
  assert.deepEqual(asked, ["adfv2-failing"]);
  store.stop();
});

test("a followed recovery run is asked every 5 s until it ends, and then no more", async () => {
  const asked: string[] = [];
  let status = "Queued";
  const host = {
    kind: "adf" as const,
    factory: { subscriptionId: "sub", resourceGroup: "rg", factoryName: "adf-etl" },
  };
  const timers = new ManualTimers();
  const store = createDashboardStore(
    {
      reader: fakeBatchReader({}),
      pipelineRunReader: {
        getPipelineRun: async (_host, runId) => {
          asked.push(`run:${runId}`);
          return { runId, pipelineName: "transform_hourly", status, parameters: {} };
        },
        activityRuns: async (_host, run) => (asked.push(`activities:${run.runId}`), []),
      },
    },
    { refreshMs: 60_000, timers, now: () => 0 },
  );
  store.setFocus({});
  await settle();
  const idle = timers.scheduled;
  store.followPipelineRuns([{ host, runId: "New-Run" }]);
  await settle();
  assert.equal(store.getSnapshot().followedRuns.data?.get("new-run")?.run.status, "Queued");
  assert.equal(timers.scheduled, idle + 1, "the follow has its own rhythm");
  status = "Succeeded";
  asked.length = 0;
  timers.advance(5_000);
  await settle();
  assert.deepEqual(asked, ["run:New-Run", "activities:New-Run"]);
  assert.equal(store.getSnapshot().followedRuns.data?.get("new-run")?.run.status, "Succeeded");
  asked.length = 0;
  timers.advance(60_000);
  await settle();
  assert.deepEqual(asked, [], "an ended run is not asked again");
  assert.equal(timers.scheduled, idle, "and the follow no longer wakes the scheduler");
  store.stop();
});
