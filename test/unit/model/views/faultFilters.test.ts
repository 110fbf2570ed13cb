import { test } from "node:test";
import assert from "node:assert/strict";
import { poolFaults } from "../../../../src/model/poolFaults.js";
import { isJobFaulty, isNodeFaulty, isTaskFaulty } from "../../../../src/model/views/faultFilters.js";
import { deriveJobViews } from "../../../../src/model/views/jobRows.js";
import { deriveTaskViews } from "../../../../src/model/views/taskRows.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

const now = new Date("2026-11-22T04:00:00Z").getTime();
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000);
const counts = (byState: Record<string, number>) => ({ poolId: "p", byState, total: 0 });
const jobCounts = (succeeded: number, failed: number) => ({
  active: 0,
  running: 0,
  completed: succeeded + failed,
  succeeded,
  failed,
});

test("a pool is faulty with resize errors or nodes that will not recover, and says which", () => {
  assert.deepEqual(poolFaults(poolSummary("p"), { nodeCounts: counts({ idle: 3, running: 2 }) }, now), []);
  assert.deepEqual(poolFaults(poolSummary("p"), { nodeCounts: counts({ idle: 3, unusable: 1 }) }, now), [
    "1 node unusable",
  ]);
  assert.deepEqual(poolFaults(poolSummary("p"), { nodeCounts: counts({ starttaskfailed: 2 }) }, now), [
    "2 nodes starttaskfailed",
  ]);
  assert.deepEqual(poolFaults(poolSummary("p"), { nodeCounts: counts({ unusable: 0 }) }, now), []);
  const quota = poolSummary("p", { resizeErrors: [{ code: "AllocationTimedout", message: "" }] });
  assert.deepEqual(poolFaults(quota, {}, now), ["resize error AllocationTimedout"]);
});

test("a pool is faulty when its nodes sit in a passing state far longer than it lasts", () => {
  const starting = (minutes: number) => ({
    ...nodeSummary(`n${minutes}`, "starting"),
    stateTransitionTime: minutesAgo(minutes),
  });
  assert.deepEqual(poolFaults(poolSummary("p"), { passingNodes: [starting(4)] }, now), []);
  assert.deepEqual(
    poolFaults(poolSummary("p"), { passingNodes: [starting(4), starting(70), starting(65)] }, now),
    ["2 nodes stuck starting"],
  );
});

test("a pool is faulty when most of the tasks its jobs completed failed, by Batch's counts", () => {
  assert.deepEqual(poolFaults(poolSummary("p"), { jobCounts: [jobCounts(0, 16)] }, now), [
    "16 of 16 completed tasks failed",
  ]);
  assert.deepEqual(poolFaults(poolSummary("p"), { jobCounts: [jobCounts(90, 10)] }, now), []);
  assert.deepEqual(
    poolFaults(poolSummary("p"), { jobCounts: [jobCounts(0, 1)] }, now),
    [],
    "one failure of one",
  );
  assert.deepEqual(poolFaults(poolSummary("p"), { jobCounts: [jobCounts(2, 1), jobCounts(0, 3)] }, now), [
    "4 of 6 completed tasks failed",
  ]);
});

test("faults-only keeps nodes in unhealthy states and nodes stuck in passing ones", () => {
  assert.equal(isNodeFaulty(nodeSummary("n", "unusable"), now), true);
  assert.equal(isNodeFaulty(nodeSummary("n", "StartTaskFailed"), now), true);
  assert.equal(isNodeFaulty(nodeSummary("n", "running"), now), false);
  assert.equal(
    isNodeFaulty({ ...nodeSummary("n", "starting"), stateTransitionTime: minutesAgo(3) }, now),
    false,
  );
  assert.equal(
    isNodeFaulty({ ...nodeSummary("n", "starting"), stateTransitionTime: minutesAgo(61) }, now),
    true,
  );
  assert.equal(
    isNodeFaulty({ ...nodeSummary("n", "running"), stateTransitionTime: minutesAgo(600) }, now),
    false,
  );
});

test("faults-only keeps failed tasks, including the exit-0 ones", () => {
  const base = { id: "t", state: "completed", retryCount: 0, requeueCount: 0 };
  const views = deriveTaskViews([
    { ...base, exitCode: 0, failure: { category: "usererror", code: "FileUploadFailed" } },
    { ...base, result: "success", exitCode: 1 },
  ]);
  assert.deepEqual(views.map(isTaskFaulty), [true, false]);
});

test("faults-only keeps the jobs whose task counts show a failure", () => {
  const job = (id: string) => ({ id, state: "active", poolId: "p", priority: 0 });
  const views = deriveJobViews(
    [job("a"), job("b"), job("c")],
    new Map([
      ["a", jobCounts(5, 1)],
      ["b", jobCounts(5, 0)],
    ]),
  );
  assert.deepEqual(
    views.filter(isJobFaulty).map((view) => view.id),
    ["a"],
  );
});

test("a pool is faulty when a resize runs far longer than resizes take", () => {
  const resizing = (minutes: number) =>
    poolSummary("p", { allocationState: "resizing", allocationStateTransitionTime: minutesAgo(minutes) });
  assert.deepEqual(poolFaults(resizing(4), {}, now), []);
  assert.deepEqual(poolFaults(resizing(25), {}, now), ["resizing for 25 min"]);
});
