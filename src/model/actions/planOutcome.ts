import type { NodeSummary } from "../nodes.js";
import { identityName, type PoolSummary } from "../pools.js";
import type { TaskRow } from "../tasks.js";
import type { ActionPlan } from "./actionPlan.js";
import { onlyNewNodes, type IdentityChange } from "./identityPlan.js";

/** What the polls have shown since an action was sent. */
export interface ObservedState {
  pools?: readonly PoolSummary[];
  nodes?: readonly NodeSummary[];
  tasks?: readonly TaskRow[];
}

/**
 * How a sent action stands, as the account shows it. An action is done when its effect is there,
 * not when Batch accepted the request: a resize is done when the pool is steady at its new targets,
 * and one that stopped short (a quota, a timeout) failed, in Batch's words.
 */
export type PlanOutcome =
  /** The polls do not show the request yet. */
  | { kind: "waiting" }
  /** Batch took it and is working on it: a resize on its way. */
  | { kind: "underway"; progress: string }
  | { kind: "done"; detail: string }
  | { kind: "failed"; reason: string };

/** A plan as it was sent, with what the account showed then, to tell its effect from the state before. */
export interface SentPlan {
  plan: ActionPlan;
  /** Epoch milliseconds, this machine's clock. */
  sentAt: number;
  /**
   * A resized pool's allocationStateTransitionTime when the resize was sent: a steady state stamped
   * so is the one from before the resize, not its end. The service's stamp against its own stamp, so
   * the two machines' clocks are never compared.
   */
  poolSteadySince?: number;
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

/** How a sent plan stands in data polled after it was sent. */
export function planOutcome(
  { plan, sentAt, poolSteadySince }: SentPlan,
  observed: ObservedState,
): PlanOutcome {
  switch (plan.kind) {
    case "rescale":
      return rescaleOutcome(plan, observed.pools, poolSteadySince);
    case "reboot": {
      const node = observed.nodes?.find((candidate) => candidate.id === plan.nodeId);
      const rebooted =
        node !== undefined && (node.state === "rebooting" || after(node.stateTransitionTime, sentAt));
      return rebooted ? { kind: "done", detail: `the node is ${node.state}` } : { kind: "waiting" };
    }
    case "rerun": {
      // Running again, or already through another run (which may have failed again) since it was sent.
      const task = observed.tasks?.find((candidate) => candidate.id === plan.taskId);
      const again =
        task !== undefined && (task.state !== "completed" || after(task.stateTransitionTime, sentAt));
      return again ? { kind: "done", detail: `the task is ${task.state}` } : { kind: "waiting" };
    }
    case "attach-identity":
    case "detach-identity":
      return identityOutcome(plan, observed.pools);
  }
}
