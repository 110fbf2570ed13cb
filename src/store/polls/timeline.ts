// The timeline's polls, all from Log Analytics and only with a workspace: the chart while
// `:timeline` shows it, one bucket's events after Enter, and the failure strip under the header,
// always, rarely. Each asks the service for counts per bucket (or a bounded list), never raw rows.

import { troubledNodeStates } from "../../model/changes.js";
import {
  bucketsPerTimeline,
  nodeStateEvents,
  nodeStateRows,
  sumCounts,
  timelineBuckets,
  toSeries,
  type FailureStrip,
  type TimelineBucketEvents,
  type TimelineBuckets,
  type TimelineChart,
} from "../../model/timeline.js";
import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** The chart and the strip change by the minute; Log Analytics lags minutes behind anyway. */
export const timelineMs = 60_000;

async function chart(
  ctx: PollContext,
  buckets: TimelineBuckets,
  signal: AbortSignal,
  { withNodes }: { withNodes: boolean },
): Promise<TimelineChart> {
  const reader = ctx.sources.timeline;
  if (!reader) return { buckets, series: [], warnings: [] };
  const window = { start: new Date(buckets.startMs), end: new Date(buckets.nowMs) };
  // Batch logs no node state events: the nodes in those states now, one filtered list per pool.
  const pools = withNodes ? (ctx.snapshot().overview.data?.pools ?? []) : [];
  const [result, troubledNodes] = await Promise.all([
    reader.counts(window, buckets.bucketMs, signal),
    Promise.all(
      pools.map(async (pool) => ({
        poolId: pool.id,
        nodes: await ctx.sources.reader.listNodesInStates(pool.id, troubledNodeStates, signal),
      })),
    ),
  ]);
  const rows = [...result.rows, ...nodeStateRows(troubledNodes)];
  return { buckets, series: toSeries(rows, buckets), warnings: result.warnings, troubledNodes };
}

export function timelinePoll(ctx: PollContext): Poll {
  return {
    jobsFor: ({ timeline }) => {
      if (!timeline || !ctx.sources.timeline) return [];
      const jobs = [
        pollJob<TimelineChart>(ctx, `timeline:${timeline.range}`, "timeline", timelineMs, (signal) =>
          chart(ctx, timelineBuckets(timeline.range, ctx.now()), signal, { withNodes: true }),
        ),
      ];
      const bucket = timeline.bucket;
      const reader = ctx.sources.timeline;
      if (bucket)
        jobs.push(
          pollJob<TimelineBucketEvents>(
            ctx,
            `timelineEvents:${bucket.startMs}-${bucket.endMs}`,
            "timelineEvents",
            timelineMs,
            async (signal) => {
              const logged = await reader.events(new Date(bucket.startMs), new Date(bucket.endMs), signal);
              const nodes = nodeStateEvents(
                ctx.snapshot().timeline.data?.troubledNodes ?? [],
                bucket.startMs,
                bucket.endMs,
              );
              const items = [...logged.items, ...nodes].sort((a, b) => b.time.getTime() - a.time.getTime());
              return { ...logged, items, ...bucket };
            },
          ),
        );
      return jobs;
    },
    refocus: (before, after) => ({
      ...(before.timeline?.range !== after.timeline?.range ? { timeline: emptyResource } : {}),
      ...(before.timeline?.bucket?.startMs !== after.timeline?.bucket?.startMs ||
      before.timeline?.bucket?.endMs !== after.timeline?.bucket?.endMs
        ? { timelineEvents: emptyResource }
        : {}),
    }),
  };
}

export function failureStripPoll(ctx: PollContext): Poll {
  return {
    jobsFor: () =>
      ctx.sources.timeline
        ? [
            pollJob<FailureStrip>(ctx, "failureStrip", "failureStrip", timelineMs, async (signal) => {
              const buckets = timelineBuckets("1h", ctx.now());
              const { series } = await chart(ctx, buckets, signal, { withNodes: false });
              const failures = series.filter(
                (one) => one.kind === "activity-failed" || one.kind === "task-failed",
              );
              const counts = sumCounts(failures, bucketsPerTimeline);
              return { buckets, counts, total: counts.reduce((sum, n) => sum + n, 0) };
            }),
          ]
        : [],
  };
}
