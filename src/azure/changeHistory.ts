import { describeAzureError, toAzureRequestError } from "./azureError.js";
import { pipelinesStartedFailingQuery, poolResizeEventsQuery } from "./changeQueries.js";
import { queryLogs, type LogsQueryTarget } from "./logsQuery.js";
import type { LogRow } from "./runRows.js";
import type { PipelineStartedFailing, PoolResizeEvent } from "../model/changes.js";
import type { QueryWarning, RunHistoryResult } from "../model/runs.js";

/** What `:changes` asks Log Analytics: aggregated there, a few rows back. */
export interface ChangeHistory {
  /** Pipelines whose first failure at or after `since` followed a success, newest first. */
  pipelinesStartedFailing(
    since: Date,
    now: Date,
    signal?: AbortSignal,
  ): Promise<RunHistoryResult<PipelineStartedFailing>>;
  /** The Batch account's PoolResizeStartEvent and PoolResizeCompleteEvent since `since`, newest first. */
  poolResizeEvents(since: Date, now: Date, signal?: AbortSignal): Promise<RunHistoryResult<PoolResizeEvent>>;
}

export interface ChangeHistoryOptions extends LogsQueryTarget {
  batchAccountName?: string;
}

/** How far before `since` the previous run of a pipeline is looked for. */
export const previousRunLookbackMs = 24 * 3_600_000;
const maxPipelines = 200;
const maxResizeEvents = 200;

const text = (row: LogRow, column: string) => {
  const value = row[column];
  return value === null || value === undefined ? "" : String(value);
};
const date = (row: LogRow, column: string): Date | undefined => {
  const value = row[column];
  const parsed =
    value instanceof Date ? value : typeof value === "string" && value ? new Date(value) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
};
const number = (row: LogRow, column: string): number | undefined => {
  const value = row[column];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

function toStartedFailing(row: LogRow): PipelineStartedFailing | undefined {
  const firstFailedAt = date(row, "FailedSince");
  if (!firstFailedAt) return undefined;
  const errorCode = text(row, "ErrorCode");
  const errorMessage = text(row, "ErrorMessage");
  return {
    pipelineName: text(row, "PipelineName"),
    firstFailedAt,
    failedRuns: number(row, "FailedRuns") ?? 1,
    activityName: text(row, "ActivityName"),
    activityType: text(row, "ActivityType"),
    activityRunId: text(row, "ActivityRunId"),
    pipelineRunId: text(row, "PipelineRunId"),
    ...(errorCode ? { errorCode } : {}),
    ...(errorMessage ? { errorMessage } : {}),
  };
}

function toResizeEvent(row: LogRow): PoolResizeEvent | undefined {
  const time = date(row, "TimeGenerated");
  if (!time) return undefined;
  const targetDedicatedNodes = number(row, "targetDedicatedNodes_d");
  const targetSpotNodes = number(row, "targetLowPriorityNodes_d");
  const resultCode = text(row, "resultCode_s");
  const resultMessage = text(row, "resultMessage_s");
  return {
    time,
    poolId: text(row, "id_s"),
    operation: text(row, "OperationName") === "PoolResizeStartEvent" ? "start" : "complete",
    ...(targetDedicatedNodes !== undefined ? { targetDedicatedNodes } : {}),
    ...(targetSpotNodes !== undefined ? { targetSpotNodes } : {}),
    ...(resultCode ? { resultCode } : {}),
    ...(resultMessage ? { resultMessage } : {}),
  };
}

/** From `since` to `now`, and a minute more for the clocks' skew (the query text holds `since` itself). */
const windowMs = (since: Date, now: Date) => Math.max(0, now.getTime() - since.getTime()) + 60_000;

const defined = <T>(value: T | undefined): value is T => value !== undefined;

export function createChangeHistory(options: ChangeHistoryOptions): ChangeHistory {
  return {
    async pipelinesStartedFailing(since, now, signal) {
      // The previous run may lie before `since`: the window reaches back a day further. It is a
      // duration up to the service's now, so a caller's clock a little off does not cut the newest rows.
      const window = { durationMs: windowMs(since, now) + previousRunLookbackMs };
      const sources = [
        { source: "adf", table: "ADFActivityRun" },
        { source: "synapse", table: "SynapseIntegrationActivityRuns" },
      ] as const;
      const settled = await Promise.allSettled(
        sources.map(({ source, table }) =>
          queryLogs(
            options,
            pipelinesStartedFailingQuery(source, since, maxPipelines),
            window,
            table,
            signal,
          ),
        ),
      );
      const items: PipelineStartedFailing[] = [];
      const warnings: QueryWarning[] = [];
      for (const [index, outcome] of settled.entries()) {
        if (outcome.status === "rejected") {
          // A workspace that collects only one family may refuse the other: a warning while one answers.
          const error = toAzureRequestError(outcome.reason);
          if (settled.every((other) => other.status === "rejected") || signal?.aborted) throw error;
          warnings.push({ source: sources[index]?.table ?? "", message: describeAzureError(error) });
          continue;
        }
        items.push(...outcome.value.rows.map(toStartedFailing).filter(defined));
        if (outcome.value.warning) warnings.push(outcome.value.warning);
      }
      items.sort((a, b) => b.firstFailedAt.getTime() - a.firstFailedAt.getTime());
      return { items, warnings };
    },
    async poolResizeEvents(since, now, signal) {
      const outcome = await queryLogs(
        options,
        poolResizeEventsQuery(since, maxResizeEvents, options.batchAccountName),
        { durationMs: windowMs(since, now) },
        "AzureDiagnostics",
        signal,
      );
      return {
        items: outcome.rows.map(toResizeEvent).filter(defined),
        warnings: outcome.warning ? [outcome.warning] : [],
      };
    },
  };
}
