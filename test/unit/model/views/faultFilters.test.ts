import { test } from "node:test";
import assert from "node:assert/strict";
import { isNodeFaulty, isPoolFaulty, isTaskFaulty } from "../../../../src/model/views/faultFilters.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

test("faults-only keeps pools with resize errors or unhealthy nodes", () => {
  const counts = (byState: Record<string, number>) => ({ poolId: "p", byState, total: 0 });
  assert.equal(isPoolFaulty(poolSummary("p"), counts({ idle: 3, running: 2 })), false);
  assert.equal(isPoolFaulty(poolSummary("p"), counts({ idle: 3, unusable: 1 })), true);
  assert.equal(isPoolFaulty(poolSummary("p"), counts({ starttaskfailed: 1 })), true);
  assert.equal(isPoolFaulty(poolSummary("p"), counts({ unusable: 0 })), false);
  assert.equal(
    isPoolFaulty(
      poolSummary("p", { resizeErrors: [{ code: "AllocationTimedout", message: "" }] }),
      undefined,
    ),
    true,
  );
});

test("faults-only keeps nodes in unhealthy states", () => {
  assert.equal(isNodeFaulty(nodeSummary("n", "unusable")), true);
  assert.equal(isNodeFaulty(nodeSummary("n", "StartTaskFailed")), true);
  assert.equal(isNodeFaulty(nodeSummary("n", "running")), false);
  assert.equal(isNodeFaulty(nodeSummary("n", "starting")), false);
});

test("faults-only keeps failed tasks, including the exit-0 ones", () => {
  const base = { id: "t", state: "completed", retryCount: 0, requeueCount: 0 };
  assert.equal(
    isTaskFaulty({ ...base, exitCode: 0, failure: { category: "usererror", code: "FileUploadFailed" } }),
    true,
  );
  assert.equal(isTaskFaulty({ ...base, result: "success", exitCode: 1 }), false);
});
