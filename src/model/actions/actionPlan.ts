import type { NodeSummary } from "../nodes.js";
import { identityName, type NodeDeallocationOption, type PoolSummary } from "../pools.js";
import { identityChangeLines, onlyNewNodesAfterwards, type IdentityChange } from "./identityPlan.js";
import type { PlanDescription } from "./planDescription.js";
import { nodePlanTarget, describeNodePlan, type NodePlan } from "./nodePlans.js";
import { deallocationEffects } from "./deallocation.js";
import { describeRerunPlan, rerunPlanTarget, type RerunPlan } from "./rerunPlans.js";
import { describeTerminatePlan, type TerminatePlan } from "./terminatePlan.js";
import { autoscalePlanTarget, describeAutoscalePlan, type AutoscalePlan } from "./autoscalePlan.js";

export interface PoolTargets {
  dedicated: number;
  spot: number;
}

/** A mutation as batchtop will send it: what changes, from what, to what. Built before anything is sent. */
export type ActionPlan =
  | {
      kind: "rescale";
      poolId: string;
      from: PoolTargets;
      to: PoolTargets;
      /** What becomes of the tasks on nodes a shrink removes. */
      deallocation: NodeDeallocationOption;
      /** Absent: the service's default of 15 minutes. */
      resizeTimeoutMinutes?: number;
    }
  /** Stops the resize under way; the pool settles where it stands (`current`, short of `target`). */
  | { kind: "stop-resize"; poolId: string; current: PoolTargets; target: PoolTargets }
  /** One request per node: Batch has no reboot of several nodes. */
  | { kind: "reboot"; poolId: string; nodeIds: string[]; runningTasks: number }
  | RerunPlan
  | IdentityChange
  | NodePlan
  | TerminatePlan
  | AutoscalePlan;

export type Planned = { plan: ActionPlan } | { problem: string };

export type { PlanDescription } from "./planDescription.js";

/**
 * An identity change offers the node cycle of its pool ("press C to cycle"): the flash lines about it
 * carry the pool, and C pressed while one shows cycles that pool.
 */
export function cycleOfferOf(plan: ActionPlan): { cycleOffer?: string } {
  return plan.kind === "attach-identity" || plan.kind === "detach-identity"
    ? { cycleOffer: plan.poolId }
    : {};
}

/** Batch refuses more than this in one pool anyway; a typo of 10000 should not get that far. */
const maxNodes = 2000;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function parseCount(text: string, what: string): number | string {
  if (!/^\d+$/.test(text.trim())) return `${what} must be a whole number, got "${text}"`;
  const count = Number(text.trim());
  return count > maxNodes ? `${what} above ${maxNodes} is surely a typo` : count;
}

/**
 * A resize of a pool to new dedicated and spot targets, as typed in the dialog. Batch resizes only a
 * steady pool with fixed targets, so those cases are refused here with what to do instead.
 */
export function rescalePlan(
  pool: PoolSummary,
  dedicatedText: string,
  spotText: string,
  deallocation: NodeDeallocationOption = "requeue",
  timeoutText = "",
): Planned {
  const dedicated = parseCount(dedicatedText, "dedicated nodes");
  if (typeof dedicated === "string") return { problem: dedicated };
  const spot = parseCount(spotText, "spot nodes");
  if (typeof spot === "string") return { problem: spot };
  const timeout = parseTimeout(timeoutText);
  if (typeof timeout === "string") return { problem: timeout };
  if (pool.enableAutoScale)
    return {
      problem: `${pool.id} scales by its autoscale formula; turn autoscale off before setting targets`,
    };
  if (pool.allocationState.toLowerCase() !== "steady")
    return { problem: `${pool.id} is ${pool.allocationState}; Batch resizes only a steady pool` };
  const from = { dedicated: pool.targetDedicatedNodes, spot: pool.targetSpotNodes };
  if (from.dedicated === dedicated && from.spot === spot)
    return { problem: `${pool.id} already targets ${dedicated} dedicated and ${spot} spot nodes` };
  return {
    plan: {
      kind: "rescale",
      poolId: pool.id,
      from,
      to: { dedicated, spot },
      deallocation,
      ...(timeout === undefined ? {} : { resizeTimeoutMinutes: timeout }),
    },
  };
}

/** The service refuses a resize timeout under 5 minutes (PoolResizeParameter.resizeTimeout). */
export const minResizeTimeoutMinutes = 5;

/** The resize timeout as typed, in minutes: empty for the service's default (15 minutes). */
function parseTimeout(text: string): number | undefined | string {
  if (text.trim() === "") return undefined;
  if (!/^\d+$/.test(text.trim())) return `the resize timeout must be whole minutes, got "${text}"`;
  const minutes = Number(text.trim());
  return minutes < minResizeTimeoutMinutes
    ? `Batch refuses a resize timeout under ${minResizeTimeoutMinutes} minutes, got ${minutes}`
    : minutes;
}

/**
 * Stopping the resize of a pool that is resizing. Batch answers PoolNotResizing for any other pool,
 * so that is said here, before anything is sent.
 */
export function stopResizePlan(pool: PoolSummary): Planned {
  const state = pool.allocationState.toLowerCase();
  if (state === "stopping") return { problem: `${pool.id} is already stopping its resize` };
  if (state !== "resizing")
    return { problem: `${pool.id} is ${pool.allocationState}, not resizing: there is no resize to stop` };
  return {
    plan: {
      kind: "stop-resize",
      poolId: pool.id,
      current: { dedicated: pool.currentDedicatedNodes, spot: pool.currentSpotNodes },
      target: { dedicated: pool.targetDedicatedNodes, spot: pool.targetSpotNodes },
    },
  };
}

/** The states Batch reboots a node in: up, or failed in place; not one on its way somewhere. */
const rebootable = new Set(["idle", "running", "starttaskfailed", "unusable", "offline"]);

/**
 * Rebooting `nodes` (the marked nodes, or the selected one), or why Batch would refuse it: the first
 * node it would refuse, and how many more.
 */
export function rebootPlan(poolId: string, nodes: readonly NodeSummary[]): Planned {
  if (nodes.length === 0) return { problem: "no node selected" };
  const refused = nodes.filter((node) => !rebootable.has(node.state.toLowerCase()));
  const [first] = refused;
  if (first !== undefined) {
    const more = refused.length > 1 ? ` (and ${plural(refused.length - 1, "more node")})` : "";
    return {
      problem: `${first.id} is ${first.state}; Batch reboots a node that is idle, running, offline or failed${more}`,
    };
  }
  return {
    plan: {
      kind: "reboot",
      poolId,
      nodeIds: nodes.map((node) => node.id),
      runningTasks: nodes.reduce((sum, node) => sum + node.runningTasksCount, 0),
    },
  };
}

export function describePlan(plan: ActionPlan): PlanDescription {
  switch (plan.kind) {
    case "rescale": {
      const { from, to } = plan;
      const removed = Math.max(0, from.dedicated - to.dedicated) + Math.max(0, from.spot - to.spot);
      const changes = [
        `dedicated nodes: ${from.dedicated} → ${to.dedicated}`,
        `spot nodes: ${from.spot} → ${to.spot}`,
      ];
      // The option matters only to nodes a shrink removes; the timeout only when it is not the default.
      if (removed > 0) changes.push(`nodes removed leave by ${plan.deallocation}`);
      if (plan.resizeTimeoutMinutes !== undefined)
        changes.push(`resize timeout: ${plan.resizeTimeoutMinutes} minutes`);
      const description: PlanDescription = { title: `Resize pool ${plan.poolId}`, changes, apply: "Resize" };
      const effect = deallocationEffects[plan.deallocation];
      if (to.dedicated + to.spot === 0) description.danger = `removes every node of the pool; ${effect}`;
      else if (removed > 0) description.danger = `removes ${plural(removed, "node")}; ${effect}`;
      return description;
    }
    case "stop-resize":
      return {
        title: `Stop the resize of pool ${plan.poolId}`,
        changes: [
          `the pool stops at what it has: dedicated ${plan.current.dedicated}, spot ${plan.current.spot}`,
          `instead of its target: dedicated ${plan.target.dedicated}, spot ${plan.target.spot}`,
        ],
        note: "the pool passes through stopping to steady; nodes already leaving still leave",
        apply: "Stop resize",
      };
    case "reboot": {
      const [only] = plan.nodeIds;
      const one = plan.nodeIds.length === 1 && only !== undefined;
      return {
        title: one ? `Reboot node ${only}` : `Reboot ${plan.nodeIds.length} nodes of pool ${plan.poolId}`,
        changes: one
          ? [`node ${only} of pool ${plan.poolId} restarts`]
          : [`nodes: ${plan.nodeIds.join(", ")}`, `each restarts, one request per node`],
        ...(plan.runningTasks > 0
          ? {
              danger:
                plan.runningTasks === 1
                  ? `${one ? "its" : "their"} running task stops and is requeued`
                  : `${one ? "its" : "their"} ${plan.runningTasks} running tasks stop and are requeued`,
            }
          : {}),
        apply: "Reboot",
      };
    }
    case "rerun":
    case "recovery-run":
      return describeRerunPlan(plan);
    case "attach-identity":
      return {
        title: `Attach ${identityName(plan.identity)} to pool ${plan.poolId}`,
        changes: identityChangeLines(plan),
        note: onlyNewNodesAfterwards,
        apply: "Attach",
      };
    case "detach-identity":
      return {
        title: `Remove ${identityName(plan.identity)} from pool ${plan.poolId}`,
        changes: identityChangeLines(plan),
        danger: `programs on the pool's new nodes can no longer sign in as ${identityName(plan.identity)}`,
        note: onlyNewNodesAfterwards,
        apply: "Remove",
      };
    case "terminate-task":
      return describeTerminatePlan(plan);
    case "autoscale-formula":
      return describeAutoscalePlan(plan);
    default:
      return describeNodePlan(plan);
  }
}

/**
 * What the operator must type before Apply sends the plan, when a slip would be costly: removing an
 * identity takes the identity's name.
 */
export function typedConfirmation(plan: ActionPlan): string | undefined {
  return plan.kind === "detach-identity" ? identityName(plan.identity) : undefined;
}

/** The object a plan acts on, for the audit journal and the flash line. */
export function planTarget(plan: ActionPlan): string {
  switch (plan.kind) {
    case "rescale":
    case "stop-resize":
      return `pool ${plan.poolId}`;
    case "reboot":
      return plan.nodeIds.length === 1
        ? `node ${plan.nodeIds[0]} of pool ${plan.poolId}`
        : `nodes ${plan.nodeIds.join(", ")} of pool ${plan.poolId}`;
    case "terminate-task":
      return `task ${plan.taskId} of job ${plan.jobId}`;
    case "rerun":
    case "recovery-run":
      return rerunPlanTarget(plan);
    case "attach-identity":
    case "detach-identity":
      return `pool ${plan.poolId}`;
    case "autoscale-formula":
      return autoscalePlanTarget(plan);
    default:
      return nodePlanTarget(plan);
  }
}
