import type { TaskRow, TaskStamp } from "../model/tasks.js";

// Which tasks TaskSync keeps when a job holds more than it may: unfinished tasks before completed
// ones (an operator watches what is still to run), then the ones that changed most recently.

/** A tier above any timestamp (the year 33,658), so one number orders unfinished above completed. */
const unfinishedTier = 1e15;

export function transitionMs(task: Pick<TaskRow, "stateTransitionTime">): number {
  return task.stateTransitionTime?.getTime() ?? 0;
}

/** How much a task is worth holding: higher is kept longer. */
export function retentionRank(task: TaskStamp): number {
  return (task.state === "completed" ? 0 : unfinishedTier) + transitionMs(task);
}

/**
 * The lowest rank among the `max` tasks worth holding most, or -Infinity when all of them fit: a task
 * ranked below it would be dropped again as soon as it was fetched.
 */
export function retentionFloor(tasks: readonly TaskStamp[], max: number): number {
  if (tasks.length <= max) return -Infinity;
  // A typed array filled in a plain loop sorts 100,000 ranks in about 15 ms; sorting the objects, or
  // Float64Array.from with a mapping function, takes several times longer, and the screen waits.
  const ranks = new Float64Array(tasks.length);
  tasks.forEach((task, index) => (ranks[index] = retentionRank(task)));
  return ranks.sort()[ranks.length - max] ?? Infinity;
}

/**
 * Drops the tasks least worth holding once `tasks` holds more than `max` plus some slack (so the
 * sort runs once per many changes, not every cycle), down to `max`. Returns the dropped ids.
 */
export function dropBeyond(tasks: Map<string, TaskRow>, max: number): string[] {
  const slack = Math.max(100, Math.floor(max / 10));
  if (tasks.size <= max + slack) return [];
  const ranked = [...tasks.values()].sort((a, b) => retentionRank(a) - retentionRank(b));
  const dropped = ranked.slice(0, tasks.size - max).map((task) => task.id);
  for (const id of dropped) tasks.delete(id);
  return dropped;
}
