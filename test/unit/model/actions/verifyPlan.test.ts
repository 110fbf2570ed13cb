import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActionPlan } from "../../../../src/model/actions/actionPlan.js";
import { planVisible } from "../../../../src/model/actions/verifyPlan.js";
import type { NodeSummary } from "../../../../src/model/nodes.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

const sentAt = new Date("2025-05-21T12:00:00Z").getTime();
const secondsAfterSending = (seconds: number): Date => new Date(sentAt + seconds * 1000);

const rescale: ActionPlan = {
  kind: "rescale",
  poolId: "etl",
  from: { dedicated: 2, spot: 0 },
  to: { dedicated: 5, spot: 1 },
};
const reboot: ActionPlan = { kind: "reboot", poolId: "etl", nodeId: "tvm-1", runningTasks: 1 };
const rerun: ActionPlan = { kind: "rerun", jobId: "job-1", taskId: "t1", failureCode: "FailureExitCode" };

function node(state: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return { ...nodeSummary("tvm-1", state), ...extra };
}

function task(state: string, extra: Partial<TaskRow> = {}): TaskRow {
  return { id: "t1", state, retryCount: 0, requeueCount: 0, ...extra };
}

test("a resize shows once the pool's targets are the ones asked for", () => {
  const resized = poolSummary("etl", {
    allocationState: "resizing",
    targetDedicatedNodes: 5,
    targetSpotNodes: 1,
  });
  assert.equal(planVisible(rescale, { pools: [poolSummary("other"), resized] }, sentAt), true);
});

test("a resize does not show while the pool still has its old targets, or only one new one", () => {
  const unchanged = poolSummary("etl");
  assert.equal(planVisible(rescale, { pools: [unchanged] }, sentAt), false);
  const dedicatedOnly = poolSummary("etl", { targetDedicatedNodes: 5, targetSpotNodes: 0 });
  assert.equal(planVisible(rescale, { pools: [dedicatedOnly] }, sentAt), false);
});

test("another pool with the asked-for targets does not confirm a resize", () => {
  const other = poolSummary("other", { targetDedicatedNodes: 5, targetSpotNodes: 1 });
  assert.equal(planVisible(rescale, { pools: [other, poolSummary("etl")] }, sentAt), false);
});

test("a reboot shows while the node is rebooting", () => {
  const rebooting = node("rebooting", { stateTransitionTime: new Date(sentAt - 3_600_000) });
  assert.equal(planVisible(reboot, { nodes: [rebooting] }, sentAt), true);
});

test("a reboot shows once the node changed state after it was sent, even if it is already back up", () => {
  const backUp = node("idle", { stateTransitionTime: secondsAfterSending(40) });
  assert.equal(planVisible(reboot, { nodes: [backUp] }, sentAt), true);
});

test("a node that has not changed state since before the reboot was sent does not confirm it", () => {
  const stillRunning = node("running", { stateTransitionTime: secondsAfterSending(-600) });
  assert.equal(planVisible(reboot, { nodes: [stillRunning] }, sentAt), false);
  assert.equal(planVisible(reboot, { nodes: [node("running")] }, sentAt), false, "no transition time");
});

test("another node rebooting does not confirm the reboot", () => {
  const other = { ...nodeSummary("tvm-2", "rebooting"), stateTransitionTime: secondsAfterSending(5) };
  assert.equal(planVisible(reboot, { nodes: [other, node("running")] }, sentAt), false);
});

test("a rerun shows once the task is no longer completed", () => {
  for (const state of ["active", "preparing", "running"])
    assert.equal(planVisible(rerun, { tasks: [task(state)] }, sentAt), true, state);
});

test("a task still completed with its failure does not confirm the rerun", () => {
  const failed = task("completed", { result: "failure", failure: { category: "usererror" } });
  assert.equal(planVisible(rerun, { tasks: [failed] }, sentAt), false);
});

test("nothing shows when the polls have not seen the object acted on", () => {
  assert.equal(planVisible(rescale, {}, sentAt), false);
  assert.equal(planVisible(rescale, { pools: [] }, sentAt), false);
  assert.equal(planVisible(reboot, {}, sentAt), false);
  assert.equal(planVisible(reboot, { nodes: [] }, sentAt), false);
  assert.equal(planVisible(rerun, {}, sentAt), false);
  assert.equal(planVisible(rerun, { tasks: [{ ...task("active"), id: "t2" }] }, sentAt), false);
});
