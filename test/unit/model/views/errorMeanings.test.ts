import { test } from "node:test";
import assert from "node:assert/strict";
import type { NodeSummary } from "../../../../src/model/nodes.js";
import type { PoolSummary } from "../../../../src/model/pools.js";
import type { ActivityRun } from "../../../../src/model/runs.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import {
  detailLines,
  nodeDetailsObject,
  poolDetailsObject,
  taskDetailsObject,
} from "../../../../src/model/views/detailsView.js";
import { taskFailureMeaning, taskFailureSummary } from "../../../../src/model/views/taskFailureSummary.js";
import { deriveTaskViews } from "../../../../src/model/views/taskRows.js";

function failedTask(id: string, code: string | undefined, exitCode?: number): TaskRow {
  return {
    id,
    state: "completed",
    result: "failure",
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(code === undefined ? {} : { failure: { category: "usererror", code, message: "m" } }),
    retryCount: 0,
    requeueCount: 0,
  };
}

test("the failure line's meaning explains the largest group's code, and names it when there are several", () => {
  const one = deriveTaskViews([failedTask("a", "FailureExitCode"), failedTask("b", "FailureExitCode")]);
  assert.equal(taskFailureSummary(one), "2 failed: 2 FailureExitCode");
  assert.match(taskFailureMeaning(one) ?? "", /^means: the task's program ran and ended with an exit code/);
  const mixed = deriveTaskViews([
    failedTask("a", "FailureExitCode"),
    failedTask("b", "ResourceContainerAccessDenied"),
    failedTask("c", "ResourceContainerAccessDenied"),
  ]);
  assert.match(taskFailureMeaning(mixed) ?? "", /^ResourceContainerAccessDenied means: the node was refused/);
});

test("a code the base does not know gets no meaning: the line shows it as it is", () => {
  assert.equal(taskFailureMeaning(deriveTaskViews([failedTask("a", "BrandNewCode")])), undefined);
  assert.equal(taskFailureMeaning(deriveTaskViews([failedTask("a", undefined, 3)])), undefined);
  assert.equal(taskFailureMeaning(deriveTaskViews([])), undefined);
  const unknownFirst = deriveTaskViews([
    failedTask("a", "BrandNewCode"),
    failedTask("b", "BrandNewCode"),
    failedTask("c", "FailureExitCode"),
  ]);
  assert.equal(taskFailureMeaning(unknownFirst), undefined, "no guess from a smaller group either");
});

test("a failed task's details carry means, check, fix and docs beside its code, and the pipeline's error", () => {
  const task = failedTask("run-1", "FailureExitCode", 1);
  const run: ActivityRun = {
    source: "adf",
    pipelineName: "p",
    pipelineRunId: "pr",
    activityName: "a",
    activityRunId: "run-1",
    activityType: "Custom",
    status: "Failed",
    updated: new Date(0),
    error: { code: "2500", message: "Hit unexpected exception and execution failed." },
    outputUrls: [],
  };
  const lines = detailLines(taskDetailsObject(task, run));
  const text = lines.join("\n");
  assert.match(text, /"code": "FailureExitCode",\n\s+"meaning": \[\n\s+"means: the task's program ran/);
  assert.match(text, /"check: stderr\.txt/);
  assert.match(text, /"fix: /);
  assert.match(text, /"docs: https:\/\/learn\.microsoft\.com\/azure\/batch\/error-handling#task-exit-codes"/);
  assert.match(
    text,
    /"activityRunError": \{\n\s+"code": "2500",\n\s+"meaning": \[\n\s+"means: generic Custom activity failure/,
  );
  assert.equal(
    taskDetailsObject(task, run),
    taskDetailsObject(task, run),
    "the same object while nothing changed",
  );
});

test("an unknown task code is shown without a meaning", () => {
  const text = detailLines(taskDetailsObject(failedTask("t", "BrandNewCode"))).join("\n");
  assert.match(text, /"code": "BrandNewCode"/);
  assert.doesNotMatch(text, /meaning/);
});

const node = (extra: Partial<NodeSummary>): NodeSummary => ({
  id: "tvm-1",
  state: "idle",
  schedulingState: "enabled",
  runningTasksCount: 0,
  isDedicated: true,
  errors: [],
  ...extra,
});

test("a node's details explain its error codes, and its state when the state says more", () => {
  const diskFull = detailLines(
    nodeDetailsObject(node({ state: "unusable", errors: [{ code: "DiskFull", message: "no space" }] })),
  ).join("\n");
  assert.match(diskFull, /"code": "DiskFull",\n\s+"meaning": \[\n\s+"means: the node's temporary disk/);
  assert.doesNotMatch(diskFull, /stateMeaning/, "the error already says why it is unusable");
  const startTask = detailLines(nodeDetailsObject(node({ state: "starttaskfailed" }))).join("\n");
  assert.match(startTask, /"stateMeaning": \[\n\s+"means: the pool's start task failed/);
  const idle = detailLines(
    nodeDetailsObject(node({ errors: [{ code: "SomethingElse", message: "x" }] })),
  ).join("\n");
  assert.doesNotMatch(idle, /meaning/i);
});

test("a pool's resize errors carry their meaning; the service's spelling AllocationTimedout finds it", () => {
  const pool: PoolSummary = {
    id: "etl",
    vmSize: "standard_d4s_v3",
    state: "active",
    allocationState: "steady",
    currentDedicatedNodes: 1,
    targetDedicatedNodes: 4,
    currentSpotNodes: 0,
    targetSpotNodes: 0,
    enableAutoScale: false,
    taskSlotsPerNode: 1,
    identityCount: 0,
    resizeErrors: [
      { code: "AllocationTimedout", message: "timeout" },
      { code: "Mystery", message: "?" },
    ],
  };
  const text = detailLines(poolDetailsObject(pool, undefined)).join("\n");
  assert.match(
    text,
    /"code": "AllocationTimedout",\n\s+"meaning": \[\n\s+"means: Batch could not get all the nodes/,
  );
  assert.match(text, /"code": "Mystery",\n\s+"message": "\?"/);
});
