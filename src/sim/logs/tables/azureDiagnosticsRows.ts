/**
 * AzureDiagnostics rows for the Batch account's service-log events (PoolResizeStartEvent,
 * PoolResizeCompleteEvent, TaskStartEvent, TaskCompleteEvent, TaskFailEvent). AzureDiagnostics has no
 * column per event field: Log Analytics flattens the event body into suffixed columns, nested names
 * joined with `_` and the suffix saying the type (`_s` string, `_d` number, `_b` bool, `_t` datetime).
 * The columns written are the ones the workspace declares (shared/specs/log-analytics/tables.json);
 * fields without one, such as a failed task's scheduling error, could not be queried anyway.
 * Batch event bodies carry no level, so `Level` stays empty.
 *
 * One object literal with every column (absent values undefined), for the reason adfRows.ts gives.
 */
import type {
  BatchEventRecord,
  PoolResizeCompleteEventBody,
  PoolResizeStartEventBody,
  TaskEventBody,
} from "../../world/history.js";
import type { LogRecord } from "../kql/inputRows.js";
import { armIdParts, azureSourceSystem, normalisedResourceId, type Workspace } from "./resourceColumns.js";

function datetime(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}

interface EventBodies {
  task?: TaskEventBody;
  resize?: PoolResizeStartEventBody;
  completedResize?: PoolResizeCompleteEventBody;
}

function bodies(record: BatchEventRecord): EventBodies {
  switch (record.operationName) {
    case "TaskStartEvent":
    case "TaskCompleteEvent":
    case "TaskFailEvent":
      return { task: record.body };
    case "PoolResizeStartEvent":
      return { resize: record.body };
    case "PoolResizeCompleteEvent":
      return { resize: record.body, completedResize: record.body };
  }
}

export function batchEventRow(record: BatchEventRecord, workspace: Workspace): LogRecord {
  const { resourceId } = record;
  const parts = armIdParts(resourceId);
  const { task, resize, completedResize } = bodies(record);
  const execution = task?.executionInfo;
  return {
    TenantId: workspace.workspaceId,
    SourceSystem: azureSourceSystem,
    Type: "AzureDiagnostics",
    TimeGenerated: Date.parse(record.time),
    ResourceId: resourceId.toUpperCase(),
    _ResourceId: normalisedResourceId(resourceId),
    // AzureDiagnostics stores the resource's name parts upper-cased ("MICROSOFT.BATCH", "BATCHACCOUNTS").
    ResourceGroup: parts?.resourceGroup.toUpperCase(),
    ResourceProvider: parts?.provider.toUpperCase(),
    ResourceType: parts?.type.toUpperCase(),
    Resource: parts?.name.toUpperCase(),
    Category: record.category,
    OperationName: record.operationName,
    // Both kinds of event name their subject `id`: the task id, or the pool id.
    id_s: record.body.id,
    jobId_s: task?.jobId,
    taskType_s: task?.taskType,
    systemTaskVersion_d: task?.systemTaskVersion,
    requiredSlots_d: task?.requiredSlots,
    nodeInfo_poolId_s: task?.nodeInfo.poolId,
    nodeInfo_nodeId_s: task?.nodeInfo.nodeId,
    multiInstanceSettings_numberOfInstances_d: task?.multiInstanceSettings.numberOfInstances,
    constraints_maxTaskRetryCount_d: task?.constraints.maxTaskRetryCount,
    executionInfo_startTime_t: datetime(execution?.startTime),
    executionInfo_endTime_t: datetime(execution?.endTime),
    executionInfo_exitCode_d: execution?.exitCode,
    executionInfo_retryCount_d: execution?.retryCount,
    executionInfo_requeueCount_d: execution?.requeueCount,
    executionInfo_result_s: execution?.result,
    nodeDeallocationOption_s: resize?.nodeDeallocationOption,
    currentDedicatedNodes_d: resize?.currentDedicatedNodes,
    targetDedicatedNodes_d: resize?.targetDedicatedNodes,
    currentLowPriorityNodes_d: resize?.currentLowPriorityNodes,
    targetLowPriorityNodes_d: resize?.targetLowPriorityNodes,
    enableAutoScale_b: resize?.enableAutoScale,
    isAutoPool_b: resize?.isAutoPool,
    // A date-time text field gets the `_t` suffix, so the resize's start is startTime_t, not startTime_s.
    startTime_t: datetime(completedResize?.startTime),
    endTime_t: datetime(completedResize?.endTime),
    resultCode_s: completedResize?.resultCode,
    resultMessage_s: completedResize?.resultMessage,
  };
}
