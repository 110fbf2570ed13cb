import type { NodeSummary } from "../../src/model/nodes.js";
import type { PoolSummary } from "../../src/model/pools.js";

/** A steady two-node pool as the reader returns it; tests override what they are about. */
export function poolSummary(id: string, extra: Partial<PoolSummary> = {}): PoolSummary {
  return {
    id,
    vmSize: "standard_d2s_v3",
    state: "active",
    allocationState: "steady",
    currentDedicatedNodes: 2,
    targetDedicatedNodes: 2,
    currentSpotNodes: 0,
    targetSpotNodes: 0,
    enableAutoScale: false,
    taskSlotsPerNode: 1,
    identityCount: 0,
    resizeErrors: [],
    ...extra,
  };
}

export function nodeSummary(id: string, state = "idle"): NodeSummary {
  return { id, state, schedulingState: "enabled", runningTasksCount: 0, isDedicated: true, errors: [] };
}
