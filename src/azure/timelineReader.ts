import { describeAzureError, toAzureRequestError } from "./azureError.js";
import { queryLogs, type LogsQueryTarget } from "./logsQuery.js";
import type { LogRow } from "./runRows.js";
import { timelineQuery, timelineRowsQuery } from "./timelineQueries.js";
import type {
  SeriesKind,
  TimelineCount,
  TimelineCounts,
  TimelineEvent,
  TimelineEvents,
} from "../model/timeline.js";
import type { TimeWindow } from "../model/runs.js";

/**
 * The timeline's reads from Log Analytics: counts per time bucket summarised by the service (a
 * bounded result, never raw rows), and one bucket's events, bounded too.
 */
export interface TimelineReader {
  counts(window: TimeWindow, bucketMs: number, signal?: AbortSignal): Promise<TimelineCounts>;
  /** The events of [start, end), newest first, at most `eventRowLimit` per table. */
  events(start: Date, end: Date, signal?: AbortSignal): Promise<TimelineEvents>;
}

/** Summarised rows at most per query: 30 buckets × 100 series is far beyond any chart. */
export const countRowLimit = 3000;
/** Events per table listed for one bucket. */
export const eventRowLimit = 200;

export interface TimelineReaderOptions extends LogsQueryTarget {
  batchAccountName?: string;
}

function text(row: LogRow, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? "" : String(value);
}

function time(row: LogRow): Date {
  const value = row.TimeGenerated;
  // Every row has a TimeGenerated; the client turns it into a Date.
  return value instanceof Date ? value : new Date(String(value));
}

function count(row: LogRow): number {
  return typeof row.Count === "number" ? row.Count : Number(row.Count ?? 0);
}

const batchSource = (operation: string) => `AzureDiagnostics ${operation}`;

/** A Batch event row's series: task failures by exit code, resize starts, and completions split by outcome. */
function batchSeries(row: LogRow): { kind: SeriesKind; key: string } | undefined {
  const operation = text(row, "OperationName");
  if (operation === "TaskFailEvent") {
    const exit = row.executionInfo_exitCode_d;
    return { kind: "task-failed", key: typeof exit === "number" ? `exit ${exit}` : "no exit code" };
  }
  if (operation === "PoolResizeStartEvent") return { kind: "resize-start", key: "" };
  if (operation !== "PoolResizeCompleteEvent") return undefined;
  const code = text(row, "resultCode_s");
  return code === "" || code === "Success"
    ? { kind: "resize-complete", key: "" }
    : { kind: "resize-error", key: code };
}

function batchEvent(row: LogRow): TimelineEvent | undefined {
  const series = batchSeries(row);
  if (!series) return undefined;
  const operation = text(row, "OperationName");
  const id = text(row, "id_s");
  const source = batchSource(operation);
  if (series.kind === "task-failed") {
    const jobId = text(row, "jobId_s");
    return {
      time: time(row),
      kind: series.kind,
      source,
      // The node is left out: its id alone is longer than the pane (the task's details name it).
      summary: `${jobId} / ${id} · ${series.key}`,
      ...(jobId && id ? { landing: { kind: "task" as const, jobId, taskId: id } } : {}),
    };
  }
  const message = text(row, "resultMessage_s");
  const outcome = series.kind === "resize-error" ? ` · ${series.key}${message ? `: ${message}` : ""}` : "";
  const verb = series.kind === "resize-start" ? "resize started" : "resize completed";
  return {
    time: time(row),
    kind: series.kind,
    source,
    summary: `${id} ${verb}${outcome}`,
    ...(series.kind === "resize-error" ? { code: { family: "poolResize" as const, code: series.key } } : {}),
    ...(id ? { landing: { kind: "pool" as const, poolId: id } } : {}),
  };
}

function activityEvent(row: LogRow, source: string): TimelineEvent {
  const code = text(row, "ErrorCode");
  const message = text(row, "ErrorMessage");
  const activityRunId = text(row, "ActivityRunId");
  const error = code || message ? ` · ${[code, message].filter(Boolean).join(": ")}` : "";
  return {
    time: time(row),
    kind: "activity-failed",
    source,
    summary: `${text(row, "PipelineName")} / ${text(row, "ActivityName")} (${text(row, "ActivityType")})${error}`,
    ...(code ? { code: { family: "adfActivity" as const, code } } : {}),
    ...(activityRunId
      ? { landing: { kind: "activityRun" as const, activityRunId, activityType: text(row, "ActivityType") } }
      : {}),
  };
}

export function createTimelineReader(options: TimelineReaderOptions): TimelineReader {
  const account =
    options.batchAccountName === undefined ? {} : { batchAccountName: options.batchAccountName };
  /**
   * The three tables asked at once. A workspace may hold only some of them: one failing is a
   * warning while another answers; when all fail, the first failure is the answer.
   */
  async function acrossTables<T>(
    queries: readonly { source: string; query: string; map: (rows: LogRow[]) => T[] }[],
    window: TimeWindow,
    signal: AbortSignal | undefined,
  ): Promise<{ items: T[]; warnings: string[]; rowsPerQuery: number[] }> {
    const settled = await Promise.allSettled(
      queries.map((q) => queryLogs(options, q.query, window, q.source, signal)),
    );
    const items: T[] = [];
    const warnings: string[] = [];
    const rowsPerQuery: number[] = [];
    for (const [index, result] of settled.entries()) {
      const query = queries[index];
      if (!query) continue;
      if (result.status === "rejected") {
        const error = toAzureRequestError(result.reason);
        if (settled.every((other) => other.status === "rejected") || signal?.aborted) throw error;
        warnings.push(`${query.source}: ${describeAzureError(error)}`);
        rowsPerQuery.push(0);
        continue;
      }
      items.push(...query.map(result.value.rows));
      rowsPerQuery.push(result.value.rows.length);
      if (result.value.warning) warnings.push(`${query.source}: ${result.value.warning.message}`);
    }
    return { items, warnings, rowsPerQuery };
  }

  const activityCounts = (source: string) => (rows: LogRow[]) =>
    rows.map(
      (row): TimelineCount => ({
        kind: "activity-failed",
        key: text(row, "PipelineName"),
        source,
        time: time(row),
        count: count(row),
      }),
    );

  return {
    async counts(window, bucketMs, signal) {
      const options = { bucketMs, maxRows: countRowLimit, ...account };
      const result = await acrossTables<TimelineCount>(
        [
          {
            source: "ADFActivityRun",
            query: timelineQuery("timelineAdfFailures", options),
            map: activityCounts("ADFActivityRun"),
          },
          {
            source: "SynapseIntegrationActivityRuns",
            query: timelineQuery("timelineSynapseFailures", options),
            map: activityCounts("SynapseIntegrationActivityRuns"),
          },
          {
            source: "AzureDiagnostics",
            query: timelineQuery("timelineBatchEvents", options),
            map: (rows) =>
              rows.flatMap((row) => {
                const series = batchSeries(row);
                if (!series) return [];
                const source = batchSource(text(row, "OperationName"));
                return [{ ...series, source, time: time(row), count: count(row) }];
              }),
          },
        ],
        window,
        signal,
      );
      return { rows: result.items, warnings: result.warnings };
    },
    async events(start, end, signal) {
      const options = { maxRows: eventRowLimit, ...account };
      // The timespan's end is inclusive: a millisecond less keeps the next bucket's first event out.
      const window = { start, end: new Date(end.getTime() - 1) };
      const result = await acrossTables<TimelineEvent>(
        [
          {
            source: "ADFActivityRun",
            query: timelineRowsQuery("timelineAdfFailureRows", options),
            map: (rows) => rows.map((row) => activityEvent(row, "ADFActivityRun")),
          },
          {
            source: "SynapseIntegrationActivityRuns",
            query: timelineRowsQuery("timelineSynapseFailureRows", options),
            map: (rows) => rows.map((row) => activityEvent(row, "SynapseIntegrationActivityRuns")),
          },
          {
            source: "AzureDiagnostics",
            query: timelineRowsQuery("timelineBatchEventRows", options),
            map: (rows) => rows.flatMap((row) => batchEvent(row) ?? []),
          },
        ],
        window,
        signal,
      );
      return {
        items: result.items.sort((a, b) => b.time.getTime() - a.time.getTime()),
        warnings: result.warnings,
        truncated: result.rowsPerQuery.some((n) => n >= eventRowLimit),
      };
    },
  };
}
