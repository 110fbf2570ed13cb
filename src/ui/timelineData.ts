import type { TimelineTarget } from "../model/navigation/uiState.js";
import {
  batchFailureCounts,
  batchFailureEvents,
  timelineBuckets,
  toSeries,
  type TimelineChart,
  type TimelineEvent,
} from "../model/timeline.js";
import {
  timelineLines,
  type TimelinePane,
  type TimelineEventsSource,
  type TimelineSource,
} from "../model/views/timelineLines.js";
import type { DashboardSnapshot } from "../store/dashboardStore.js";

export interface TimelineData {
  chart?: TimelineChart;
  /** The events listed after Enter, in the order drawn: what Enter on a row lands on. */
  events: readonly TimelineEvent[];
  pane: TimelinePane;
}

/**
 * What `:timeline` shows for the snapshot: Log Analytics' chart with a workspace; without one, the
 * failures poll's failed tasks bucketed by end time (as of that poll, so the chart holds still).
 */
export function timelineData(target: TimelineTarget, snapshot: DashboardSnapshot): TimelineData {
  if (snapshot.timelineFromLogs) {
    const chart = snapshot.timeline.data;
    const source: TimelineSource = {
      ...(chart ? { chart } : {}),
      ...(snapshot.timeline.error ? { error: snapshot.timeline.error } : {}),
    };
    const held = snapshot.timelineEvents;
    const forBucket =
      held.data && held.data.startMs === target.events?.startMs && held.data.endMs === target.events.endMs
        ? held.data
        : undefined;
    const events: TimelineEventsSource = {
      ...(forBucket
        ? { items: forBucket.items, truncated: forBucket.truncated, warnings: forBucket.warnings }
        : {}),
      ...(held.error ? { error: held.error } : {}),
    };
    return {
      ...(chart ? { chart } : {}),
      events: forBucket?.items ?? [],
      pane: timelineLines(target, source, events),
    };
  }
  const failures = snapshot.failures;
  const jobs = failures.data ?? [];
  const at = failures.fetchedAt;
  const chart =
    at === undefined
      ? undefined
      : (() => {
          const buckets = timelineBuckets(target.range, at);
          return { buckets, series: toSeries(batchFailureCounts(jobs), buckets), warnings: [] };
        })();
  const source: TimelineSource = {
    ...(chart ? { chart } : {}),
    ...(failures.error ? { error: failures.error } : {}),
    batchOnly: { windowMs: snapshot.failureWindowMs },
  };
  const events = target.events ? batchFailureEvents(jobs, target.events.startMs, target.events.endMs) : [];
  return {
    ...(chart ? { chart } : {}),
    events,
    pane: timelineLines(target, source, { items: events }),
  };
}
