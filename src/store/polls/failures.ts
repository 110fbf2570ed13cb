import type { JobFailures } from "../../model/health.js";
import { recentFailures } from "../accountSnapshot.js";
import { overviewRead } from "./overview.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** The failure line: tasks that failed within the window across the account, once the overview is in. */
export function failuresPoll(ctx: PollContext): Poll {
  const { failuresMs, failureWindowMs } = ctx.settings;
  const job = pollJob<readonly JobFailures[]>(
    ctx,
    "failures",
    "failures",
    failuresMs,
    async (signal) => {
      const snapshot = ctx.snapshot();
      const overview = overviewRead(snapshot);
      // A job whose Batch counts show no failure at all has none in the window either.
      const counts = snapshot.health.data?.jobCounts;
      const jobs = overview.jobs.filter((job) => counts?.get(job.id)?.failed !== 0);
      const since = new Date(ctx.now() - failureWindowMs);
      return recentFailures(ctx.sources.reader, jobs, { since, failedOnly: true, signal });
    },
    { same: sameFailures },
  );
  return { jobsFor: () => (ctx.snapshot().overview.data ? [job] : []) };
}

/** The same failed tasks in the same jobs: the failure line need not be drawn again. */
function sameFailures(a: readonly JobFailures[], b: readonly JobFailures[]): boolean {
  return (
    a.length === b.length &&
    a.every((job, index) => {
      const other = b[index];
      return (
        other?.jobId === job.jobId &&
        other.failed.length === job.failed.length &&
        job.failed.every((task, at) => {
          const twin = other.failed[at];
          return (
            twin?.id === task.id &&
            twin.stateTransitionTime?.getTime() === task.stateTransitionTime?.getTime()
          );
        })
      );
    })
  );
}
