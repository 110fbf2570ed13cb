import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import { abortable, allPagesOf, pagesOf } from "./batchPaging.js";
import type { AccountThrottle } from "./throttle.js";
import type { NodeSummary } from "../model/nodes.js";
import { identityName, type PoolNodeCounts, type PoolSummary } from "../model/pools.js";
import type { AutoScaleRun, PoolAutoScale } from "../model/autoscale.js";

export interface PoolReads {
  listPools(signal?: AbortSignal): Promise<PoolSummary[]>;
  poolNodeCounts(signal?: AbortSignal): Promise<PoolNodeCounts[]>;
  listNodes(poolId: string, signal?: AbortSignal): Promise<NodeSummary[]>;
  /** The pool's nodes in these states only: one `$filter`, so a pool of 2,000 nodes sends the few that matter. */
  listNodesInStates(poolId: string, states: readonly string[], signal?: AbortSignal): Promise<NodeSummary[]>;
}

/** Only what the panes show travels: Batch returns every property unless asked not to. */
const poolSelect =
  "id,vmSize,state,allocationState,allocationStateTransitionTime,currentDedicatedNodes,targetDedicatedNodes,currentLowPriorityNodes,targetLowPriorityNodes,enableAutoScale,autoScaleFormula,autoScaleEvaluationInterval,autoScaleRun,taskSlotsPerNode,resizeErrors,identity";
const nodeSelect =
  "id,state,stateTransitionTime,allocationTime,schedulingState,runningTasksCount,isDedicated,startTaskInfo,errors";

/** An evaluation as the SDK hands it over (the pool's last run, or evaluateautoscale's answer). */
export function toAutoScaleRun(run: BatchServiceModels.AutoScaleRun): AutoScaleRun {
  return {
    timestamp: run.timestamp,
    ...(run.results !== undefined ? { results: run.results } : {}),
    ...(run.error
      ? {
          error: {
            code: run.error.code ?? "",
            message: run.error.message ?? "",
            values: (run.error.values ?? []).map(({ name, value }) => ({
              name: name ?? "",
              value: value ?? "",
            })),
          },
        }
      : {}),
  };
}

function toAutoScale(pool: BatchServiceModels.CloudPool): PoolAutoScale | undefined {
  if (!pool.enableAutoScale || pool.autoScaleFormula === undefined) return undefined;
  return {
    formula: pool.autoScaleFormula,
    ...(pool.autoScaleEvaluationInterval !== undefined
      ? { evaluationInterval: pool.autoScaleEvaluationInterval }
      : {}),
    ...(pool.autoScaleRun ? { lastRun: toAutoScaleRun(pool.autoScaleRun) } : {}),
  };
}

function toPool(pool: BatchServiceModels.CloudPool): PoolSummary {
  const autoScale = toAutoScale(pool);
  const identities = pool.identity?.userAssignedIdentities ?? [];
  return {
    id: pool.id ?? "",
    vmSize: pool.vmSize ?? "",
    state: pool.state ?? "unknown",
    allocationState: pool.allocationState ?? "unknown",
    allocationStateTransitionTime: pool.allocationStateTransitionTime,
    currentDedicatedNodes: pool.currentDedicatedNodes ?? 0,
    targetDedicatedNodes: pool.targetDedicatedNodes ?? 0,
    currentSpotNodes: pool.currentLowPriorityNodes ?? 0,
    targetSpotNodes: pool.targetLowPriorityNodes ?? 0,
    enableAutoScale: pool.enableAutoScale ?? false,
    ...(autoScale ? { autoScale } : {}),
    taskSlotsPerNode: pool.taskSlotsPerNode ?? 1,
    identityCount: identities.length,
    ...(identities.length > 0
      ? { identityNames: identities.map((identity) => identityName(identity.resourceId)) }
      : {}),
    resizeErrors: (pool.resizeErrors ?? []).map((error) => ({
      code: error.code ?? "",
      message: error.message ?? "",
    })),
  };
}

function toNode(node: BatchServiceModels.ComputeNode): NodeSummary {
  return {
    id: node.id ?? "",
    state: node.state ?? "unknown",
    stateTransitionTime: node.stateTransitionTime,
    ...(node.allocationTime ? { allocationTime: node.allocationTime } : {}),
    schedulingState: node.schedulingState ?? "enabled",
    runningTasksCount: node.runningTasksCount ?? 0,
    isDedicated: node.isDedicated ?? true,
    startTaskState: node.startTaskInfo?.state,
    startTaskExitCode: node.startTaskInfo?.exitCode,
    errors: (node.errors ?? []).map((error) => ({ code: error.code ?? "", message: error.message ?? "" })),
  };
}

function sumCounts(counts: BatchServiceModels.NodeCounts | undefined, into: Record<string, number>): void {
  if (!counts) return;
  for (const [state, value] of Object.entries(counts)) {
    if (state === "total" || typeof value !== "number") continue;
    // The counts API spells states in camelCase; node lists spell them in lower case.
    const key = state.toLowerCase();
    into[key] = (into[key] ?? 0) + value;
  }
}

function toNodeCounts(entry: BatchServiceModels.PoolNodeCounts): PoolNodeCounts {
  const byState: Record<string, number> = {};
  sumCounts(entry.dedicated, byState);
  sumCounts(entry.lowPriority, byState);
  return {
    poolId: entry.poolId,
    byState,
    total: (entry.dedicated?.total ?? 0) + (entry.lowPriority?.total ?? 0),
  };
}

export function poolReads(client: BatchServiceClient, throttle: AccountThrottle): PoolReads {
  const listNodes = async (poolId: string, filter: string | undefined, signal?: AbortSignal) => {
    const pages = pagesOf(
      throttle,
      signal,
      (attempt) =>
        client.computeNode.list(poolId, {
          computeNodeListOptions: { select: nodeSelect, ...(filter === undefined ? {} : { filter }) },
          ...abortable(attempt),
        }),
      (link, attempt) => client.computeNode.listNext(link, abortable(attempt)),
    );
    return (await allPagesOf(pages)).map(toNode);
  };
  return {
    listPools: async (signal) => {
      const pages = pagesOf(
        throttle,
        signal,
        (attempt) => client.pool.list({ poolListOptions: { select: poolSelect }, ...abortable(attempt) }),
        (link, attempt) => client.pool.listNext(link, abortable(attempt)),
      );
      return (await allPagesOf(pages)).map(toPool);
    },
    poolNodeCounts: async (signal) => {
      const pages = pagesOf(
        throttle,
        signal,
        (attempt) => client.account.listPoolNodeCounts(abortable(attempt)),
        (link, attempt) => client.account.listPoolNodeCountsNext(link, abortable(attempt)),
      );
      return (await allPagesOf(pages)).map(toNodeCounts);
    },
    listNodes: (poolId, signal) => listNodes(poolId, undefined, signal),
    listNodesInStates: (poolId, states, signal) =>
      listNodes(poolId, states.map((state) => `state eq '${state}'`).join(" or "), signal),
  };
}
