// Batch service events (the AzureDiagnostics ServiceLog rows) recorded into the world's history,
// with bodies shaped as the Batch event reference documents them.

import type { PoolResizeStartEventBody, TaskEventBody } from "./history.js";
import type { NodeRecord, PoolRecord, SimState, TaskRecord } from "./state.js";
import { isoAt } from "./time.js";

function resizeStartBody(record: PoolRecord): PoolResizeStartEventBody {
  const { pool } = record;
  return {
    id: pool.id,
    // The service reports `invalid` when the pool grows: no node is deallocated.
    nodeDeallocationOption:
      record.resize?.growing === false ? record.resize.nodeDeallocationOption : "invalid",
    currentDedicatedNodes: pool.currentDedicatedNodes,
    targetDedicatedNodes: pool.targetDedicatedNodes,
    currentLowPriorityNodes: pool.currentLowPriorityNodes,
    targetLowPriorityNodes: pool.targetLowPriorityNodes,
    enableAutoScale: pool.enableAutoScale,
    isAutoPool: false,
  };
}

export function recordPoolResizeStart(sim: SimState, record: PoolRecord): void {
  sim.history.append({
    kind: "batchEvent",
    time: isoAt(sim.nowMs),
    category: "ServiceLog",
    operationName: "PoolResizeStartEvent",
    resourceId: sim.accountResourceId,
    body: resizeStartBody(record),
  });
}

export function recordPoolResizeComplete(
  sim: SimState,
  record: PoolRecord,
  startMs: number,
  result: { code: string; message: string },
): void {
  sim.history.append({
    kind: "batchEvent",
    time: isoAt(sim.nowMs),
    category: "ServiceLog",
    operationName: "PoolResizeCompleteEvent",
    resourceId: sim.accountResourceId,
    body: {
      ...resizeStartBody(record),
      startTime: isoAt(startMs),
      endTime: isoAt(sim.nowMs),
      resultCode: result.code,
      resultMessage: result.message,
    },
  });
}

function taskBody(record: TaskRecord, node: NodeRecord): TaskEventBody {
  const { task } = record;
  const info = task.executionInfo;
  const failure = info?.failureInfo;
  return {
    jobId: record.job.job.id,
    id: task.id,
    taskType: "User",
    systemTaskVersion: 0,
    requiredSlots: task.requiredSlots,
    nodeInfo: { poolId: node.pool.pool.id, nodeId: node.node.id },
    multiInstanceSettings: { numberOfInstances: 1 },
    constraints: { maxTaskRetryCount: task.constraints.maxTaskRetryCount },
    executionInfo: {
      ...(info?.startTime !== undefined ? { startTime: info.startTime } : {}),
      ...(info?.endTime !== undefined ? { endTime: info.endTime } : {}),
      ...(info?.exitCode !== undefined ? { exitCode: info.exitCode } : {}),
      retryCount: info?.retryCount ?? 0,
      requeueCount: info?.requeueCount ?? 0,
      ...(info?.result
        ? { result: info.result === "success" ? ("Success" as const) : ("Failure" as const) }
        : {}),
      ...(failure
        ? {
            schedulingError: {
              category: failure.category === "usererror" ? ("UserError" as const) : ("ServerError" as const),
              code: failure.code ?? "Unknown",
              message: failure.message ?? "",
              details: failure.details ?? [],
            },
          }
        : {}),
    },
  };
}

export function recordTaskEvent(
  sim: SimState,
  operationName: "TaskStartEvent" | "TaskCompleteEvent" | "TaskFailEvent",
  record: TaskRecord,
  node: NodeRecord,
): void {
  sim.history.append({
    kind: "batchEvent",
    time: isoAt(sim.nowMs),
    category: "ServiceLog",
    operationName,
    resourceId: sim.accountResourceId,
    body: taskBody(record, node),
  });
}
