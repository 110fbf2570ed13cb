import { emptyResource } from "../resourceState.js";
import type { PipelineContext } from "../dashboardSnapshot.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";
import { askUsualDurationsOfNewActivities } from "./usualDurations.js";

/** The tasks whose pipeline context is looked up: the ones a tasks pane can show. */
const contextTaskCount = 100;
/** How far back Log Analytics is asked; ADF keeps activity runs in the workspace for weeks. */
const contextWindowMs = 2 * 24 * 3_600_000;

/** The key of the focused job's pipeline-context poll (the tasks poll asks for it early). */
export function runsKey(jobId: string): string {
  return `runs:${jobId}`;
}

/**
 * Pipeline context from Log Analytics for the focused job's most recent tasks, when a workspace is
 * configured: the activity runs whose ids are those tasks' ids.
 */
export function runsPoll(ctx: PollContext): Poll {
  const runHistory = ctx.sources.runHistory;
  return {
    jobsFor: ({ jobId }) =>
      jobId && runHistory
        ? [
            pollJob<PipelineContext>(
              ctx,
              runsKey(jobId),
              "runs",
              ctx.settings.runsMs,
              async (signal) => {
                const rows = ctx.snapshot().tasks.data?.rows ?? [];
                const ids = rows.slice(0, contextTaskCount).map((task) => task.id);
                if (ids.length === 0) return { byActivityRunId: new Map(), warnings: [] };
                const result = await runHistory.activityRunsByIds(
                  ids,
                  { durationMs: contextWindowMs },
                  signal,
                );
                return {
                  byActivityRunId: new Map(result.items.map((run) => [run.activityRunId, run])),
                  warnings: result.warnings.map((warning) => warning.message),
                };
              },
              // An activity this answer names for the first time has its usual duration asked at once,
              // not at the usual-duration poll's next turn 10 minutes on.
              { afterData: () => askUsualDurationsOfNewActivities(ctx, jobId) },
            ),
          ]
        : [],
    refocus: (before, after) => (after.jobId !== before.jobId ? { runs: emptyResource } : {}),
  };
}
