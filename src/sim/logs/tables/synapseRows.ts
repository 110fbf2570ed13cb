/**
 * SynapseIntegrationPipelineRuns and SynapseIntegrationActivityRuns rows for pipelines hosted in a
 * Synapse workspace. Same one-row-per-transition shape as ADF's tables, but with Synapse's own
 * columns: no `ResourceId` (only `_ResourceId`), no Input/Output/Error, and `Parameters`,
 * `SystemParameters`, `Predecessors` as dynamic values. Annotations, Tags, UserProperties,
 * CorrelationId and PipelineTenantId are not modelled by the world and stay empty.
 * Rows are single object literals for the reason adfRows.ts gives.
 */
import type { ActivityRunRecord, PipelineRunRecord } from "../../world/history.js";
import type { LogRecord } from "../kql/inputRows.js";
import {
  azureSourceSystem,
  normalisedResourceId,
  regionName,
  subscriptionOf,
  type Workspace,
} from "./resourceColumns.js";
import { predecessors, runEnd, runLogLevel, runOperationName, systemParameters } from "./runColumns.js";

export function synapsePipelineRunRow(record: PipelineRunRecord, workspace: Workspace): LogRecord {
  const { resourceId } = record.host;
  const subscriptionId = subscriptionOf(resourceId);
  return {
    TenantId: workspace.workspaceId,
    SourceSystem: azureSourceSystem,
    Type: "SynapseIntegrationPipelineRuns",
    TimeGenerated: Date.parse(record.time),
    _ResourceId: normalisedResourceId(resourceId),
    _SubscriptionId: subscriptionId,
    Category: "IntegrationPipelineRuns",
    Level: runLogLevel,
    Location: regionName(record.host.location),
    OperationName: runOperationName(record.pipelineName, record),
    PipelineName: record.pipelineName,
    RunId: record.runId,
    Status: record.status,
    Start: Date.parse(record.start),
    End: runEnd(record),
    Parameters: record.parameters,
    SystemParameters: systemParameters(record, subscriptionId),
    Predecessors: predecessors(record),
  };
}

export function synapseActivityRunRow(record: ActivityRunRecord, workspace: Workspace): LogRecord {
  const { resourceId } = record.host;
  return {
    TenantId: workspace.workspaceId,
    SourceSystem: azureSourceSystem,
    Type: "SynapseIntegrationActivityRuns",
    TimeGenerated: Date.parse(record.time),
    _ResourceId: normalisedResourceId(resourceId),
    _SubscriptionId: subscriptionOf(resourceId),
    Category: "IntegrationActivityRuns",
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
    EffectiveIntegrationRuntime: record.effectiveIntegrationRuntime,
  };
}
