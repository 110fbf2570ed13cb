import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActivityRun } from "../../../../src/model/runs.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import { taskFailureSummary, taskHoldNote } from "../../../../src/model/views/taskFailureSummary.js";
import {
  deriveTaskViews,
  sortTaskViews,
  taskCells,
  taskColumns,
  taskColumnsFor,
} from "../../../../src/model/views/taskRows.js";
import { formatRow, layoutColumns } from "../../../../src/model/views/tableLayout.js";

const now = new Date("2025-05-21T12:00:00Z");
const minutesAgo = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

function task(id: string, extra: Partial<TaskRow> = {}): TaskRow {
  return { id, state: "completed", retryCount: 0, requeueCount: 0, ...extra };
}

function run(activityRunId: string, pipelineName: string, activityName: string): ActivityRun {
  return {
    source: "adf",
    pipelineName,
    pipelineRunId: "p-run",
    activityName,
    activityRunId,
    activityType: "Custom",
    status: "Failed",
    updated: now,
    outputUrls: [],
  };
}

const uploadFailure = task("9f0c2a55-1111-4a4a-9b9b-000000000001", {
  result: "failure",
  exitCode: 0,
  failure: { category: "usererror", code: "FileUploadContainerNotFound" },
  nodeId: "tvmps_1",
  startTime: minutesAgo(10),
  endTime: minutesAgo(4),
  stateTransitionTime: minutesAgo(4),
});

test("an exit-0 task with failureInfo counts as failed; a non-zero success does not", () => {
  const views = deriveTaskViews([uploadFailure, task("ok-exit-3", { result: "success", exitCode: 3 })]);
  assert.deepEqual(
    views.map((view) => view.failed),
    [true, false],
  );
  assert.equal(taskFailureSummary(views), "1 failed: 1 FileUploadContainerNotFound");
});

test("the summary groups failures by code, largest first", () => {
  const tasks = [
    ...Array.from({ length: 9 }, (_, index) =>
      task(`exit-${index}`, {
        result: "failure",
        exitCode: 1,
        failure: { category: "usererror", code: "FailureExitCode" },
      }),
    ),
    ...Array.from({ length: 3 }, (_, index) =>
      task(`denied-${index}`, {
        result: "failure",
        failure: { category: "usererror", code: "ResourceContainerAccessDenied" },
      }),
    ),
    task("fine", { result: "success", exitCode: 0 }),
  ];
  assert.equal(
    taskFailureSummary(deriveTaskViews(tasks)),
    "12 failed: 9 FailureExitCode, 3 ResourceContainerAccessDenied",
  );
  assert.equal(taskFailureSummary(deriveTaskViews([task("fine", { result: "success" })])), "no failed tasks");
});

test("the total is Batch's count; codes over part of the failures say which part", () => {
  const failures = (count: number, code: string) =>
    Array.from({ length: count }, (_, index) =>
      task(`${code}-${index}`, { result: "failure", failure: { category: "usererror", code } }),
    );
  const held = deriveTaskViews([...failures(600, "FailureExitCode"), ...failures(368, "TaskEnded")]);
  assert.equal(
    taskFailureSummary(held, { batchFailed: 1783, partial: true }),
    "1,783 failed (Batch count) · codes of the 968 held: 600 FailureExitCode, 368 TaskEnded",
  );
  assert.equal(
    taskFailureSummary(deriveTaskViews([]), { batchFailed: 1783, partial: true }),
    "1,783 failed (Batch count), none of them held",
  );
  const fetched = deriveTaskViews([...failures(1200, "FailureExitCode"), ...failures(583, "TaskEnded")]);
  assert.equal(
    taskFailureSummary(fetched, { batchFailed: 1783, from: "fetched" }),
    "1,783 failed: 1,200 FailureExitCode, 583 TaskEnded",
    "every failure fetched: the codes cover the count",
  );
  assert.equal(
    taskFailureSummary(fetched, { batchFailed: 25_000, partial: true, from: "fetched" }),
    "25,000 failed (Batch count) · codes of the 1,783 fetched: 1,200 FailureExitCode, 583 TaskEnded",
  );
  assert.equal(taskFailureSummary(deriveTaskViews([]), { batchFailed: 0 }), "no failed tasks");
  assert.equal(
    taskFailureSummary(held, { partial: true }),
    "968 failed among the tasks held: 600 FailureExitCode, 368 TaskEnded",
    "one node's tasks of a partial job: Batch has no count to lean on",
  );
});

test("a partial job's note says what is held of how many", () => {
  assert.equal(taskHoldNote(52_000, 100_000), "52,000 of 100,000 held: the newest");
  assert.equal(taskHoldNote(52_000, undefined), "52,000 held: the newest; the job has more");
});

test("a failure code from outside cannot smuggle escapes into the summary", () => {
  const evil = task("x", {
    result: "failure",
    failure: { category: "usererror", code: "Bad\u001b]0;owned\u0007Code" },
  });
  assert.equal(taskFailureSummary(deriveTaskViews([evil])), "1 failed: 1 BadCode");
});

test("task rows join pipeline and activity names by activity run id", () => {
  const [view] = deriveTaskViews(
    [uploadFailure],
    new Map([[uploadFailure.id, run(uploadFailure.id, "nightly-load", "transform")]]),
  );
  assert.ok(view);
  const cells = taskCells(view, now);
  assert.equal(cells.pipeline, "nightly-load");
  assert.equal(cells.activity, "transform");
  assert.deepEqual(cells.state, [{ text: "completed", style: { kind: "taskState", state: "failed" } }]);
  assert.deepEqual(cells.result, [{ text: "failure", style: { kind: "taskState", state: "failed" } }]);
  assert.deepEqual(cells.failureCode, [
    { text: "FileUploadContainerNotFound", style: { kind: "token", token: "status.error" } },
  ]);
  assert.equal(cells.exitCode, "0");
  assert.equal(cells.start, "11:50:00Z");
  assert.equal(cells.duration, "6m00s");
  assert.equal(cells.node, "tvmps_1");
});

test("a running task's duration counts up to now, coarsely; a queued one has none", () => {
  const [running, queued] = deriveTaskViews([
    task("r", { state: "running", startTime: minutesAgo(3) }),
    task("q", { state: "active" }),
  ]);
  assert.equal(taskCells(running!, now).duration, "3m");
  assert.equal(taskCells(running!, new Date(now.getTime() + 59_000)).duration, "3m");
  assert.deepEqual(taskCells(running!, now).state, [
    { text: "running", style: { kind: "taskState", state: "running" } },
  ]);
  assert.equal(taskCells(queued!, now).duration, "-");
  assert.equal(taskCells(queued!, now).result, "-");
  assert.equal(taskCells(queued!, now).failureCode, "");
});

test("at 80 columns a task row keeps the whole activity run id, state, failure and duration", () => {
  const layout = layoutColumns(taskColumnsFor(false), 80);
  assert.deepEqual(
    layout.columns.map((column) => column.spec.id),
    ["id", "state", "result", "exitCode", "failureCode", "duration"],
  );
  const [view] = deriveTaskViews([uploadFailure]);
  assert.equal(
    formatRow(layout, taskCells(view!, now)).text,
    "9f0c2a55-1111-4a4a-9b9b-000000000001 completed failure    0 FileUploadCo…  6m00s",
  );
});

test("without a workspace the empty pipeline columns give their room to node and start", () => {
  const ids = (hasContext: boolean): string[] =>
    layoutColumns(taskColumnsFor(hasContext), 110).columns.map((column) => column.spec.id);
  assert.deepEqual(ids(false), [
    "id",
    "state",
    "result",
    "exitCode",
    "failureCode",
    "node",
    "retries",
    "start",
    "duration",
  ]);
  assert.deepEqual(ids(true), [
    "id",
    "state",
    "result",
    "exitCode",
    "failureCode",
    "duration",
    "pipeline",
    "activity",
  ]);
});

test("at 160 columns every task column shows", () => {
  const ids = layoutColumns(taskColumnsFor(true), 160).columns.map((column) => column.spec.id);
  assert.deepEqual(
    ids,
    taskColumns.map((column) => column.id),
  );
});

test("sort modes: failures first by code, longest duration, newest start, id, pipeline", () => {
  const views = deriveTaskViews(
    [
      task("b-ok", {
        result: "success",
        startTime: minutesAgo(5),
        endTime: minutesAgo(4),
        stateTransitionTime: minutesAgo(4),
      }),
      task("a-denied", {
        result: "failure",
        failure: { category: "usererror", code: "ResourceContainerAccessDenied" },
        startTime: minutesAgo(30),
        endTime: minutesAgo(29),
        stateTransitionTime: minutesAgo(29),
      }),
      task("c-running", { state: "running", startTime: minutesAgo(20), stateTransitionTime: minutesAgo(20) }),
      task("d-exit", {
        result: "failure",
        failure: { category: "usererror", code: "FailureExitCode" },
        startTime: minutesAgo(2),
        endTime: minutesAgo(1),
        stateTransitionTime: minutesAgo(1),
      }),
    ],
    new Map([["b-ok", run("b-ok", "alpha", "x")]]),
  );
  const order = (mode: Parameters<typeof sortTaskViews>[1]): string[] =>
    sortTaskViews(views, mode, now).map((view) => view.id);
  assert.deepEqual(order("failures"), ["d-exit", "a-denied", "b-ok", "c-running"]);
  assert.deepEqual(order("duration"), ["c-running", "a-denied", "b-ok", "d-exit"]);
  assert.deepEqual(order("start"), ["d-exit", "b-ok", "c-running", "a-denied"]);
  assert.deepEqual(order("recent"), ["d-exit", "b-ok", "c-running", "a-denied"]);
  assert.deepEqual(order("id"), ["a-denied", "b-ok", "c-running", "d-exit"]);
  assert.equal(order("pipeline")[0], "b-ok");
});

test("50,000 tasks derive, filter and sort without formatting a single row", () => {
  const tasks = Array.from({ length: 50_000 }, (_, index) =>
    task(`t-${String(index).padStart(5, "0")}`, {
      state: index % 10 === 0 ? "running" : "completed",
      result: index % 10 === 0 ? undefined : index % 7 === 0 ? "failure" : "success",
      startTime: new Date(now.getTime() - index * 1000),
      stateTransitionTime: new Date(now.getTime() - index * 1000),
    }),
  );
  const views = deriveTaskViews(tasks);
  assert.equal(views.length, 50_000);
  assert.equal(
    views.filter((view) => view.failed).length,
    tasks.filter((entry) => entry.result === "failure").length,
  );
  assert.equal(sortTaskViews(views, "duration", now)[0]?.id, "t-49990");
  assert.match(taskFailureSummary(views), /^[\d,]+ failed: [\d,]+ unknown$/);
});
