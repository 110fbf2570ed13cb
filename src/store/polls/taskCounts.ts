import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";

/** The focused job's task counts (over the whole job, however few tasks are held), every refresh. */
export function taskCountsPoll(ctx: PollContext): Poll {
  return {
    jobsFor: ({ jobId }) =>
      jobId
        ? [
            pollJob(ctx, `taskCounts:${jobId}`, "taskCounts", ctx.settings.refreshMs, (signal) =>
              ctx.sources.reader.jobTaskCounts(jobId, signal),
            ),
          ]
        : [],
    refocus: (before, after) => (after.jobId !== before.jobId ? { taskCounts: emptyResource } : {}),
  };
}
