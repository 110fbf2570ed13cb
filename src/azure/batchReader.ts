import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";
import type { AbortSignalLike } from "@azure/ms-rest-js";
import { toAzureRequestError } from "./azureError.js";
import type { NodeSummary } from "../model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";

/** Read access to a Batch account's data plane, in batchtop's own types. */
export interface BatchReader {
  listPools(signal?: AbortSignal): Promise<PoolSummary[]>;
  poolNodeCounts(signal?: AbortSignal): Promise<PoolNodeCounts[]>;
  listNodes(poolId: string, signal?: AbortSignal): Promise<NodeSummary[]>;
}

/** Only what the panes show travels: Batch returns every property unless asked not to. */
const poolSelect =
  "id,vmSize,state,allocationState,allocationStateTransitionTime,currentDedicatedNodes,targetDedicatedNodes,currentLowPriorityNodes,targetLowPriorityNodes,enableAutoScale,taskSlotsPerNode,resizeErrors,identity";
const nodeSelect =
  "id,state,stateTransitionTime,schedulingState,runningTasksCount,isDedicated,startTaskInfo,errors";

type Page<T> = T[] & { odatanextLink?: string };

async function collect<T>(first: Page<T>, next: (link: string) => Promise<Page<T>>): Promise<T[]> {
  const items = [...first];
  let link = first.odatanextLink;
  while (link) {
    const page = await next(link);
    items.push(...page);
    link = page.odatanextLink;
  }
  return items;
}

function toPool(pool: BatchServiceModels.CloudPool): PoolSummary {
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
    taskSlotsPerNode: pool.taskSlotsPerNode ?? 1,
    identityCount: pool.identity?.userAssignedIdentities?.length ?? 0,
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

/** ms-rest-js types its own AbortSignalLike, which Node's AbortSignal satisfies at run time. */
function abortable(signal: AbortSignal | undefined): { abortSignal?: AbortSignalLike } {
  return signal ? { abortSignal: signal as unknown as AbortSignalLike } : {};
}

/** Every failure leaves src/azure as an AzureRequestError carrying the service's own words. */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toAzureRequestError(error);
  }
}

export function createBatchReader(client: BatchServiceClient): BatchReader {
  return {
    listPools: (signal) =>
      call(async () => {
        const first = await client.pool.list({
          poolListOptions: { select: poolSelect },
          ...abortable(signal),
        });
        return (await collect(first, (link) => client.pool.listNext(link, abortable(signal)))).map(toPool);
      }),
    poolNodeCounts: (signal) =>
      call(async () => {
        const first = await client.account.listPoolNodeCounts(abortable(signal));
        const all = await collect(first, (link) =>
          client.account.listPoolNodeCountsNext(link, abortable(signal)),
        );
        return all.map((entry) => {
          const byState: Record<string, number> = {};
          sumCounts(entry.dedicated, byState);
          sumCounts(entry.lowPriority, byState);
          return {
            poolId: entry.poolId,
            byState,
            total: (entry.dedicated?.total ?? 0) + (entry.lowPriority?.total ?? 0),
          };
        });
      }),
    listNodes: (poolId, signal) =>
      call(async () => {
        const first = await client.computeNode.list(poolId, {
          computeNodeListOptions: { select: nodeSelect },
          ...abortable(signal),
        });
        return (await collect(first, (link) => client.computeNode.listNext(link, abortable(signal)))).map(
          toNode,
        );
      }),
  };
}
