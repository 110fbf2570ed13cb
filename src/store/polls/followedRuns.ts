import { runHasEnded } from "../../model/actions/recoveryOutcome.js";
import type { PipelineHostRef } from "../../model/pipelineRuns.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** A pipeline run to follow: where it runs and its id. */
export interface RunToFollow {
  host: PipelineHostRef;
  runId: string;
}

/** Data Factory picks a queued run up within seconds; a Custom activity then runs for minutes. */
const followMs = 5_000;

/**
 * The pipeline runs batchtop started (recovery runs), read from their factory or workspace until
 * each has ended, whatever is in focus: the operator is told how they went wherever they look.
 */
export function followedRunsPoll(ctx: PollContext): Poll & { follow(runs: readonly RunToFollow[]): void } {
  const following = new Map<string, RunToFollow>();
  const reader = ctx.sources.pipelineRunReader;
  const stillRunning = () => {
    const known = ctx.snapshot().followedRuns.data;
    return [...following].filter(([key]) => {
      const status = known?.get(key)?.run.status;
      return status === undefined || !runHasEnded(status);
    });
  };
  return {
    follow(runs) {
      for (const run of runs) following.set(run.runId.toLowerCase(), run);
      ctx.rewant();
      ctx.pollSoon("followedRuns");
    },
    jobsFor: () =>
      reader && stillRunning().length > 0
        ? [
            pollJob(
              ctx,
              "followedRuns",
              "followedRuns",
              followMs,
              async (signal) => {
                const known = new Map(ctx.snapshot().followedRuns.data);
                for (const [key, { host, runId }] of stillRunning()) {
                  const run = await reader.getPipelineRun(host, runId, signal);
                  known.set(key, { run, activities: await reader.activityRuns(host, run, signal) });
                }
                return known;
              },
              // Once every followed run has ended there is nothing to ask: the poll stops.
              {
                afterData: () => {
                  if (stillRunning().length === 0) ctx.rewant();
                },
              },
            ),
          ]
        : [],
  };
}
