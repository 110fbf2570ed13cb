import type { BatchServiceClient } from "@azure/batch";
import { abortable } from "./batchPaging.js";
import type { AccountThrottle } from "./throttle.js";
import type { NodeDeallocationOption } from "../model/pools.js";
import type { SchedulingOffOption } from "../model/actions/deallocation.js";

export type { NodeDeallocationOption };

export interface PoolResize {
  targetDedicatedNodes: number;
  targetSpotNodes: number;
  /** At least 5 minutes; the service's default is 15. */
  resizeTimeoutMinutes?: number;
  nodeDeallocationOption?: NodeDeallocationOption;
}

/**
 * The mutations batchtop's actions execute, each sent once (no retry: a resize or a reboot must
 * not happen twice). Never constructed in read-only mode.
 */
export interface BatchWriter {
  resizePool(poolId: string, resize: PoolResize, signal?: AbortSignal): Promise<void>;
  stopPoolResize(poolId: string, signal?: AbortSignal): Promise<void>;
  rebootNode(
    poolId: string,
    nodeId: string,
    option?: NodeDeallocationOption,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Only where scheduling is enabled; the option says what becomes of the node's running tasks. */
  disableNodeScheduling(
    poolId: string,
    nodeId: string,
    option: SchedulingOffOption,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Only where scheduling is disabled. */
  enableNodeScheduling(poolId: string, nodeId: string, signal?: AbortSignal): Promise<void>;
  /** One request for up to 100 nodes of a steady pool; the pool resizes to let them go. */
  removeNodes(
    poolId: string,
    nodeIds: readonly string[],
    option: NodeDeallocationOption,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Only an idle or running node. */
  reimageNode(
    poolId: string,
    nodeId: string,
    option: NodeDeallocationOption,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Only a task that completed with failure, in an active job, can be reactivated. */
  reactivateTask(jobId: string, taskId: string, signal?: AbortSignal): Promise<void>;
  /** Only a task that has not completed: it completes as failed (TaskEnded). */
  terminateTask(jobId: string, taskId: string, signal?: AbortSignal): Promise<void>;
  /**
   * A new formula for an autoscaled pool (Pool_EnableAutoScale); its interval stays as it is. Batch
   * evaluates it at once and refuses a formula that does not parse.
   */
  enableAutoScale(poolId: string, formula: string, signal?: AbortSignal): Promise<void>;
}

export function createBatchWriter(client: BatchServiceClient, throttle: AccountThrottle): BatchWriter {
  const once = async (request: (signal: AbortSignal) => Promise<unknown>, signal?: AbortSignal) => {
    await throttle.run(request, { signal, retry: false });
  };
  return {
    resizePool: (poolId, resize, signal) =>
      once(
        (attempt) =>
          client.pool.resize(
            poolId,
            {
              targetDedicatedNodes: resize.targetDedicatedNodes,
              targetLowPriorityNodes: resize.targetSpotNodes,
              ...(resize.resizeTimeoutMinutes === undefined
                ? {}
                : { resizeTimeout: `PT${resize.resizeTimeoutMinutes}M` }),
              ...(resize.nodeDeallocationOption
                ? { nodeDeallocationOption: resize.nodeDeallocationOption }
                : {}),
            },
            abortable(attempt),
          ),
        signal,
      ),
    stopPoolResize: (poolId, signal) =>
      once((attempt) => client.pool.stopResize(poolId, abortable(attempt)), signal),
    rebootNode: (poolId, nodeId, option, signal) =>
      once(
        (attempt) =>
          client.computeNode.reboot(poolId, nodeId, {
            // The option is a top-level parameter of the SDK's call (ComputeNodeRebootOptionalParams).
            ...(option ? { nodeRebootOption: option } : {}),
            ...abortable(attempt),
          }),
        signal,
      ),
    disableNodeScheduling: (poolId, nodeId, option, signal) =>
      once(
        (attempt) =>
          client.computeNode.disableScheduling(poolId, nodeId, {
            nodeDisableSchedulingOption: option,
            ...abortable(attempt),
          }),
        signal,
      ),
    enableNodeScheduling: (poolId, nodeId, signal) =>
      once((attempt) => client.computeNode.enableScheduling(poolId, nodeId, abortable(attempt)), signal),
    removeNodes: (poolId, nodeIds, option, signal) =>
      once(
        (attempt) =>
          client.pool.removeNodes(
            poolId,
            { nodeList: [...nodeIds], nodeDeallocationOption: option },
            abortable(attempt),
          ),
        signal,
      ),
    reimageNode: (poolId, nodeId, option, signal) =>
      once(
        (attempt) =>
          client.computeNode.reimage(poolId, nodeId, { nodeReimageOption: option, ...abortable(attempt) }),
        signal,
      ),
    reactivateTask: (jobId, taskId, signal) =>
      once((attempt) => client.task.reactivate(jobId, taskId, abortable(attempt)), signal),
    terminateTask: (jobId, taskId, signal) =>
      once((attempt) => client.task.terminate(jobId, taskId, abortable(attempt)), signal),
    enableAutoScale: (poolId, formula, signal) =>
      once(
        (attempt) => client.pool.enableAutoScale(poolId, { autoScaleFormula: formula }, abortable(attempt)),
        signal,
      ),
  };
}
