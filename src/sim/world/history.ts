// The append-only record of what happened in the simulated account, kept for the Log Analytics
// simulator: pipeline and activity runs with every status transition (ADFPipelineRun,
// ADFActivityRun and their Synapse counterparts have one row per transition) and the Batch service
// events that land in AzureDiagnostics. Field names follow those tables and the Batch event bodies
// so a table builder maps them without guessing.

import type { NameValuePair } from "./entities.js";

export type RunStatus = "Queued" | "InProgress" | "Succeeded" | "Failed" | "Cancelled";
export type ActivityType = "Custom" | "WebActivity";

/** Where a pipeline lives; `kind` decides between the ADF* and SynapseIntegration* tables. */
export interface PipelineHost {
  kind: "adf" | "synapse";
  /** Factory or workspace name. */
  name: string;
  /** ARM id of the factory or workspace (the tables' `ResourceId`/`_ResourceId`). */
  resourceId: string;
  location: string;
}

/** A failed run's error, as ADF reports it (`ErrorCode`, `ErrorMessage`, `FailureType`). */
export interface RunError {
  errorCode: string;
  message: string;
  failureType: "UserError" | "SystemError";
  /** The activity that failed. */
  target: string;
}

interface RunRecordFields {
  /** `TimeGenerated`: when this transition happened. */
  time: string;
  host: PipelineHost;
  pipelineName: string;
  status: RunStatus;
  start: string;
  end?: string;
  error?: RunError;
}

export interface PipelineRunRecord extends RunRecordFields {
  kind: "pipelineRun";
  runId: string;
  parameters: Readonly<Record<string, string>>;
  /** What started the run: its trigger's name, or "Manual" for a run started by createRun. */
  triggerName: string;
  /** Set on runs started by hand (createRun, recovery runs included); trigger runs leave it out. */
  invokedByType?: "Manual";
}

export interface ActivityRunRecord extends RunRecordFields {
  kind: "activityRun";
  pipelineRunId: string;
  activityName: string;
  activityRunId: string;
  activityType: ActivityType;
  linkedServiceName: string;
  effectiveIntegrationRuntime: string;
  /** The activity input as logged (the command for Custom, the call for a Web activity). */
  input: Readonly<Record<string, unknown>>;
  /** On terminal statuses: Custom gives `exitcode` and `outputs` (adfjobs URLs); Web a response summary. */
  output?: Readonly<Record<string, unknown>>;
  /** The Batch task a Custom activity ran as; its id is the activity run id. */
  batchTask?: { poolId: string; jobId: string; taskId: string };
}

/** PoolResizeStartEvent body (learn.microsoft.com/azure/batch/batch-pool-resize-start-event). */
export interface PoolResizeStartEventBody {
  id: string;
  nodeDeallocationOption: string;
  currentDedicatedNodes: number;
  targetDedicatedNodes: number;
  currentLowPriorityNodes: number;
  targetLowPriorityNodes: number;
  enableAutoScale: boolean;
  isAutoPool: boolean;
}

/** PoolResizeCompleteEvent body: the start fields plus the outcome. */
export interface PoolResizeCompleteEventBody extends PoolResizeStartEventBody {
  startTime: string;
  endTime: string;
  /** `Success`, or the resize error code (AccountCoreQuotaReached, AllocationTimedout, ResizeStopped). */
  resultCode: string;
  resultMessage: string;
}

/** TaskStartEvent / TaskCompleteEvent / TaskFailEvent body (batch-task-*-event docs). */
export interface TaskEventBody {
  jobId: string;
  id: string;
  taskType: "User";
  systemTaskVersion: number;
  requiredSlots: number;
  nodeInfo: { poolId: string; nodeId: string };
  multiInstanceSettings: { numberOfInstances: number };
  constraints: { maxTaskRetryCount: number };
  executionInfo: {
    startTime?: string;
    endTime?: string;
    exitCode?: number;
    retryCount: number;
    requeueCount: number;
    result?: "Success" | "Failure";
    schedulingError?: {
      category: "UserError" | "ServerError";
      code: string;
      message: string;
      details: NameValuePair[];
    };
  };
}

interface BatchEventFields<Name extends string, Body> {
  kind: "batchEvent";
  time: string;
  category: "ServiceLog";
  operationName: Name;
  /** The Batch account's ARM id. */
  resourceId: string;
  body: Body;
}

export type BatchEventRecord =
  | BatchEventFields<"PoolResizeStartEvent", PoolResizeStartEventBody>
  | BatchEventFields<"PoolResizeCompleteEvent", PoolResizeCompleteEventBody>
  | BatchEventFields<"TaskStartEvent", TaskEventBody>
  | BatchEventFields<"TaskCompleteEvent", TaskEventBody>
  | BatchEventFields<"TaskFailEvent", TaskEventBody>;

export type HistoryRecord = PipelineRunRecord | ActivityRunRecord | BatchEventRecord;

/**
 * Time-ordered, append-only history with a retention bound: like a Log Analytics workspace, the
 * oldest records are dropped (a tenth at a time, so trimming stays rare) once `maxRecords` is passed.
 */
export class HistoryLog {
  private readonly records: HistoryRecord[] = [];

  constructor(private readonly maxRecords: number) {}

  append(record: HistoryRecord): void {
    this.records.push(record);
    if (this.records.length > this.maxRecords) {
      this.records.splice(0, this.records.length - Math.floor(this.maxRecords * 0.9));
    }
  }

  all(): readonly HistoryRecord[] {
    return this.records;
  }
}
