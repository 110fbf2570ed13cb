import { test } from "node:test";
import assert from "node:assert/strict";
import type { JobSummary } from "../../../../src/model/jobs.js";
import { jobRows, nodeRows, poolRows, taskRows } from "../../../../src/model/navigation/listRows.js";
import type { ListState } from "../../../../src/model/navigation/uiState.js";
import type { NodeSummary } from "../../../../src/model/nodes.js";
import type { ActivityRun } from "../../../../src/model/runs.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import { deriveJobViews } from "../../../../src/model/views/jobRows.js";
import { derivePoolViews } from "../../../../src/model/views/poolRows.js";
import { deriveTaskViews } from "../../../../src/model/views/taskRows.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

const now = new Date("2025-05-21T12:00:00Z");
const minutesAgo = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

function list(sort: ListState["sort"], extra: Partial<ListState> = {}): ListState {
  return { offset: 0, filter: "", faultsOnly: false, sort, ...extra };
}

const ids = (rows: readonly { id: string }[]): string[] => rows.map((row) => row.id);

/*
 * Pools, in the order the snapshot lists them: beta has a resize error, delta an unusable node;
 * alpha and gamma are healthy. Sizes: gamma 10, delta 4 (3 + 1 spot), alpha 2, beta 0.
 */
const poolViews = derivePoolViews({
  pools: [
    poolSummary("gamma", { currentDedicatedNodes: 10, targetDedicatedNodes: 10 }),
    poolSummary("alpha"),
    poolSummary("delta", { currentDedicatedNodes: 3, currentSpotNodes: 1, targetSpotNodes: 1 }),
    poolSummary("beta", {
      allocationState: "resizing",
      currentDedicatedNodes: 0,
      resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
    }),
  ],
  nodeCounts: [
    { poolId: "gamma", byState: { running: 10 }, total: 10 },
    { poolId: "alpha", byState: { idle: 2 }, total: 2 },
    { poolId: "delta", byState: { running: 3, unusable: 1 }, total: 4 },
  ],
});

test("faults-only keeps the pools with a resize error or an unhealthy node, and the title still counts them all", () => {
  const result = poolRows(poolViews, list("id", { faultsOnly: true }));
  assert.deepEqual(ids(result.rows), ["beta", "delta"]);
  assert.equal(result.total, 4);
  assert.equal(result.filterNotice, undefined);
});

test("the pools filter matches ids, allocation states and resize error codes", () => {
  const byId = poolRows(poolViews, list("id", { filter: "^(alpha|gamma)" }));
  assert.deepEqual(ids(byId.rows), ["alpha", "gamma"]);
  assert.equal(byId.total, 4, "the total is before the filter");
  assert.deepEqual(ids(poolRows(poolViews, list("id", { filter: "resizing" })).rows), ["beta"]);
  assert.deepEqual(ids(poolRows(poolViews, list("id", { filter: "quotareached" })).rows), ["beta"]);
});

test("a pools filter with a capital letter matches case exactly", () => {
  assert.deepEqual(ids(poolRows(poolViews, list("id", { filter: "QuotaReached" })).rows), ["beta"]);
  assert.deepEqual(ids(poolRows(poolViews, list("id", { filter: "QUOTAREACHED" })).rows), []);
});

test("a leading ! keeps the pools that do not match", () => {
  assert.deepEqual(ids(poolRows(poolViews, list("id", { filter: "!^alpha" })).rows), [
    "beta",
    "delta",
    "gamma",
  ]);
});

test("pools sort by id, by faults first, or by size largest first", () => {
  assert.deepEqual(ids(poolRows(poolViews, list("id")).rows), ["alpha", "beta", "delta", "gamma"]);
  assert.deepEqual(ids(poolRows(poolViews, list("faults")).rows), ["beta", "delta", "alpha", "gamma"]);
  assert.deepEqual(ids(poolRows(poolViews, list("size")).rows), ["gamma", "delta", "alpha", "beta"]);
});

test("sorting pools leaves the snapshot's own order alone", () => {
  poolRows(poolViews, list("size"));
  assert.deepEqual(ids(poolViews), ["gamma", "alpha", "delta", "beta"]);
});

function node(id: string, state: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return { ...nodeSummary(id, state), ...extra };
}

/** The nodes' rows as read now: faults-only measures time in state from the time of reading. */
const nodesNow = (list: readonly NodeSummary[], state: ListState) => nodeRows(list, state, Date.now());

const nodes: NodeSummary[] = [
  node("tvmps_a", "running", { stateTransitionTime: minutesAgo(5), runningTasksCount: 1 }),
  node("tvmps_b", "unusable", {
    stateTransitionTime: minutesAgo(90),
    errors: [{ code: "DiskFull", message: "the temporary disk is full" }],
  }),
  node("tvmps_c", "idle", { stateTransitionTime: minutesAgo(30), isDedicated: false }),
  node("tvmps_d", "starttaskfailed", { stateTransitionTime: minutesAgo(10) }),
  node("tvmps_e", "creating"),
];

test("faults-only keeps the nodes that will not recover on their own, and those stuck in a passing state", () => {
  const result = nodesNow(nodes, list("id", { faultsOnly: true }));
  assert.deepEqual(ids(result.rows), ["tvmps_b", "tvmps_d"]);
  assert.equal(result.total, 5);
  const stuck = [...nodes, node("tvmps_f", "starting", { stateTransitionTime: minutesAgo(75) })];
  assert.deepEqual(ids(nodesNow(stuck, list("id", { faultsOnly: true })).rows), [
    "tvmps_b",
    "tvmps_d",
    "tvmps_f",
  ]);
});

test("the nodes filter matches ids, states, dedicated or spot, and a node's error code", () => {
  assert.deepEqual(ids(nodesNow(nodes, list("id", { filter: "diskfull" })).rows), ["tvmps_b"]);
  assert.deepEqual(ids(nodesNow(nodes, list("id", { filter: "idle|creating" })).rows), [
    "tvmps_c",
    "tvmps_e",
  ]);
  assert.deepEqual(ids(nodesNow(nodes, list("id", { filter: "spot" })).rows), ["tvmps_c"]);
  assert.deepEqual(ids(nodesNow(nodes, list("id", { filter: "^tvmps_a " })).rows), ["tvmps_a"]);
});

test("faults-only and the filter narrow together", () => {
  const result = nodesNow(nodes, list("id", { faultsOnly: true, filter: "!disk" }));
  assert.deepEqual(ids(result.rows), ["tvmps_d"]);
  assert.equal(result.total, 5);
});

test("sorting nodes by time in state puts the longest-stuck node first and nodes with no time last", () => {
  assert.deepEqual(ids(nodesNow(nodes, list("timeInState")).rows), [
    "tvmps_b",
    "tvmps_c",
    "tvmps_d",
    "tvmps_a",
    "tvmps_e",
  ]);
});

function job(id: string, state: string, extra: Partial<JobSummary> = {}): JobSummary {
  return { id, state, priority: 0, ...extra };
}

const jobViews = deriveJobViews(
  [
    job("backfill", "completed", { poolId: "batch-dev" }),
    job("adfv2-prod", "active"),
    job("ab-import", "active", { poolId: "batch-dev" }),
    job("adfv2-dev", "disabled"),
  ],
  new Map([["adfv2-prod", { active: 0, running: 2, completed: 9, succeeded: 6, failed: 3 }]]),
);

test("jobs in the workload order stay as given: ADF first, then the rest", () => {
  assert.deepEqual(ids(jobRows(jobViews, list("workload")).rows), [
    "adfv2-dev",
    "adfv2-prod",
    "ab-import",
    "backfill",
  ]);
  const reversed = [...jobViews].reverse();
  assert.deepEqual(ids(jobRows(reversed, list("workload")).rows), ids(reversed));
});

test("jobs sort by id, or by state then id", () => {
  assert.deepEqual(ids(jobRows(jobViews, list("id")).rows), [
    "ab-import",
    "adfv2-dev",
    "adfv2-prod",
    "backfill",
  ]);
  assert.deepEqual(ids(jobRows(jobViews, list("state")).rows), [
    "ab-import",
    "adfv2-prod",
    "backfill",
    "adfv2-dev",
  ]);
});

test("faults-only keeps the jobs whose Batch counts show failed tasks; the filter matches states and pools", () => {
  const counted = deriveJobViews(
    [job("adfv2-prod", "active"), job("adfv2-dev", "active"), job("backfill", "active")],
    new Map([
      ["adfv2-prod", { active: 0, running: 2, completed: 9, succeeded: 6, failed: 3 }],
      ["adfv2-dev", { active: 0, running: 1, completed: 4, succeeded: 4, failed: 0 }],
    ]),
  );
  const faulty = jobRows(counted, list("workload", { faultsOnly: true }));
  assert.deepEqual(ids(faulty.rows), ["adfv2-prod"]);
  assert.equal(faulty.total, 3);
  assert.deepEqual(ids(jobRows(jobViews, list("id", { filter: "disabled" })).rows), ["adfv2-dev"]);
  assert.deepEqual(ids(jobRows(jobViews, list("id", { filter: "batch-dev" })).rows), [
    "ab-import",
    "backfill",
  ]);
});

function task(id: string, extra: Partial<TaskRow> = {}): TaskRow {
  return { id, state: "completed", retryCount: 0, requeueCount: 0, ...extra };
}

function run(activityRunId: string, pipelineName: string): ActivityRun {
  return {
    source: "adf",
    pipelineName,
    pipelineRunId: "p-run",
    activityName: "Transform",
    activityRunId,
    activityType: "Custom",
    status: "Succeeded",
    updated: now,
    outputUrls: [],
  };
}

const tasks: TaskRow[] = [
  task("task-1", {
    result: "failure",
    exitCode: 0,
    failure: { category: "usererror", code: "FileUploadContainerNotFound" },
    nodeId: "tvmps_a",
    stateTransitionTime: minutesAgo(4),
  }),
  task("task-2", { result: "success", nodeId: "tvmps_b", stateTransitionTime: minutesAgo(2) }),
  task("task-3", { state: "running", nodeId: "tvmps_a", stateTransitionTime: minutesAgo(1) }),
  task("task-4", { state: "active", stateTransitionTime: minutesAgo(8) }),
  task("task-5", { result: "failure", exitCode: 2, nodeId: "tvmps_b", stateTransitionTime: minutesAgo(6) }),
];
const taskViews = deriveTaskViews(
  tasks,
  new Map([
    ["task-2", run("task-2", "load[eu] nightly")],
    ["task-3", run("task-3", "Refresh-Sales")],
  ]),
);

test("faults-only keeps the failed tasks, by result or failure info", () => {
  const result = taskRows(taskViews, list("id", { faultsOnly: true }), now);
  assert.deepEqual(ids(result.rows), ["task-1", "task-5"]);
  assert.equal(result.total, 5);
});

test("the tasks filter matches states, failure codes, nodes and the pipeline that ran the task", () => {
  const kept = (filter: string) => ids(taskRows(taskViews, list("id", { filter }), now).rows);
  assert.deepEqual(kept("fileuploadcontainer"), ["task-1"]);
  assert.deepEqual(kept("running|active"), ["task-3", "task-4"]);
  assert.deepEqual(kept("tvmps_b"), ["task-2", "task-5"]);
  assert.deepEqual(kept("refresh-sales"), ["task-3"]);
  assert.deepEqual(kept("!failed"), ["task-2", "task-3", "task-4"]);
});

test("a tasks filter with a capital letter matches case exactly", () => {
  const kept = (filter: string) => ids(taskRows(taskViews, list("id", { filter }), now).rows);
  assert.deepEqual(kept("Refresh"), ["task-3"]);
  assert.deepEqual(kept("REFRESH"), []);
});

test("a filter that is not a valid regular expression is matched as plain text, and says so", () => {
  const result = taskRows(taskViews, list("id", { filter: "load[eu" }), now);
  assert.deepEqual(ids(result.rows), ["task-2"]);
  assert.match(result.filterNotice ?? "", /^load\[eu is not a valid regular expression .*plain text$/);
  assert.equal(taskRows(taskViews, list("id", { filter: "load\\[eu" }), now).filterNotice, undefined);
});

test("Enter on a node shows only the tasks that ran there, counted out of that node's tasks", () => {
  const onNode = taskRows(taskViews, list("id"), now, "tvmps_a");
  assert.deepEqual(ids(onNode.rows), ["task-1", "task-3"]);
  assert.equal(onNode.total, 2);
  const failedOnNode = taskRows(taskViews, list("id", { faultsOnly: true }), now, "tvmps_b");
  assert.deepEqual(ids(failedOnNode.rows), ["task-5"]);
  assert.deepEqual(ids(taskRows(taskViews, list("id"), now, "tvmps_z").rows), []);
});

test("tasks come in the list's order: latest change first by default", () => {
  assert.deepEqual(ids(taskRows(taskViews, list("recent"), now).rows), [
    "task-3",
    "task-2",
    "task-1",
    "task-5",
    "task-4",
  ]);
});
