import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActionPlan } from "../../../../src/model/actions/actionPlan.js";
import { planOutcome, type ObservedState } from "../../../../src/model/actions/planOutcome.js";
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
  deallocation: "requeue",
};
const reboot: ActionPlan = { kind: "reboot", poolId: "etl", nodeIds: ["tvm-1"], runningTasks: 1 };
const rerun: ActionPlan = { kind: "rerun", jobId: "job-1", taskIds: ["t1"], failureCode: "FailureExitCode" };

const steadySince = sentAt - 3_600_000;

/** Whether the polls show the plan taken: under way or done. */
function visible(plan: ActionPlan, observed: ObservedState, at = sentAt): boolean {
  const kind = planOutcome({ plan, sentAt: at, poolSteadySince: steadySince }, observed).kind;
  return kind === "underway" || kind === "done";
}

function node(state: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return { ...nodeSummary("tvm-1", state), ...extra };
}

function task(state: string, extra: Partial<TaskRow> = {}): TaskRow {
  return { id: "t1", state, retryCount: 0, requeueCount: 0, ...extra };
}

test("a resize is under way once the pool has the asked-for targets and is resizing", () => {
  const resized = poolSummary("etl", {
    allocationState: "resizing",
    currentDedicatedNodes: 2,
    targetDedicatedNodes: 5,
    targetSpotNodes: 1,
  });
  assert.deepEqual(planOutcome({ plan: rescale, sentAt }, { pools: [poolSummary("other"), resized] }), {
    kind: "underway",
    progress: "resizing: dedicated 2 of 5, spot 0 of 1",
  });
});

test("a resize is done only when the pool is steady at both targets", () => {
  const reached = poolSummary("etl", {
    allocationStateTransitionTime: new Date(sentAt + 120_000),
    currentDedicatedNodes: 5,
    targetDedicatedNodes: 5,
    currentSpotNodes: 1,
    targetSpotNodes: 1,
  });
  assert.deepEqual(
    planOutcome({ plan: rescale, sentAt, poolSteadySince: steadySince }, { pools: [reached] }),
    {
      kind: "done",
      detail: "steady at dedicated 5 of 5, spot 1 of 1",
    },
  );
});

test("a resize that settles short of its targets failed, in the words of its resize error", () => {
  const short = poolSummary("etl", {
    allocationStateTransitionTime: new Date(sentAt + 30_000),
    currentDedicatedNodes: 2,
    targetDedicatedNodes: 5,
    currentSpotNodes: 1,
    targetSpotNodes: 1,
    resizeErrors: [
      { code: "AccountCoreQuotaReached", message: "The core quota is reached." },
      { code: "AllocationTimedout", message: "late" },
    ],
  });
  assert.deepEqual(planOutcome({ plan: rescale, sentAt, poolSteadySince: steadySince }, { pools: [short] }), {
    kind: "failed",
    reason:
      "stopped at dedicated 2 of 5, spot 1 of 1: AccountCoreQuotaReached: The core quota is reached. (and 1 more)",
  });
  const silent = { ...short, resizeErrors: [] };
  assert.equal(planOutcome({ plan: rescale, sentAt }, { pools: [silent] }).kind, "failed");
});

test("the steady state from before the resize, polled late, is not its end", () => {
  const before = poolSummary("etl", {
    allocationStateTransitionTime: new Date(steadySince),
    targetDedicatedNodes: 5,
    targetSpotNodes: 1,
  });
  assert.deepEqual(
    planOutcome({ plan: rescale, sentAt, poolSteadySince: steadySince }, { pools: [before] }),
    {
      kind: "waiting",
    },
  );
});

test("a resize does not show while the pool still has its old targets, or only one new one", () => {
  const unchanged = poolSummary("etl");
  assert.equal(visible(rescale, { pools: [unchanged] }), false);
  const dedicatedOnly = poolSummary("etl", { targetDedicatedNodes: 5, targetSpotNodes: 0 });
  assert.equal(visible(rescale, { pools: [dedicatedOnly] }), false);
});

test("another pool with the asked-for targets does not confirm a resize", () => {
  const other = poolSummary("other", { targetDedicatedNodes: 5, targetSpotNodes: 1 });
  assert.equal(visible(rescale, { pools: [other, poolSummary("etl")] }), false);
});

test("a reboot shows while the node is rebooting", () => {
  const rebooting = node("rebooting", { stateTransitionTime: new Date(sentAt - 3_600_000) });
  assert.equal(visible(reboot, { nodes: [rebooting] }), true);
});

test("a reboot shows once the node changed state after it was sent, even if it is already back up", () => {
  const backUp = node("idle", { stateTransitionTime: secondsAfterSending(40) });
  assert.equal(visible(reboot, { nodes: [backUp] }), true);
});

test("a node that has not changed state since before the reboot was sent does not confirm it", () => {
  const stillRunning = node("running", { stateTransitionTime: secondsAfterSending(-600) });
  assert.equal(visible(reboot, { nodes: [stillRunning] }), false);
  assert.equal(visible(reboot, { nodes: [node("running")] }), false, "no transition time");
});

test("another node rebooting does not confirm the reboot", () => {
  const other = { ...nodeSummary("tvm-2", "rebooting"), stateTransitionTime: secondsAfterSending(5) };
  assert.equal(visible(reboot, { nodes: [other, node("running")] }), false);
});

test("a rerun shows once the task is no longer completed", () => {
  for (const state of ["active", "preparing", "running"])
    assert.equal(visible(rerun, { tasks: [task(state)] }), true, state);
});

test("a task still completed with its failure does not confirm the rerun", () => {
  const failed = task("completed", { result: "failure", failure: { category: "usererror" } });
  assert.equal(visible(rerun, { tasks: [failed] }), false);
});

test("nothing shows when the polls have not seen the object acted on", () => {
  assert.equal(visible(rescale, {}), false);
  assert.equal(visible(rescale, { pools: [] }), false);
  assert.equal(visible(reboot, {}), false);
  assert.equal(visible(reboot, { nodes: [] }), false);
  assert.equal(visible(rerun, {}), false);
  assert.equal(visible(rerun, { tasks: [{ ...task("active"), id: "t2" }] }), false);
});

test("an identity change is done when the pool's next poll shows its set with (or without) the identity", () => {
  const id =
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-nodes";
  const attach: ActionPlan = { kind: "attach-identity", poolId: "etl", identity: id, before: [] };
  const detach: ActionPlan = { kind: "detach-identity", poolId: "etl", identity: id, before: [id] };
  const withNames = (...names: string[]) => ({
    pools: [poolSummary("etl", { identityCount: names.length, identityNames: names })],
  });
  assert.deepEqual(planOutcome({ plan: attach, sentAt }, {}), { kind: "waiting" });
  assert.deepEqual(planOutcome({ plan: attach, sentAt }, withNames("id-keyvault")), { kind: "waiting" });
  const done = planOutcome({ plan: attach, sentAt }, withNames("id-keyvault", "ID-NODES"));
  assert.equal(done.kind, "done");
  assert.match(
    done.kind === "done" ? done.detail : "",
    /^only nodes allocated from now on carry the new set: press C to cycle the pool's nodes \(now: id-keyvault, ID-NODES\)$/,
  );
  assert.deepEqual(planOutcome({ plan: detach, sentAt }, withNames("id-nodes")), { kind: "waiting" });
  assert.equal(planOutcome({ plan: detach, sentAt }, withNames()).kind, "done");
});

test("a reboot of several nodes is done only when every one of them rebooted", () => {
  const plan: ActionPlan = { kind: "reboot", poolId: "etl", nodeIds: ["tvm-1", "tvm-2"], runningTasks: 0 };
  const rebooting = (id: string) => ({ ...node("rebooting"), id });
  const untouched = (id: string) => ({
    ...node("idle", { stateTransitionTime: new Date(sentAt - 60_000) }),
    id,
  });
  assert.equal(visible(plan, { nodes: [rebooting("tvm-1"), untouched("tvm-2")] }), false);
  assert.deepEqual(planOutcome({ plan, sentAt }, { nodes: [rebooting("tvm-1"), rebooting("tvm-2")] }), {
    kind: "done",
    detail: "2 nodes rebooted",
  });
});

test("a terminate is done when the task shows completed since it was sent", () => {
  const plan: ActionPlan = {
    kind: "terminate-task",
    jobId: "job-1",
    taskId: "t1",
    reason: { kind: "no-pipeline" },
  };
  assert.equal(visible(plan, { tasks: [task("running")] }), false);
  // The service's stamp is not compared with this machine's clock: the plan was made for a task
  // that had not completed, so completed is its effect.
  const ended = task("completed", {
    stateTransitionTime: new Date(sentAt - 3_600_000),
    failure: { category: "usererror", code: "TaskEnded" },
  });
  assert.deepEqual(planOutcome({ plan, sentAt }, { tasks: [ended] }), {
    kind: "done",
    detail: "the task completed (TaskEnded)",
  });
});
