import type { ActivityPair } from "../../azure/runQueries.js";
import { activityKey, type ActivityDurationStat } from "../../model/hungTasks.js";
import type { UsualDurations } from "../dashboardSnapshot.js";
import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** What "usual" looks back over: a week holds every weekday's run of a daily pipeline. */
export const usualWindowMs = 7 * 24 * 3_600_000;

/** The key of the focused job's usual-duration poll (the runs poll asks for it once it has answered). */
export function usualDurationsKey(jobId: string): string {
  return `usual:${jobId}`;
}

/** The distinct pipeline activities of the focused job's tasks, as the runs poll found them. */
function activityPairs(ctx: PollContext): ActivityPair[] {
  const pairs = new Map<string, ActivityPair>();
  for (const run of ctx.snapshot().runs.data?.byActivityRunId.values() ?? []) {
    pairs.set(activityKey(run.pipelineName, run.activityName), {
      pipelineName: run.pipelineName,
      activityName: run.activityName,
    });
  }
  return [...pairs.values()];
}

/**
 * Polls the usual durations now when the runs name an activity the last answer was not asked for
 * (the first runs of a job, or a pipeline that started since): the runs poll calls this after each
 * of its answers.
 */
export function askUsualDurationsOfNewActivities(ctx: PollContext, jobId: string): void {
  const snapshot = ctx.snapshot();
  const asked = new Set(snapshot.usualDurations.data?.asked ?? []);
  const pairs = activityPairs(ctx);
  if (pairs.some((pair) => !asked.has(activityKey(pair.pipelineName, pair.activityName))))
    ctx.pollSoon(usualDurationsKey(jobId));
}

/**
 * The usual duration of the pipeline activities of the focused job's tasks, from Log Analytics, when
 * a workspace is configured: what `hung?` marks compare running tasks with. A week's percentile moves
 * slowly, so this polls rarely (`usualDurationsMs`, default 10 minutes), and at once when the runs
 * poll names an activity it has not asked about.
 */
export function usualDurationsPoll(ctx: PollContext): Poll {
  const runHistory = ctx.sources.runHistory;
  return {
    jobsFor: ({ jobId }) =>
      jobId && runHistory
        ? [
            pollJob<UsualDurations>(
              ctx,
              usualDurationsKey(jobId),
              "usualDurations",
              ctx.settings.usualDurationsMs,
              async (signal) => {
                const pairs = activityPairs(ctx);
                const asked = pairs.map((pair) => activityKey(pair.pipelineName, pair.activityName));
                if (pairs.length === 0) return { stats: [], asked, warnings: [] };
                const window = { durationMs: usualWindowMs };
                const result = await runHistory.activityDurations(pairs, window, signal);
                return {
                  stats: result.items satisfies ActivityDurationStat[],
                  asked,
                  warnings: result.warnings.map((warning) => warning.message),
                };
              },
            ),
          ]
        : [],
    refocus: (before, after) => (after.jobId !== before.jobId ? { usualDurations: emptyResource } : {}),
  };
}
