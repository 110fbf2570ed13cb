import { test } from "node:test";
import assert from "node:assert/strict";
import {
  describePlan,
  planTarget,
  stopResizePlan,
  rescalePlan,
  type Planned,
} from "../../../../src/model/actions/actionPlan.js";
import {
  describeNodePlan,
  hasRunningTaskChoice,
  nodePlan,
  nodePlanOptions,
  stepNodePlanOption,
  type NodePlan,
} from "../../../../src/model/actions/nodePlans.js";
import { planOutcome } from "../../../../src/model/actions/planOutcome.js";
import type { NodeSummary } from "../../../../src/model/nodes.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

function planOf(planned: Planned): NodePlan {
  assert.ok("plan" in planned, `expected a plan, got: ${"problem" in planned ? planned.problem : ""}`);
  return planned.plan as NodePlan;
}

function problemOf(planned: Planned): string {
  assert.ok("problem" in planned, `expected a problem, got a plan: ${JSON.stringify(planned)}`);
  return planned.problem;
}

const node = (id: string, state = "idle", extra: Partial<NodeSummary> = {}): NodeSummary => ({
  ...nodeSummary(id, state),
  ...extra,
});

const pool = poolSummary("etl");

// Stopping a resize

test("only a resizing pool's resize can be stopped: Batch answers PoolNotResizing otherwise", () => {
  assert.equal(problemOf(stopResizePlan(pool)), "etl is steady, not resizing: there is no resize to stop");
  assert.equal(
    problemOf(stopResizePlan(poolSummary("etl", { allocationState: "stopping" }))),
    "etl is already stopping its resize",
  );
  const planned = stopResizePlan(
    poolSummary("etl", { allocationState: "resizing", currentDedicatedNodes: 3, targetDedicatedNodes: 8 }),
  );
  assert.ok("plan" in planned);
  assert.deepEqual(planned.plan, {
    kind: "stop-resize",
    poolId: "etl",
    current: { dedicated: 3, spot: 0 },
    target: { dedicated: 8, spot: 0 },
  });
  assert.deepEqual(describePlan(planned.plan).changes, [
    "the pool stops at what it has: dedicated 3, spot 0",
    "instead of its target: dedicated 8, spot 0",
  ]);
  assert.equal(planTarget(planned.plan), "pool etl");
});

test("a stopped resize is under way while stopping and done when steady with a new stamp", () => {
  const plan = {
    kind: "stop-resize" as const,
    poolId: "etl",
    current: { dedicated: 3, spot: 0 },
    target: { dedicated: 8, spot: 0 },
  };
  const since = Date.parse("2026-01-01T00:00:00Z");
  const sent = { plan, sentAt: since + 60_000, poolSteadySince: since };
  const at = (allocationState: string, stamp: number) => ({
    pools: [
      poolSummary("etl", {
        allocationState,
        currentDedicatedNodes: 3,
        targetDedicatedNodes: 8,
        allocationStateTransitionTime: new Date(stamp),
      }),
    ],
  });
  assert.equal(planOutcome(sent, at("resizing", since)).kind, "waiting");
  assert.equal(planOutcome(sent, at("stopping", since + 1000)).kind, "underway");
  assert.deepEqual(planOutcome(sent, at("steady", since + 2000)), {
    kind: "done",
    detail: "steady at dedicated 3 of 8",
  });
});

// The resize's deallocation option and timeout

test("a resize carries the chosen deallocation option and the timeout typed, and refuses a short one", () => {
  const shrinking = rescalePlan(pool, "1", "0", "taskcompletion", "30");
  assert.ok("plan" in shrinking);
  assert.deepEqual(shrinking.plan, {
    kind: "rescale",
    poolId: "etl",
    from: { dedicated: 2, spot: 0 },
    to: { dedicated: 1, spot: 0 },
    deallocation: "taskcompletion",
    resizeTimeoutMinutes: 30,
  });
  const description = describePlan(shrinking.plan);
  assert.deepEqual(description.changes.slice(2), [
    "nodes removed leave by taskcompletion",
    "resize timeout: 30 minutes",
  ]);
  assert.equal(description.danger, "removes 1 node; running tasks finish first; no new ones start there");
  assert.equal(
    problemOf(rescalePlan(pool, "3", "0", "requeue", "4")),
    "Batch refuses a resize timeout under 5 minutes, got 4",
  );
  assert.equal(
    problemOf(rescalePlan(pool, "3", "0", "requeue", "1h")),
    'the resize timeout must be whole minutes, got "1h"',
  );
  const growing = rescalePlan(pool, "3", "0", "terminate", "");
  assert.ok("plan" in growing);
  assert.equal(growing.plan.kind === "rescale" && growing.plan.resizeTimeoutMinutes, undefined);
  assert.deepEqual(describePlan(growing.plan).changes, ["dedicated nodes: 2 → 3", "spot nodes: 0 → 0"]);
});

// Node actions: refused where Batch refuses

test("disabling scheduling needs it enabled, enabling needs it disabled", () => {
  const off = node("tvm-1", "idle", { schedulingState: "disabled" });
  assert.equal(
    problemOf(nodePlan("disable-scheduling", pool, [off])),
    "tvm-1's scheduling is already disabled; Batch disables it only where it is enabled",
  );
  assert.equal(
    problemOf(nodePlan("enable-scheduling", pool, [node("tvm-2")])),
    "tvm-2's scheduling is already enabled; Batch enables it only where it is disabled",
  );
  assert.deepEqual(planOf(nodePlan("enable-scheduling", pool, [off])), {
    kind: "enable-scheduling",
    poolId: "etl",
    nodeIds: ["tvm-1"],
  });
  assert.deepEqual(
    planOf(nodePlan("disable-scheduling", pool, [node("tvm-2", "running", { runningTasksCount: 2 })])),
    {
      kind: "disable-scheduling",
      poolId: "etl",
      nodeIds: ["tvm-2"],
      option: "requeue",
      runningTasks: 2,
    },
  );
});

test("only an idle or running node is reimaged; a refusal over several nodes names the first and counts the rest", () => {
  assert.equal(
    problemOf(nodePlan("reimage", pool, [node("a"), node("b", "starting"), node("c", "unusable")])),
    "b is starting; Batch reimages a node that is idle or running (and 1 more node)",
  );
  assert.deepEqual(
    planOf(nodePlan("reimage", pool, [node("a"), node("b", "running", { runningTasksCount: 1 })])),
    {
      kind: "reimage",
      poolId: "etl",
      nodeIds: ["a", "b"],
      option: "requeue",
      runningTasks: 1,
    },
  );
});

test("nodes are removed only from a steady pool, at most 100 in one request", () => {
  assert.equal(
    problemOf(nodePlan("remove-nodes", poolSummary("etl", { allocationState: "resizing" }), [node("a")])),
    "etl is resizing; Batch removes nodes only from a steady pool (stop the resize first)",
  );
  const many = Array.from({ length: 101 }, (_, index) => node(`n${index}`));
  assert.equal(
    problemOf(nodePlan("remove-nodes", pool, many)),
    "101 nodes marked; Batch removes at most 100 in one request",
  );
  assert.equal(planOf(nodePlan("remove-nodes", pool, many.slice(0, 100))).nodeIds.length, 100);
  assert.equal(
    problemOf(nodePlan("remove-nodes", pool, [node("a", "leavingpool")])),
    "a is already leaving the pool",
  );
});

test("scheduling off offers three options and the others four, stepping round both ways", () => {
  const off = planOf(nodePlan("disable-scheduling", pool, [node("a")]));
  assert.ok(hasRunningTaskChoice(off));
  assert.deepEqual(nodePlanOptions(off), ["requeue", "taskcompletion", "terminate"]);
  assert.equal(stepNodePlanOption(off, -1).option, "terminate");
  const remove = planOf(nodePlan("remove-nodes", pool, [node("a")]));
  assert.ok(hasRunningTaskChoice(remove));
  assert.deepEqual(nodePlanOptions(remove), ["requeue", "taskcompletion", "retaineddata", "terminate"]);
  assert.equal(stepNodePlanOption(stepNodePlanOption(remove, 1), 1).option, "retaineddata");
  assert.equal(
    hasRunningTaskChoice(
      planOf(nodePlan("enable-scheduling", pool, [node("a", "idle", { schedulingState: "disabled" })])),
    ),
    false,
  );
});

test("a plan on marked nodes lists every node, and its journal target names them all", () => {
  const plan = planOf(
    nodePlan("remove-nodes", pool, [node("a", "running", { runningTasksCount: 2 }), node("b")]),
  );
  const description = describeNodePlan({ ...plan, option: "terminate" } as NodePlan);
  assert.equal(description.title, "Remove 2 nodes from pool etl");
  assert.deepEqual(description.changes, [
    "nodes: a, b",
    "2 nodes leave the pool, and its target drops by 2",
    "running tasks (terminate): running tasks stop now and end as failed, not run again",
  ]);
  // What becomes of the tasks is said once, in the changes; the danger counts them.
  assert.equal(description.danger, "2 tasks running now (terminate)");
  assert.equal(planTarget(plan), "nodes a, b of pool etl");
  assert.equal(planTarget(planOf(nodePlan("reimage", pool, [node("a")]))), "node a of pool etl");
});

// Confirmed by the polls

test("node actions are done when every node shows them, in the acted-on pool's node list", () => {
  const sentAt = Date.parse("2026-01-01T00:00:00Z");
  const outcome = (plan: NodePlan, nodes: NodeSummary[], nodesPoolId = "etl") =>
    planOutcome({ plan, sentAt }, { nodes, nodesPoolId });
  const off = planOf(nodePlan("disable-scheduling", pool, [node("a"), node("b")]));
  const disabled = { schedulingState: "disabled" };
  assert.equal(outcome(off, [node("a", "idle", disabled), node("b")]).kind, "waiting");
  assert.deepEqual(outcome(off, [node("a", "idle", disabled), node("b", "offline", disabled)]), {
    kind: "done",
    detail: "2 nodes take no new tasks",
  });
  const remove = planOf(nodePlan("remove-nodes", pool, [node("a"), node("b")]));
  assert.equal(outcome(remove, [node("a"), node("b")]).kind, "waiting");
  assert.equal(outcome(remove, [], "other-pool").kind, "waiting", "another pool's list says nothing");
  assert.deepEqual(outcome(remove, [node("b", "leavingpool")]), {
    kind: "underway",
    progress: "1 of 2 gone, 1 leaving",
  });
  assert.deepEqual(outcome(remove, []), { kind: "done", detail: "2 nodes have left the pool" });
  const reimage = planOf(nodePlan("reimage", pool, [node("a")]));
  assert.equal(
    outcome(reimage, [node("a", "idle", { stateTransitionTime: new Date(sentAt - 60_000) })]).kind,
    "waiting",
  );
  assert.equal(outcome(reimage, [node("a", "reimaging")]).kind, "done");
});
