/**
 * ADFPipelineRun and ADFActivityRun rows, as a factory's diagnostic setting writes them in
 * resource-specific mode: one row per status transition, `ResourceId` in the upper case ADF logs
 * use, `Input`, `Output`, `Error`, `Parameters` as JSON text (string columns in these tables).
 * Columns the world does not model (CorrelationId, Annotations, Tags, UserProperties, EventMessage,
 * ActivityIterationCount) stay empty rather than invented.
 *
 * Each row is one object literal with a fixed set of keys (absent values undefined): V8 builds those
 * in a few hundred nanoseconds, while spreading partial objects into a 30-key row cost ~40 µs a row.
 */
import type { ActivityRunRecord, PipelineRunRecord, RunError } from "../../world/history.js";
import type { LogRecord } from "../kql/inputRows.js";
import {
  azureSourceSystem,
  normalisedResourceId,
  regionName,
  subscriptionOf,
  type Workspace,
} from "./resourceColumns.js";
import { predecessors, runEnd, runLogLevel, runOperationName, systemParameters } from "./runColumns.js";

/** The activity error as ADF logs it in the `Error` column. */
function errorText(error: RunError | undefined): string | undefined {
  if (!error) return undefined;
  const { errorCode, message, failureType, target } = error;
  return JSON.stringify({ errorCode, message, failureType, target });
}

export function adfPipelineRunRow(record: PipelineRunRecord, workspace: Workspace): LogRecord {
  const { resourceId } = record.host;
  const subscriptionId = subscriptionOf(resourceId);
  return {
    TenantId: workspace.workspaceId,
    SourceSystem: azureSourceSystem,
    Type: "ADFPipelineRun",
    TimeGenerated: Date.parse(record.time),
    ResourceId: resourceId.toUpperCase(),
    _ResourceId: normalisedResourceId(resourceId),
    _SubscriptionId: subscriptionId,
    Category: "PipelineRuns",
    Level: runLogLevel,
    Location: regionName(record.host.location),
    OperationName: runOperationName(record.pipelineName, record),
    PipelineName: record.pipelineName,
    RunId: record.runId,
    Status: record.status,
    Start: Date.parse(record.start),
    End: runEnd(record),
    Parameters: JSON.stringify(record.parameters),
    SystemParameters: JSON.stringify(systemParameters(record, subscriptionId)),
    Predecessors: JSON.stringify(predecessors(record)),
    ErrorCode: record.error?.errorCode,
    ErrorMessage: record.error?.message,
    FailureType: record.error?.failureType,
  };
}

export function adfActivityRunRow(record: ActivityRunRecord, workspace: Workspace): LogRecord {
  const { resourceId } = record.host;
  return {
    TenantId: workspace.workspaceId,
    SourceSystem: azureSourceSystem,
    Type: "ADFActivityRun",
    TimeGenerated: Date.parse(record.time),
    ResourceId: resourceId.toUpperCase(),
    _ResourceId: normalisedResourceId(resourceId),
    _SubscriptionId: subscriptionOf(resourceId),
    Category: "ActivityRuns",
    Level: runLogLevel,
    Location: regionName(record.host.location),
    OperationName: runOperationName(record.activityName, record),
    PipelineName: record.pipelineName,
    PipelineRunId: record.pipelineRunId,
    ActivityName: record.activityName,
    ActivityRunId: record.activityRunId,
    ActivityType: record.activityType,
    Status: record.status,
    Start: Date.parse(record.start),
    End: runEnd(record),
    LinkedServiceName: record.linkedServiceName,
    EffectiveIntegrationRuntime: record.effectiveIntegrationRuntime,
    Input: JSON.stringify(record.input),
    // A Custom activity's output lists the URLs of adfjobs/<activityRunId>/output/stdout.txt and stderr.txt.
    Output: record.output && JSON.stringify(record.output),
    Error: errorText(record.error),
    ErrorCode: record.error?.errorCode,
    ErrorMessage: record.error?.message,
    FailureType: record.error?.failureType,
  };
}
