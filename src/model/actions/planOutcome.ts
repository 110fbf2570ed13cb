import type { NodeSummary } from "../nodes.js";
import { identityName, type PoolSummary } from "../pools.js";
import type { TaskRow } from "../tasks.js";
import type { ActionPlan } from "./actionPlan.js";
import { onlyNewNodes, type IdentityChange } from "./identityPlan.js";
import type { NodePlan } from "./nodePlans.js";
import type { PlanOutcome } from "./outcome.js";
import { recoveryOutcome, type FollowedRun } from "./recoveryOutcome.js";
import { autoscaleOutcome } from "./autoscalePlan.js";

/** What the polls have shown since an action was sent. */
export interface ObservedState {
  pools?: readonly PoolSummary[];
  nodes?: readonly NodeSummary[];
  /** The pool `nodes` are of: a node missing from another pool's list has not left this one. */
  nodesPoolId?: string;
  tasks?: readonly TaskRow[];
  /** Followed pipeline runs (recovery runs batchtop started), by run id in lower case. */
  pipelineRuns?: ReadonlyMap<string, FollowedRun>;
}

export type { PlanOutcome } from "./outcome.js";

/** A plan as it was sent, with what the account showed then, to tell its effect from the state before. */
export interface SentPlan {
  plan: ActionPlan;
  /** Epoch milliseconds, this machine's clock. */
  sentAt: number;
  /**
   * The pool's allocationStateTransitionTime when a resize (or its stop) was sent: a steady state
   * stamped so is the one from before the request, not its end. The service's stamp against its own
   * stamp, so the two machines' clocks are never compared.
   */
  poolSteadySince?: number;
  /** A recovery plan's new pipeline runs, as the host answered, in the order of its groups. */
  recoveryRunIds?: readonly string[];
}

/** A stamp within this long before sending still counts as after it: the two clocks differ a little. */
const clockSlackMs = 1000;

const after = (time: Date | undefined, sentAt: number) => (time?.getTime() ?? 0) >= sentAt - clockSlackMs;

function nodesOf(pool: PoolSummary): string {
  const spot = pool.targetSpotNodes > 0 || pool.currentSpotNodes > 0;
  return (
    `dedicated ${pool.currentDedicatedNodes} of ${pool.targetDedicatedNodes}` +
    (spot ? `, spot ${pool.currentSpotNodes} of ${pool.targetSpotNodes}` : "")
  );
}

function rescaleOutcome(
  plan: Extract<ActionPlan, { kind: "rescale" }>,
  pools: readonly PoolSummary[] | undefined,
  poolSteadySince: number | undefined,
): PlanOutcome {
  const pool = pools?.find((candidate) => candidate.id === plan.poolId);
  if (pool?.targetDedicatedNodes !== plan.to.dedicated || pool.targetSpotNodes !== plan.to.spot)
    return { kind: "waiting" };
  if (pool.allocationState.toLowerCase() !== "steady")
    return { kind: "underway", progress: `${pool.allocationState}: ${nodesOf(pool)}` };
  // Still the steady state from before the request (a poll sent before it, answered after).
  if (poolSteadySince !== undefined && pool.allocationStateTransitionTime?.getTime() === poolSteadySince)
    return { kind: "waiting" };
  const [first, ...more] = pool.resizeErrors;
  if (first) {
    const others = more.length > 0 ? ` (and ${more.length} more)` : "";
    return {
      kind: "failed",
      reason: `stopped at ${nodesOf(pool)}: ${first.code}: ${first.message}${others}`,
    };
  }
  const reached =
    pool.currentDedicatedNodes === pool.targetDedicatedNodes &&
    pool.currentSpotNodes === pool.targetSpotNodes;
  return reached
    ? { kind: "done", detail: `steady at ${nodesOf(pool)}` }
    : { kind: "failed", reason: `steady at ${nodesOf(pool)} without a resize error` };
}

/**
 * An identity change is done when the pool's identity set, as Batch reports it with the pool in the
 * next overview poll, has the identity (attached) or lacks it (removed). The set names identities
 * by name there, which is what the pool's details show too.
 */
function identityOutcome(plan: IdentityChange, pools: readonly PoolSummary[] | undefined): PlanOutcome {
  const pool = pools?.find((candidate) => candidate.id === plan.poolId);
  if (!pool) return { kind: "waiting" };
  const names = pool.identityNames ?? [];
  const wanted = identityName(plan.identity).toLowerCase();
  const has = names.some((name) => name.toLowerCase() === wanted);
  if (has !== (plan.kind === "attach-identity")) return { kind: "waiting" };
  const set = names.length > 0 ? names.join(", ") : "none";
  // The advice first: a narrow flash line cuts the end, and the set is in the dialog and the details.
  return { kind: "done", detail: `${onlyNewNodes} (now: ${set})` };
}

/** A stopped resize is done when the pool is steady again, at what it had when the stop took. */
function stopResizeOutcome(
  plan: Extract<ActionPlan, { kind: "stop-resize" }>,
  pools: readonly PoolSummary[] | undefined,
  poolStateSince: number | undefined,
): PlanOutcome {
  const pool = pools?.find((candidate) => candidate.id === plan.poolId);
  if (!pool) return { kind: "waiting" };
  const state = pool.allocationState.toLowerCase();
  if (state === "stopping") return { kind: "underway", progress: `stopping: ${nodesOf(pool)}` };
  if (state !== "steady") return { kind: "waiting" };
  // Steady, but stamped as it was when the stop was sent: a poll from before it.
  if (poolStateSince !== undefined && pool.allocationStateTransitionTime?.getTime() === poolStateSince)
    return { kind: "waiting" };
  return { kind: "done", detail: `steady at ${nodesOf(pool)}` };
}

/**
 * A node action is done when every node it acted on shows it: scheduling off or on, gone from the
 * pool, or reimaging (or through a reimage since it was sent). Nodes that left the pool meanwhile
 * count as done for the scheduling changes: there is nothing left to schedule on.
 */
function nodeOutcome(plan: NodePlan, observed: ObservedState, sentAt: number): PlanOutcome {
  const { nodes } = observed;
  if (!nodes || observed.nodesPoolId !== plan.poolId) return { kind: "waiting" };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const acted = plan.nodeIds.map((id) => byId.get(id));
  const count = plan.nodeIds.length;
  const all = (test: (node: NodeSummary | undefined) => boolean) => acted.every(test);
  switch (plan.kind) {
    case "disable-scheduling":
      return all((node) => node === undefined || node.schedulingState.toLowerCase() === "disabled")
        ? {
            kind: "done",
            detail: count === 1 ? "the node takes no new tasks" : `${count} nodes take no new tasks`,
          }
        : { kind: "waiting" };
    case "enable-scheduling":
      return all((node) => node === undefined || node.schedulingState.toLowerCase() === "enabled")
        ? {
            kind: "done",
            detail: count === 1 ? "the node takes tasks again" : `${count} nodes take tasks again`,
          }
        : { kind: "waiting" };
    case "remove-nodes": {
      const left = acted.filter((node) => node === undefined).length;
      if (left === count)
        return {
          kind: "done",
          detail: `${count === 1 ? "the node has" : `${count} nodes have`} left the pool`,
        };
      const leaving = acted.filter((node) => node?.state.toLowerCase() === "leavingpool").length;
      return leaving + left > 0
        ? { kind: "underway", progress: `${left} of ${count} gone, ${leaving} leaving` }
        : { kind: "waiting" };
    }
    case "reimage":
      return all(
        (node) =>
          node !== undefined &&
          (node.state.toLowerCase() === "reimaging" || after(node.stateTransitionTime, sentAt)),
      )
        ? {
            kind: "done",
            detail: count === 1 ? "the node is being reimaged" : `${count} nodes are being reimaged`,
          }
        : { kind: "waiting" };
  }
}

/** A reboot is done when every node it was sent to is rebooting, or has changed state since. */
function rebootOutcome(
  plan: Extract<ActionPlan, { kind: "reboot" }>,
  observed: ObservedState,
  sentAt: number,
): PlanOutcome {
  if (!observed.nodes) return { kind: "waiting" };
  const byId = new Map(observed.nodes.map((node) => [node.id, node]));
  const nodes = plan.nodeIds.map((id) => byId.get(id));
  const rebooted = nodes.every(
    (node) =>
      node !== undefined &&
      (node.state.toLowerCase() === "rebooting" || after(node.stateTransitionTime, sentAt)),
  );
  if (!rebooted) return { kind: "waiting" };
  const [only] = nodes;
  return {
    kind: "done",
    detail: nodes.length === 1 && only ? `the node is ${only.state}` : `${nodes.length} nodes rebooted`,
  };
}

/** How a sent plan stands in data polled after it was sent. */
export function planOutcome(
  { plan, sentAt, poolSteadySince, recoveryRunIds }: SentPlan,
  observed: ObservedState,
): PlanOutcome {
  switch (plan.kind) {
    case "rescale":
      return rescaleOutcome(plan, observed.pools, poolSteadySince);
    case "reboot":
      return rebootOutcome(plan, observed, sentAt);
    case "terminate-task": {
      // The plan is made only for a task that had not completed, so completed is the terminate's
      // effect (or the task's own end, which leaves nothing to terminate either). No clocks compared.
      const task = observed.tasks?.find((candidate) => candidate.id === plan.taskId);
      return task?.state === "completed"
        ? {
            kind: "done",
            detail: `the task completed${task.failure?.code ? ` (${task.failure.code})` : ""}`,
          }
        : { kind: "waiting" };
    }
    case "rerun": {
      // Running again, or already through another run (which may have failed again) since it was sent.
      const byId = new Map(observed.tasks?.map((task) => [task.id, task]));
      const tasks = plan.taskIds.map((id) => byId.get(id));
      const again = tasks.every(
        (task) =>
          task !== undefined && (task.state !== "completed" || after(task.stateTransitionTime, sentAt)),
      );
      if (!again) return { kind: "waiting" };
      const [only] = tasks;
      return {
        kind: "done",
        detail:
          tasks.length === 1 && only
            ? `the task is ${only.state}`
            : `${tasks.length} tasks are running again`,
      };
    }
    case "recovery-run":
      return recoveryOutcome(plan, recoveryRunIds, observed.pipelineRuns);
    case "stop-resize":
      return stopResizeOutcome(plan, observed.pools, poolSteadySince);
    case "attach-identity":
    case "detach-identity":
      return identityOutcome(plan, observed.pools);
    case "disable-scheduling":
    case "enable-scheduling":
    case "remove-nodes":
    case "reimage":
      return nodeOutcome(plan, observed, sentAt);
    case "autoscale-formula":
      return autoscaleOutcome(plan, observed.pools);
  }
}
