// The timeline's polls, all from Log Analytics and only with a workspace: the chart while
// `:timeline` shows it, one bucket's events after Enter, and the failure strip under the header,
// always, rarely. Each asks the service for counts per bucket (or a bounded list), never raw rows.

import {
  bucketsPerTimeline,
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
): Promise<TimelineChart> {
  const reader = ctx.sources.timeline;
  if (!reader) return { buckets, series: [], warnings: [] };
  const window = { start: new Date(buckets.startMs), end: new Date(buckets.nowMs) };
  const result = await reader.counts(window, buckets.bucketMs, signal);
  return { buckets, series: toSeries(result.rows, buckets), warnings: result.warnings };
}

export function timelinePoll(ctx: PollContext): Poll {
  return {
    jobsFor: ({ timeline }) => {
      if (!timeline || !ctx.sources.timeline) return [];
      const jobs = [
        pollJob<TimelineChart>(ctx, `timeline:${timeline.range}`, "timeline", timelineMs, (signal) =>
          chart(ctx, timelineBuckets(timeline.range, ctx.now()), signal),
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
            async (signal) => ({
              ...(await reader.events(new Date(bucket.startMs), new Date(bucket.endMs), signal)),
              ...bucket,
            }),
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
              const { series } = await chart(ctx, buckets, signal);
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
