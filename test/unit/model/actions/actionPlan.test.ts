import { test } from "node:test";
import assert from "node:assert/strict";
import {
  describePlan,
  planTarget,
  rebootPlan,
  rescalePlan,
  type ActionPlan,
  type Planned,
} from "../../../../src/model/actions/actionPlan.js";
import { reactivatePlan } from "../../../../src/model/actions/rerunPlans.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

function task(id: string, extra: Partial<TaskRow> = {}): TaskRow {
  return { id, state: "completed", retryCount: 0, requeueCount: 0, ...extra };
}

function planOf(planned: Planned): ActionPlan {
  assert.ok(
    "plan" in planned,
    `expected a plan, got the problem: ${"problem" in planned ? planned.problem : ""}`,
  );
  return planned.plan;
}

function problemOf(planned: Planned): string {
  assert.ok("problem" in planned, `expected a problem, got a plan: ${JSON.stringify(planned)}`);
  return planned.problem;
}

const rescale = (from: [number, number], to: [number, number]): ActionPlan => ({
  kind: "rescale",
  poolId: "etl",
  from: { dedicated: from[0], spot: from[1] },
  to: { dedicated: to[0], spot: to[1] },
  deallocation: "requeue",
});

// rescalePlan

test("a resize typed in the dialog carries the pool's current targets and the new ones", () => {
  const pool = poolSummary("etl", { targetDedicatedNodes: 2, targetSpotNodes: 4 });
  assert.deepEqual(planOf(rescalePlan(pool, "5", "1")), {
    kind: "rescale",
    poolId: "etl",
    from: { dedicated: 2, spot: 4 },
    to: { dedicated: 5, spot: 1 },
    deallocation: "requeue",
  });
});

test("spaces typed around a count are ignored, and 2000 nodes is still accepted", () => {
  assert.deepEqual(planOf(rescalePlan(poolSummary("etl"), " 2000 ", "0 ")), {
    kind: "rescale",
    poolId: "etl",
    from: { dedicated: 2, spot: 0 },
    to: { dedicated: 2000, spot: 0 },
    deallocation: "requeue",
  });
});

test("a dedicated count that is not a whole number is refused with the field and what was typed", () => {
  for (const typed of ["five", "", "-1", "2.5", "1e3", "+3"])
    assert.equal(
      problemOf(rescalePlan(poolSummary("etl"), typed, "0")),
      `dedicated nodes must be a whole number, got "${typed}"`,
      typed,
    );
});

test("a spot count that is not a whole number is refused naming the spot field", () => {
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl"), "3", "-1")),
    'spot nodes must be a whole number, got "-1"',
  );
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl"), "3", "0.5")),
    'spot nodes must be a whole number, got "0.5"',
  );
});

test("more than 2000 nodes is refused as a typo, naming the field", () => {
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl"), "10000", "0")),
    "dedicated nodes above 2000 is surely a typo",
  );
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl"), "2", "2001")),
    "spot nodes above 2000 is surely a typo",
  );
});

test("an autoscaled pool is refused: targets are set by its formula", () => {
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl", { enableAutoScale: true }), "5", "0")),
    "etl scales by its autoscale formula; turn autoscale off before setting targets",
  );
});

test("a pool that is resizing or stopping is refused: Batch resizes only a steady pool", () => {
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl", { allocationState: "resizing" }), "5", "0")),
    "etl is resizing; Batch resizes only a steady pool",
  );
  assert.equal(
    problemOf(rescalePlan(poolSummary("etl", { allocationState: "stopping" }), "5", "0")),
    "etl is stopping; Batch resizes only a steady pool",
  );
});

test("a resize to the targets the pool already has is refused, saying what it targets", () => {
  const pool = poolSummary("etl", { targetDedicatedNodes: 3, targetSpotNodes: 1 });
  assert.equal(problemOf(rescalePlan(pool, "3", "1")), "etl already targets 3 dedicated and 1 spot nodes");
  assert.ok("plan" in rescalePlan(pool, "3", "2"), "changing only spot is a change");
});

// rebootPlan

test("a node on its way somewhere cannot be rebooted, and the refusal says what it is doing", () => {
  const states = [
    "creating",
    "starting",
    "waitingForStartTask",
    "rebooting",
    "reimaging",
    "leavingPool",
    "preempted",
    "unknown",
  ];
  for (const state of states) {
    assert.equal(
      problemOf(rebootPlan("etl", [nodeSummary("tvm-1", state)])),
      `tvm-1 is ${state}; Batch reboots a node that is idle, running, offline or failed`,
      state,
    );
  }
});

test("an idle, running, offline, unusable or start-task-failed node can be rebooted", () => {
  for (const state of ["idle", "running", "offline", "unusable", "starttaskfailed", "startTaskFailed"]) {
    assert.deepEqual(
      planOf(rebootPlan("etl", [nodeSummary("tvm-1", state)])),
      { kind: "reboot", poolId: "etl", nodeIds: ["tvm-1"], runningTasks: 0 },
      state,
    );
  }
});

test("a reboot plan carries how many tasks the node is running", () => {
  const node = { ...nodeSummary("tvm-2", "running"), runningTasksCount: 3 };
  assert.deepEqual(planOf(rebootPlan("etl", [node])), {
    kind: "reboot",
    poolId: "etl",
    nodeIds: ["tvm-2"],
    runningTasks: 3,
  });
});

// reactivatePlan

test("a task that completed with result failure can run again, carrying its failure code", () => {
  const failed = task("t1", {
    result: "failure",
    exitCode: 1,
    failure: { category: "usererror", code: "FailureExitCode" },
  });
  assert.deepEqual(planOf(reactivatePlan("job-1", [failed])), {
    kind: "rerun",
    jobId: "job-1",
    taskIds: ["t1"],
    failureCode: "FailureExitCode",
  });
});

test("a task that exited 0 but failed to upload its output can run again", () => {
  const uploadFailed = task("t2", {
    exitCode: 0,
    failure: { category: "usererror", code: "FileUploadContainerNotFound" },
  });
  assert.deepEqual(planOf(reactivatePlan("job-1", [uploadFailed])), {
    kind: "rerun",
    jobId: "job-1",
    taskIds: ["t2"],
    failureCode: "FileUploadContainerNotFound",
  });
});

test("a failed task without a failure code gives a plan without one", () => {
  assert.deepEqual(planOf(reactivatePlan("job-1", [task("t3", { result: "failure" })])), {
    kind: "rerun",
    jobId: "job-1",
    taskIds: ["t3"],
  });
});

test("a task that succeeded cannot run again, and the refusal says it succeeded", () => {
  assert.equal(
    problemOf(reactivatePlan("job-1", [task("t4", { result: "success", exitCode: 0 })])),
    "t4 succeeded; only a failed task can run again",
  );
});

test("a task still running or queued cannot run again, and the refusal names its state", () => {
  for (const state of ["active", "preparing", "running"])
    assert.equal(
      problemOf(reactivatePlan("job-1", [task("t5", { state })])),
      `t5 is ${state}; only a failed task can run again`,
      state,
    );
});

// describePlan

test("a grow lists both targets as from → to and warns of nothing", () => {
  const description = describePlan(rescale([2, 0], [5, 0]));
  assert.deepEqual(description, {
    title: "Resize pool etl",
    changes: ["dedicated nodes: 2 → 5", "spot nodes: 0 → 0"],
    apply: "Resize",
  });
});

test("a shrink warns how many nodes it removes, dedicated and spot together", () => {
  assert.equal(
    describePlan(rescale([5, 2], [3, 1])).danger,
    "removes 3 nodes; running tasks stop now and run again from the start elsewhere",
  );
  assert.equal(
    describePlan(rescale([5, 0], [4, 0])).danger,
    "removes 1 node; running tasks stop now and run again from the start elsewhere",
  );
});

test("fewer spot nodes is a removal even when dedicated nodes grow", () => {
  assert.equal(
    describePlan(rescale([2, 4], [5, 2])).danger,
    "removes 2 nodes; running tasks stop now and run again from the start elsewhere",
  );
});

test("a resize to zero warns that it removes every node", () => {
  assert.equal(
    describePlan(rescale([4, 2], [0, 0])).danger,
    "removes every node of the pool; running tasks stop now and run again from the start elsewhere",
  );
});

test("a reboot of an idle node warns of nothing; of a busy one, of its requeued tasks", () => {
  const reboot = (runningTasks: number): ActionPlan => ({
    kind: "reboot",
    poolId: "etl",
    nodeIds: ["tvm-1"],
    runningTasks,
  });
  assert.deepEqual(describePlan(reboot(0)), {
    title: "Reboot node tvm-1",
    changes: ["node tvm-1 of pool etl restarts"],
    apply: "Reboot",
  });
  assert.equal(describePlan(reboot(1)).danger, "its running task stops and is requeued");
  assert.equal(describePlan(reboot(3)).danger, "its 3 running tasks stop and are requeued");
});

test("a reactivate names the task, its job and the failure, and warns that the pipeline will not see it", () => {
  const description = describePlan({
    kind: "rerun",
    jobId: "job-1",
    taskIds: ["t1"],
    failureCode: "FailureExitCode",
  });
  assert.equal(description.title, "Reactivate task t1");
  assert.equal(description.apply, "Reactivate");
  assert.match(description.danger ?? "", /^the pipeline will not see the result/);
  assert.deepEqual(description.changes, [
    "task t1 of job job-1 (failed: FailureExitCode) is reactivated",
    "it runs again from the start, on any node of the pool",
  ]);
  assert.equal(
    describePlan({ kind: "rerun", jobId: "job-1", taskIds: ["t1"] }).changes[0],
    "task t1 of job job-1 is reactivated",
  );
});

// planTarget

test("each plan names the object it acts on", () => {
  assert.equal(planTarget(rescale([2, 0], [3, 0])), "pool etl");
  assert.equal(
    planTarget({ kind: "reboot", poolId: "etl", nodeIds: ["tvm-1"], runningTasks: 0 }),
    "node tvm-1 of pool etl",
  );
  assert.equal(planTarget({ kind: "rerun", jobId: "job-1", taskIds: ["t1"] }), "task t1 of job job-1");
});

test("a reboot of marked nodes is one plan naming every node; one refused node refuses it, saying which", () => {
  const busy = { ...nodeSummary("tvm-2", "running"), runningTasksCount: 2 };
  const plan = planOf(rebootPlan("etl", [nodeSummary("tvm-1", "idle"), busy]));
  assert.deepEqual(plan, { kind: "reboot", poolId: "etl", nodeIds: ["tvm-1", "tvm-2"], runningTasks: 2 });
  assert.deepEqual(describePlan(plan), {
    title: "Reboot 2 nodes of pool etl",
    changes: ["nodes: tvm-1, tvm-2", "each restarts, one request per node"],
    danger: "their 2 running tasks stop and are requeued",
    apply: "Reboot",
  });
  assert.equal(planTarget(plan), "nodes tvm-1, tvm-2 of pool etl");
  assert.equal(
    problemOf(rebootPlan("etl", [nodeSummary("tvm-1", "rebooting"), nodeSummary("tvm-2", "creating"), busy])),
    "tvm-1 is rebooting; Batch reboots a node that is idle, running, offline or failed (and 1 more node)",
  );
});
