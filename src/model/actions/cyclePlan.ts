// Cycling a pool's nodes: the documented way to give existing nodes a new identity set (seed 000:
// "Scale in and Scale out the Pool to apply the changes"). A node keeps the identities its VM was
// created with, so the pool goes to 0 nodes, waits until it is steady there, and comes back to what
// it had: its fixed targets, or its autoscale formula.
import type { NodeDeallocationOption, PoolScaleSettings } from "../pools.js";
import type { PlanDescription, PoolTargets } from "./actionPlan.js";
import { deallocationEffects, deallocationOptions, nextOption, waitsForTasks } from "./deallocation.js";

/**
 * How the scale changes are sent: ARM's scale settings (pool management configured and writable),
 * or the data plane's resize. Only ARM can switch autoscale off and back on with its formula.
 */
export type CycleRoute = "arm" | "data-plane";

/** What becomes of the tasks running on a node when the cycle removes it: a waiting option makes the cycle wait. */
function cycleDeallocationEffect(option: NodeDeallocationOption): string {
  return `${deallocationEffects[option]}${waitsForTasks(option) ? "; the cycle waits for them" : ""}`;
}

/** The pool as a cycle is planned from: its sizing and how it is scaled. */
export interface CyclePoolState {
  id: string;
  allocationState: string;
  currentDedicatedNodes: number;
  currentSpotNodes: number;
  /**
   * Fixed targets or the autoscale formula. `autoscale-unread`: autoscale is on and only the data
   * plane was read, which does not say the formula batchtop would have to put back.
   */
  scale: PoolScaleSettings | { mode: "autoscale-unread" };
  /** ARM's etag of the read: the first step is refused if the pool changed since the plan. */
  etag?: string;
}

/** A cycle as batchtop will run it, built before anything is sent and written whole to the journal. */
export interface CyclePlan {
  kind: "cycle";
  poolId: string;
  route: CycleRoute;
  /** The nodes before the cycle, and for a fixed pool the targets it scales back to. */
  before: PoolTargets;
  targets: PoolTargets;
  /** An autoscaled pool: autoscale goes off (fixed at 0) and comes back on with these. */
  autoscale?: { formula: string; evaluationIntervalMinutes?: number };
  deallocation: NodeDeallocationOption;
  /** Tasks running on the pool's nodes when planned; any makes the confirmation ask for the pool id. */
  runningTasks: number;
  etag?: string;
}

export type PlannedCycle = { plan: CyclePlan } | { problem: string };

export interface CycleInput {
  pool: CyclePoolState;
  runningTasks: number;
  /** How the caller can send the scale changes; absent when nothing may be sent. */
  route: CycleRoute | undefined;
  deallocation?: NodeDeallocationOption;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The plan of a cycle, or why Batch (or batchtop) would refuse it, with what to do instead. */
export function cyclePlan({ pool, runningTasks, route, deallocation = "requeue" }: CycleInput): PlannedCycle {
  if (!route) return { problem: `read-only: cycling ${pool.id}'s nodes is off` };
  if (pool.allocationState.toLowerCase() !== "steady")
    return { problem: `${pool.id} is ${pool.allocationState}; wait until it is steady, then cycle it` };
  const before = { dedicated: pool.currentDedicatedNodes, spot: pool.currentSpotNodes };
  const { scale } = pool;
  if (scale.mode === "autoscale-unread" || (scale.mode === "auto" && route !== "arm"))
    return {
      problem: `${pool.id} scales by its autoscale formula; cycling it switches autoscale off and back on, which needs pool management through ARM (set subscription and resourceGroup)`,
    };
  const common = { kind: "cycle" as const, poolId: pool.id, route, before, deallocation, runningTasks };
  const etag = pool.etag ? { etag: pool.etag } : {};
  if (scale.mode === "auto")
    return {
      plan: {
        ...common,
        targets: before,
        autoscale: {
          formula: scale.formula,
          ...(scale.evaluationIntervalMinutes !== undefined
            ? { evaluationIntervalMinutes: scale.evaluationIntervalMinutes }
            : {}),
        },
        ...etag,
      },
    };
  const targets = { dedicated: scale.targetDedicatedNodes, spot: scale.targetSpotNodes };
  if (targets.dedicated + targets.spot === 0)
    return {
      problem: `${pool.id} targets 0 nodes; there is nothing to cycle (nodes it allocates later carry its identities as they are then)`,
    };
  return { plan: { ...common, targets, ...etag } };
}

/** The same plan with another deallocation option (the dialog's choice). */
export function withDeallocation(plan: CyclePlan, deallocation: NodeDeallocationOption): CyclePlan {
  return { ...plan, deallocation };
}

/** The next option in the dialog's order, `step` of 1 or -1. */
export const nextDeallocation = (current: NodeDeallocationOption, step: number): NodeDeallocationOption =>
  nextOption(deallocationOptions, current, step);

/** Running tasks are at stake: the confirmation asks for the pool id, typed. */
export const cycleNeedsTypedId = (plan: CyclePlan) => plan.runningTasks > 0;

export const cycleConfirmed = (plan: CyclePlan, typed: string) =>
  !cycleNeedsTypedId(plan) || typed.trim() === plan.poolId;

const nodesText = (targets: PoolTargets) => `dedicated ${targets.dedicated}, spot ${targets.spot}`;

function intervalText(minutes: number | undefined): string {
  return minutes === undefined ? "the service's default interval" : `every ${plural(minutes, "minute")}`;
}

export function describeCyclePlan(plan: CyclePlan): PlanDescription {
  const { before, targets, autoscale } = plan;
  const how =
    plan.route === "arm"
      ? "through ARM's scale settings"
      : "through the data plane's resize (pool management through ARM is not configured)";
  const changes = autoscale
    ? [
        `1. autoscale off, fixed at 0 nodes (now ${nodesText(before)})`,
        "2. wait until the pool is steady at 0 nodes",
        `3. autoscale back on with its formula kept, evaluated ${intervalText(autoscale.evaluationIntervalMinutes)}: ${autoscale.formula}`,
      ]
    : [
        `1. scale to 0: dedicated ${targets.dedicated} → 0, spot ${targets.spot} → 0`,
        "2. wait until the pool is steady at 0 nodes",
        `3. scale back: dedicated 0 → ${targets.dedicated}, spot 0 → ${targets.spot}`,
      ];
  changes.push(
    `sent ${how}`,
    `nodes leaving (${plan.deallocation}): ${cycleDeallocationEffect(plan.deallocation)}`,
    "the new nodes carry the pool's identities as they are now",
  );
  const danger =
    plan.runningTasks > 0
      ? `${plural(plan.runningTasks, "task")} running: ${cycleDeallocationEffect(plan.deallocation)}; type the pool id to confirm`
      : "the pool has no nodes until the new ones have started";
  return { title: `Cycle the nodes of pool ${plan.poolId}`, changes, danger, apply: "Cycle" };
}
