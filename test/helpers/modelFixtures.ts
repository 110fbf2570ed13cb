import type { NodeSummary } from "../../src/model/nodes.js";
import type { ActivityRun } from "../../src/model/runs.js";
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

/** A failed Custom activity run of ADF, as Log Analytics reports it; tests override what they are about. */
export function activityRun(extra: Partial<ActivityRun> = {}): ActivityRun {
  return {
    source: "adf",
    pipelineName: "transform_customers_hourly",
    pipelineRunId: "p-1",
    activityName: "transform",
    activityRunId: "run-1",
    activityType: "Custom",
    status: "Failed",
    updated: new Date(0),
    outputUrls: [],
    ...extra,
  };
}
