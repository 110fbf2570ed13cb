/**
 * The timeline (`:timeline` and the failure strip under the header): counts of failures and pool
 * events per time bucket, as Log Analytics summarises them (`summarize count() by bin(...)`), or as
 * the Batch failures poll alone can tell without a workspace. Pure: bucket maths, series, sparklines.
 */
import type { NodeSummary } from "./nodes.js";
import type { ErrorCodeFamily } from "./errorCodes/lookup.js";
import type { JobFailures } from "./health.js";

export const timelineRanges = ["1h", "6h", "24h"] as const;
export type TimelineRange = (typeof timelineRanges)[number];

/** Buckets per chart: narrow enough for an 80-column pane beside a label. */
export const bucketsPerTimeline = 30;

const HOUR_MS = 3_600_000;
const rangeHours: Readonly<Record<TimelineRange, number>> = { "1h": 1, "6h": 6, "24h": 24 };

export function rangeMs(range: TimelineRange): number {
  return rangeHours[range] * HOUR_MS;
}

/** What the range key cycles to: 1h → 6h → 24h → 1h. */
export function nextRange(range: TimelineRange): TimelineRange {
  return timelineRanges[(timelineRanges.indexOf(range) + 1) % timelineRanges.length] ?? "1h";
}

/** .NET ticks start at 0001-01-01: Kusto's bin() floors datetimes from there, not from 1970. */
const MS_FROM_YEAR_ONE_TO_EPOCH = 62_135_596_800_000;

/** The start of the bucket holding `timeMs`, exactly as Kusto's `bin(TimeGenerated, bucketMs)` puts it. */
export function binStart(timeMs: number, bucketMs: number): number {
  return Math.floor((timeMs + MS_FROM_YEAR_ONE_TO_EPOCH) / bucketMs) * bucketMs - MS_FROM_YEAR_ONE_TO_EPOCH;
}

/** The chart's time axis: `count` buckets of `bucketMs`, the last one holding `nowMs`. */
export interface TimelineBuckets {
  range: TimelineRange;
  startMs: number;
  bucketMs: number;
  count: number;
  nowMs: number;
}

export function timelineBuckets(range: TimelineRange, nowMs: number): TimelineBuckets {
  const bucketMs = rangeMs(range) / bucketsPerTimeline;
  const lastStart = binStart(nowMs, bucketMs);
  return {
    range,
    startMs: lastStart - (bucketsPerTimeline - 1) * bucketMs,
    bucketMs,
    count: bucketsPerTimeline,
    nowMs,
  };
}

/** The bucket holding `timeMs`, or undefined outside the chart. */
export function bucketIndex(buckets: TimelineBuckets, timeMs: number): number | undefined {
  if (timeMs > buckets.nowMs) return undefined;
  const index = Math.floor((timeMs - buckets.startMs) / buckets.bucketMs);
  return index >= 0 && index < buckets.count ? index : undefined;
}

/** [startMs, endMs) of bucket `index`; the last one ends now. */
export function bucketBounds(buckets: TimelineBuckets, index: number): { startMs: number; endMs: number } {
  const startMs = buckets.startMs + index * buckets.bucketMs;
  return { startMs, endMs: Math.min(startMs + buckets.bucketMs, buckets.nowMs + 1) };
}

/** What a series counts; the order here is the order the chart lists them in. */
export const seriesKinds = [
  "activity-failed",
  "task-failed",
  "resize-error",
  "resize-start",
  "resize-complete",
  "node-state",
] as const;
export type SeriesKind = (typeof seriesKinds)[number];

/** One summarised row: `count` events of one series in the bucket starting at `time`. */
export interface TimelineCount {
  kind: SeriesKind;
  /** The series' key: a pipeline, an exit code or failure code, a resize error code; "" for none. */
  key: string;
  /** The table (and event) it was counted from. */
  source: string;
  time: Date;
  count: number;
}

export interface TimelineSeries {
  kind: SeriesKind;
  key: string;
  source: string;
  counts: readonly number[];
  total: number;
}

/** Rows into one series per kind and key, each a count per bucket; rows outside the chart are dropped. */
export function toSeries(rows: readonly TimelineCount[], buckets: TimelineBuckets): TimelineSeries[] {
  const byKey = new Map<string, { kind: SeriesKind; key: string; source: string; counts: number[] }>();
  for (const row of rows) {
    const index = bucketIndex(buckets, row.time.getTime());
    if (index === undefined) continue;
    const id = `${row.kind}\u0000${row.key}`;
    let series = byKey.get(id);
    if (!series) {
      series = {
        kind: row.kind,
        key: row.key,
        source: row.source,
        counts: new Array<number>(buckets.count).fill(0),
      };
      byKey.set(id, series);
    }
    series.counts[index] = (series.counts[index] ?? 0) + row.count;
  }
  return [...byKey.values()]
    .map((series) => ({ ...series, total: series.counts.reduce((sum, n) => sum + n, 0) }))
    .sort(
      (a, b) =>
        seriesKinds.indexOf(a.kind) - seriesKinds.indexOf(b.kind) ||
        b.total - a.total ||
        a.key.localeCompare(b.key),
    );
}

/** The chart as last asked: its axis and one series per kind and key. */
export interface TimelineChart {
  buckets: TimelineBuckets;
  series: readonly TimelineSeries[];
  warnings: readonly string[];
  /** The nodes now in a troubled state, read from Batch with the chart: a bucket's node events. */
  troubledNodes?: readonly PoolNodes[];
}

/** A pool's nodes as Batch listed them. */
export interface PoolNodes {
  poolId: string;
  nodes: readonly NodeSummary[];
}

/**
 * Nodes that turned unusable, starttaskfailed or preempted, counted by when they turned. Batch logs
 * no node state events, so this is what Batch shows now: a node that has recovered or left since is
 * not counted, and the series says so.
 */
export function nodeStateRows(pools: readonly PoolNodes[]): TimelineCount[] {
  return pools.flatMap(({ nodes }) =>
    nodes.flatMap((node) =>
      node.stateTransitionTime
        ? [
            {
              kind: "node-state" as const,
              key: node.state,
              source: nodeSource,
              time: node.stateTransitionTime,
              count: 1,
            },
          ]
        : [],
    ),
  );
}

const nodeSource = "Batch nodes (in that state now)";

/** The troubled nodes that turned in [startMs, endMs), newest first, each landing on its node. */
export function nodeStateEvents(
  pools: readonly PoolNodes[],
  startMs: number,
  endMs: number,
): TimelineEvent[] {
  return pools
    .flatMap(({ poolId, nodes }) =>
      nodes.flatMap((node): TimelineEvent[] => {
        const at = node.stateTransitionTime?.getTime();
        if (at === undefined || at < startMs || at >= endMs) return [];
        const code = node.errors[0]?.code;
        return [
          {
            time: new Date(at),
            kind: "node-state",
            source: nodeSource,
            summary: `${poolId} / ${node.id} turned ${node.state}${code ? ` · ${code}` : ""}`,
            ...(code ? { code: { family: "computeNode" as const, code } } : {}),
            landing: { kind: "node", poolId, nodeId: node.id },
          },
        ];
      }),
    )
    .sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** Bucket-wise sum of several series (the strip: every failure, whatever its series). */
export function sumCounts(series: readonly TimelineSeries[], count: number): number[] {
  const sum = new Array<number>(count).fill(0);
  for (const one of series) one.counts.forEach((n, index) => (sum[index] = (sum[index] ?? 0) + n));
  return sum;
}

const blocks = "▁▂▃▄▅▆▇█";

/**
 * One character per bucket: "·" for none, then eight heights scaled to `max` (the largest count
 * unless given, so several series can share a scale). Any count above zero shows at least "▁".
 */
export function sparkline(counts: readonly number[], max = Math.max(0, ...counts)): string {
  return counts
    .map((n) => {
      if (n <= 0 || max <= 0) return "·";
      const level = Math.min(blocks.length, Math.max(1, Math.ceil((n / max) * blocks.length)));
      return blocks[level - 1] ?? "█";
    })
    .join("");
}

/**
 * Without a workspace: Batch's failed tasks from the failures poll, by failure code (or exit code),
 * bucketed by their end time. Only as far back as that poll looks.
 */
export function batchFailureCounts(jobs: readonly JobFailures[]): TimelineCount[] {
  const rows: TimelineCount[] = [];
  for (const job of jobs) {
    for (const task of job.failed) {
      const at = task.endTime ?? task.stateTransitionTime;
      if (!at) continue;
      const key = task.failure?.code ?? (task.exitCode !== undefined ? `exit ${task.exitCode}` : "unknown");
      rows.push({ kind: "task-failed", key, source: "Batch tasks (failures poll)", time: at, count: 1 });
    }
  }
  return rows;
}

/**
 * Where Enter on an event row lands. No event lands on a node: the Batch service log has no node
 * state events, and a failed task's row lands on the task (whose details name its node).
 */
export type TimelineLanding =
  | { kind: "task"; jobId: string; taskId: string }
  /** An activity run: a Custom activity's is its Batch task (`:find` reaches it); others show their error. */
  | { kind: "activityRun"; activityRunId: string; activityType: string }
  | { kind: "pool"; poolId: string }
  | { kind: "node"; poolId: string; nodeId: string };

/** One event of a bucket, as listed after Enter; text fields are the service's, not yet sanitised. */
export interface TimelineEvent {
  time: Date;
  kind: SeriesKind;
  source: string;
  /** "transform_customers_hourly / transform · FailureExitCode", "etl-highmem-e8 → 12 dedicated". */
  summary: string;
  /** The error code the event carries, for what it means (src/model/errorCodes). */
  code?: { family: ErrorCodeFamily; code: string };
  landing?: TimelineLanding;
}

export interface TimelineCounts {
  rows: readonly TimelineCount[];
  /** Tables that answered in part or not at all, in their words. */
  warnings: readonly string[];
}

export interface TimelineEvents {
  items: readonly TimelineEvent[];
  warnings: readonly string[];
  /** More events than the query's bound: the list shows the newest. */
  truncated: boolean;
}

/** One bucket's events, for the bounds they were asked for. */
export interface TimelineBucketEvents extends TimelineEvents {
  startMs: number;
  endMs: number;
}

/** The strip under the header: the last hour's failures (activity runs and Batch tasks) per bucket. */
export interface FailureStrip {
  buckets: TimelineBuckets;
  counts: readonly number[];
  total: number;
}

/**
 * Without a workspace, a bucket's events are the failed tasks held from the failures poll whose end
 * time falls in it, newest first.
 */
export function batchFailureEvents(
  jobs: readonly JobFailures[],
  startMs: number,
  endMs: number,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const job of jobs) {
    for (const task of job.failed) {
      const at = task.endTime ?? task.stateTransitionTime;
      if (!at || at.getTime() < startMs || at.getTime() >= endMs) continue;
      const code = task.failure?.code ?? (task.exitCode !== undefined ? `exit ${task.exitCode}` : "unknown");
      events.push({
        time: at,
        kind: "task-failed",
        source: "Batch tasks",
        summary: `${job.jobId} / ${task.id} · ${code}`,
        ...(task.failure?.code ? { code: { family: "batchTask" as const, code: task.failure.code } } : {}),
        landing: { kind: "task", jobId: job.jobId, taskId: task.id },
      });
    }
  }
  return events.sort((a, b) => b.time.getTime() - a.time.getTime());
}
