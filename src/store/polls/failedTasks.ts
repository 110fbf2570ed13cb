import type { TaskRow } from "../../model/tasks.js";
import type { FailedTasks } from "../dashboardSnapshot.js";
import { emptyResource } from "../resourceState.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";
import { byRecentChange, type TasksPoll } from "./tasks.js";

/**
 * Every failed task of a job larger than what is held, by filter, bounded, while faults-only is
 * on: faults-only must reach each failure, not only the ones among the newest 50,000. Whether the
 * job is held in part is the tasks poll's to say, so this one is wired after it.
 */
export function failedTasksPoll(ctx: PollContext, tasks: Pick<TasksPoll, "holdsPart">): Poll {
  const { failedTasksMs, maxFailedTasks } = ctx.settings;
  return {
    jobsFor: ({ jobId, taskFaultsOnly }) =>
      jobId && taskFaultsOnly && tasks.holdsPart()
        ? [
            pollJob<FailedTasks>(
              ctx,
              `failedTasks:${jobId}`,
              "failedTasks",
              failedTasksMs,
              async (signal) => {
                const rows: TaskRow[] = [];
                let truncated = false;
                for await (const page of ctx.sources.reader.listTaskPages(jobId, {
                  failedOnly: true,
                  signal,
                })) {
                  rows.push(...page);
                  if (rows.length >= maxFailedTasks) {
                    // Leaving the loop stops the paging: no request for the pages beyond the bound.
                    truncated = true;
                    break;
                  }
                }
                return { rows: rows.slice(0, maxFailedTasks).sort(byRecentChange), truncated };
              },
            ),
          ]
        : [],
    // A list kept from an earlier faults-only view would show its age as if it were being polled.
    refocus: (before, after) =>
      after.jobId !== before.jobId || !after.taskFaultsOnly ? { failedTasks: emptyResource } : {},
  };
}
