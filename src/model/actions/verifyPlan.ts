import type { NodeSummary } from "../nodes.js";
import type { PoolSummary } from "../pools.js";
import type { TaskRow } from "../tasks.js";
import type { ActionPlan } from "./actionPlan.js";

/** What the polls have shown since an action was sent. */
export interface ObservedState {
  pools?: readonly PoolSummary[];
  nodes?: readonly NodeSummary[];
  tasks?: readonly TaskRow[];
}

/**
 * Whether the account now shows what the action asked for: the pool's targets changed, the node
 * went through a reboot, the task left its failed state. Answers from data polled after `sentAt`.
 */
export function planVisible(plan: ActionPlan, observed: ObservedState, sentAt: number): boolean {
  switch (plan.kind) {
    case "rescale": {
      const pool = observed.pools?.find((candidate) => candidate.id === plan.poolId);
      return pool?.targetDedicatedNodes === plan.to.dedicated && pool.targetSpotNodes === plan.to.spot;
    }
    case "reboot": {
      const node = observed.nodes?.find((candidate) => candidate.id === plan.nodeId);
      return (
        node !== undefined &&
        (node.state === "rebooting" || (node.stateTransitionTime?.getTime() ?? 0) >= sentAt - 1000)
      );
    }
    case "rerun": {
      // Running again, or already through another run (which may have failed again) since it was sent.
      const task = observed.tasks?.find((candidate) => candidate.id === plan.taskId);
      return (
        task !== undefined &&
        (task.state !== "completed" || (task.stateTransitionTime?.getTime() ?? 0) >= sentAt - 1000)
      );
    }
  }
}
