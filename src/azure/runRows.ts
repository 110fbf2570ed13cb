import { runEnd, type ActivityRun, type RunSource, type TaskFailEvent } from "../model/runs.js";
import type { ActivityDurationStat } from "../model/hungTasks.js";

/** A result row keyed by column name; the query client has already turned datetimes into Dates. */
export type LogRow = Readonly<Record<string, unknown>>;

function text(row: LogRow, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? "" : String(value);
}

function date(row: LogRow, column: string): Date | undefined {
  const value = row[column];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== "string" || value === "") return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function number(row: LogRow, column: string): number | undefined {
  const value = row[column];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * The adfjobs URLs in a Custom activity's output (`{"outputs": [".../adfjobs/<id>/output/stdout.txt",
 * ...]}`). ADF logs the output as JSON text; a workspace that types it dynamic hands over an object.
 */
export function adfjobsUrls(output: unknown): string[] {
  let parsed = output;
  if (typeof output === "string") {
    try {
      parsed = JSON.parse(output) as unknown;
    } catch {
      // Truncated or not JSON: there are no URLs to offer.
      return [];
    }
  }
  const outputs =
    typeof parsed === "object" && parsed !== null ? (parsed as { outputs?: unknown }).outputs : [];
  if (!Array.isArray(outputs)) return [];
  return outputs.filter((url): url is string => typeof url === "string" && url.includes("/adfjobs/"));
}

export function toActivityRun(row: LogRow, source: RunSource): ActivityRun {
  const errorCode = text(row, "ErrorCode");
  const errorMessage = text(row, "ErrorMessage");
  const failureType = text(row, "FailureType");
  const start = date(row, "Start");
  const end = runEnd(date(row, "End"));
  const resourceId = text(row, "_ResourceId");
  return {
    source,
    pipelineName: text(row, "PipelineName"),
    pipelineRunId: text(row, "PipelineRunId"),
    activityName: text(row, "ActivityName"),
    activityRunId: text(row, "ActivityRunId"),
    activityType: text(row, "ActivityType"),
    status: text(row, "Status"),
    // Every row has a TimeGenerated; the epoch only stands in for a malformed one.
    updated: date(row, "TimeGenerated") ?? new Date(0),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(errorCode || errorMessage
      ? { error: { code: errorCode, message: errorMessage, ...(failureType ? { failureType } : {}) } }
      : {}),
    outputUrls: adfjobsUrls(row["Output"]),
    ...(resourceId ? { resourceId } : {}),
  };
}

export function toTaskFailEvent(row: LogRow): TaskFailEvent {
  const exitCode = number(row, "executionInfo_exitCode_d");
  const startTime = date(row, "executionInfo_startTime_t");
  const endTime = date(row, "executionInfo_endTime_t");
  return {
    time: date(row, "TimeGenerated") ?? new Date(0),
    accountName: text(row, "Resource"),
    taskId: text(row, "id_s"),
    jobId: text(row, "jobId_s"),
    poolId: text(row, "nodeInfo_poolId_s"),
    nodeId: text(row, "nodeInfo_nodeId_s"),
    ...(exitCode !== undefined ? { exitCode } : {}),
    retryCount: number(row, "executionInfo_retryCount_d") ?? 0,
    requeueCount: number(row, "executionInfo_requeueCount_d") ?? 0,
    ...(startTime ? { startTime } : {}),
    ...(endTime ? { endTime } : {}),
  };
}

/** A row of the usual-duration query; undefined when it lacks a duration (no run had an End). */
export function toActivityDurationStat(row: LogRow): ActivityDurationStat | undefined {
  const p95Ms = number(row, "p95Ms");
  const runs = number(row, "runs");
  if (p95Ms === undefined || runs === undefined) return undefined;
  return { pipelineName: text(row, "PipelineName"), activityName: text(row, "ActivityName"), p95Ms, runs };
}
