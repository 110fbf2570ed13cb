// A Batch task whose pipeline no longer waits for it: its activity run ended (the activity's policy
// timeout failed it, someone cancelled the pipeline run, or it ended otherwise) while the task is
// still running, or still waiting for a node. ADF does not stop the task when it gives up on the
// activity, so such a task holds a node until it ends by itself, or until someone terminates it.
import { runEnd, type ActivityRun } from "./runs.js";
import type { TaskRow } from "./tasks.js";

/** The Batch states of a task that has not completed: it still runs, or will. */
const unfinished: ReadonlySet<string> = new Set(["active", "preparing", "running"]);

/**
 * The activity run statuses that end it. ADF logs an activity failed by its policy timeout as
 * Failed; "TimedOut" is kept for a table that names it so.
 */
const ended: ReadonlySet<string> = new Set(["succeeded", "failed", "cancelled", "timedout"]);

/** Whether the activity run has ended, as its latest logged status says. */
export function activityEnded(run: Pick<ActivityRun, "status">): boolean {
  return ended.has(run.status.toLowerCase());
}

/** When the activity run ended: its End column, or the time its ending status was logged. */
export function activityEndedAt(run: Pick<ActivityRun, "end" | "updated">): Date {
  return runEnd(run.end) ?? run.updated;
}

/**
 * The ended activity run a task outlived, or undefined: a task that completed, or whose activity
 * still runs (or is unknown), is no orphan.
 */
export function orphanedBy(
  task: Pick<TaskRow, "state">,
  run: ActivityRun | undefined,
): ActivityRun | undefined {
  if (!run || !unfinished.has(task.state.toLowerCase())) return undefined;
  return activityEnded(run) ? run : undefined;
}

/**
 * The tasks pane's note on an orphaned task, with the activity's status and end: "orphaned: Cancelled
 * 12m ago" (short enough for the FAILURE column, so the age is never cut off).
 */
export function orphanNote(run: ActivityRun, now: Date): string {
  return `orphaned: ${run.status} ${roughAge(now.getTime() - activityEndedAt(run).getTime())} ago`;
}

/** "45s", "12m", "3h", "2d": whole units, as a glance at a column wants them. */
function roughAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

/**
 * The tasks pane's line on orphans, when there are any: "1 task outlived its pipeline activity
 * (/orphaned, T terminates)". Counted over the tasks held, once per snapshot.
 */
export function orphanSummary(
  views: readonly { task: Pick<TaskRow, "state">; run?: ActivityRun | undefined }[],
): string | undefined {
  const count = views.filter((view) => orphanedBy(view.task, view.run) !== undefined).length;
  if (count === 0) return undefined;
  return count === 1
    ? "1 task outlived its pipeline activity (/orphaned, T terminates)"
    : `${count} tasks outlived their pipeline activities (/orphaned, T terminates)`;
}
