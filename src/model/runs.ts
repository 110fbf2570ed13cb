/** Which Log Analytics tables a run came from: a data factory's or a Synapse workspace's. */
export type RunSource = "adf" | "synapse";

/** A failed run's error, as ADF logs it. Synapse's activity-run table has no error columns. */
export interface RunError {
  /** ADF's error code, e.g. "2500" for a Custom activity whose program failed. */
  code: string;
  message: string;
  /** "UserError" or "SystemError". */
  failureType?: string;
}

/**
 * One activity run in its latest known state. For a Custom activity the activity run id is the id
 * of the Batch task it ran as (in job `adfv2-<pool>`): that is how task rows find their pipeline.
 */
export interface ActivityRun {
  source: RunSource;
  pipelineName: string;
  pipelineRunId: string;
  activityName: string;
  activityRunId: string;
  /** "Custom" runs as a Batch task; others (WebActivity, Copy, ...) have no task. */
  activityType: string;
  /** Queued, InProgress, Succeeded, Failed or Cancelled. */
  status: string;
  /** When this status was logged. */
  updated: Date;
  start?: Date;
  /** Undefined while the run has not ended. */
  end?: Date;
  error?: RunError;
  /** The activity output's copies of stdout/stderr in the linked storage (`.../adfjobs/<id>/output/...`). */
  outputUrls: string[];
  /**
   * The ARM id of the factory (or Synapse workspace) that ran it, from the row's `_ResourceId`:
   * where a recovery run of its pipeline run is sent (see `factoryFromResourceId`).
   */
  resourceId?: string;
}

/** A Batch TaskFailEvent from the account's diagnostic logs. */
export interface TaskFailEvent {
  time: Date;
  /** The Batch account, as diagnostic logs name it (upper case). */
  accountName: string;
  taskId: string;
  jobId: string;
  poolId: string;
  nodeId: string;
  /** A task can fail with exit code 0, when its output files did not upload for example. */
  exitCode?: number;
  retryCount: number;
  requeueCount: number;
  startTime?: Date;
  endTime?: Date;
}

/** The window a query looks at: the last `durationMs` up to the service's now, or fixed bounds. */
export type TimeWindow = { durationMs: number } | { start: Date; end: Date };

/** Something the operator must know about an answer that still came back: it may be incomplete. */
export interface QueryWarning {
  /** The table or query family it concerns, e.g. "ADFActivityRun". */
  source: string;
  message: string;
}

export interface RunHistoryResult<T> {
  items: T[];
  /** Empty when every query answered in full. */
  warnings: QueryWarning[];
}

/**
 * ADF logs the Windows FILETIME epoch (1601-01-01) as the `End` of a run that has not ended; the
 * column is never empty, so such a value must not be read as an end time.
 */
export function runEnd(end: Date | undefined): Date | undefined {
  if (end === undefined || Number.isNaN(end.getTime())) return undefined;
  return end.getUTCFullYear() <= 1601 ? undefined : end;
}
