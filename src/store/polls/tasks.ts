import type { TaskRow } from "../../model/tasks.js";
import type { HeldTasks } from "../dashboardSnapshot.js";
import type { PollJob } from "../pollScheduler.js";
import { emptyResource } from "../resourceState.js";
import { TaskSync } from "../taskSync.js";
import type { Poll, PollContext } from "./pollContext.js";
import { pollJob } from "./pollJob.js";
import { runsKey } from "./runs.js";

export interface TasksPoll extends Poll {
  /** The focused job has more tasks than are held: faults-only then lists its failures by filter. */
  holdsPart(): boolean;
}

/** Most recently changed first, then by id. */
export function byRecentChange(a: TaskRow, b: TaskRow): number {
  return (
    (b.stateTransitionTime?.getTime() ?? 0) - (a.stateTransitionTime?.getTime() ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The focused job's tasks, every refresh, through one `TaskSync` kept while the job stays in focus:
 * each cycle asks only for the tasks changed since the last.
 */
export function tasksPoll(ctx: PollContext): TasksPoll {
  let taskSync: { jobId: string; sync: TaskSync } | undefined;

  function tasksJob(jobId: string): PollJob {
    if (taskSync?.jobId !== jobId) {
      const { maxTasks } = ctx.settings;
      taskSync = {
        jobId,
        sync: new TaskSync(ctx.sources.reader, jobId, maxTasks === undefined ? {} : { maxTasks }),
      };
    }
    const { sync } = taskSync;
    return pollJob<HeldTasks>(
      ctx,
      `tasks:${jobId}`,
      "tasks",
      ctx.settings.refreshMs,
      async (signal) => {
        const wasPartial = sync.holdsPart();
        const result = await sync.sync(signal);
        const previous = ctx.snapshot().tasks.data;
        // The job outgrew what is held (or shrank back): faults-only's failed-task list starts or stops.
        if (result.partial !== wasPartial && !signal.aborted) ctx.rewant();
        // Sorting 50,000 rows every cycle would be wasted work when nothing changed.
        if (
          previous &&
          previous.partial === result.partial &&
          result.changed.length === 0 &&
          result.removed.length === 0
        )
          return previous;
        return { rows: [...sync.tasks().values()].sort(byRecentChange), partial: result.partial };
      },
      {
        same: (a, b) => a === b,
        // The pipeline context is looked up by task id: once the first tasks are in, look it up
        // instead of waiting for its 30 s rhythm.
        afterFirstData: () => ctx.pollSoon(runsKey(jobId)),
      },
    );
  }

  return {
    jobsFor: ({ jobId }) => (jobId ? [tasksJob(jobId)] : []),
    refocus: (before, after) => {
      if (!after.jobId) taskSync = undefined;
      return after.jobId !== before.jobId ? { tasks: emptyResource } : {};
    },
    requestFullResync: () => taskSync?.sync.requestFullResync(),
    holdsPart: () => taskSync?.sync.holdsPart() ?? false,
  };
}
