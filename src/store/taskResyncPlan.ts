import type { TaskRow, TaskStamp } from "../model/tasks.js";
import { retentionFloor, retentionRank, transitionMs } from "./taskRetention.js";

// A resync lists every task's stamp rather than its row. Comparing the stamps with the rows held tells
// which tasks were deleted and which rows are stale; only the stale rows then travel whole.

export interface TaskResyncPlan {
  /** Held tasks the listing lacks: deleted from the job. */
  removed: string[];
  /** Tasks whose rows to fetch: held with a different stamp, or not held but worth holding. */
  stale: TaskStamp[];
}

export function planResync(
  held: ReadonlyMap<string, TaskRow>,
  listed: ReadonlyMap<string, TaskStamp>,
  maxTasks: number,
): TaskResyncPlan {
  const removed = [...held.keys()].filter((id) => !listed.has(id));
  const stamps = [...listed.values()];
  // A task the budget would drop again at once is not worth fetching.
  const floor = retentionFloor(stamps, maxTasks);
  const stale = stamps.filter((stamp) => {
    const row = held.get(stamp.id);
    return row ? transitionMs(row) !== transitionMs(stamp) : retentionRank(stamp) >= floor;
  });
  return { removed, stale };
}

export interface RowFetch {
  /** List the tasks changed after this: one request for many stale rows, where they are dense. */
  changedAfter?: Date;
  /** Fetch these by id: stale rows too scattered among unchanged ones for a window. */
  ids: string[];
}

/**
 * How to fetch the stale rows in few requests without rows to spare. Most are the newest (they
 * changed since the last cycle), so a changed-since window takes them: it reaches down to the oldest
 * stale stamp at which at least half of what it returns is stale. Older stale rows go by id.
 */
export function planRowFetch(listed: ReadonlyMap<string, TaskStamp>, stale: readonly TaskStamp[]): RowFetch {
  const newestFirst = new Float64Array(listed.size);
  let filled = 0;
  for (const stamp of listed.values()) newestFirst[filled++] = transitionMs(stamp);
  newestFirst.sort().reverse();
  const staleNewestFirst = stale.map(transitionMs).sort((a, b) => b - a);
  let floor: number | undefined;
  let staleCovered = 0;
  for (let covered = 0; covered < newestFirst.length; ) {
    const ms = newestFirst[covered]!;
    // A window cannot find a task without a stamp.
    if (ms <= 0) break;
    // A window returns every task stamped at this instant, so the whole group counts.
    while (covered < newestFirst.length && newestFirst[covered] === ms) covered += 1;
    const staleBefore = staleCovered;
    while (staleCovered < staleNewestFirst.length && staleNewestFirst[staleCovered]! >= ms) staleCovered += 1;
    if (staleCovered > staleBefore && 2 * staleCovered >= covered) floor = ms;
  }
  if (floor === undefined) return { ids: stale.map((stamp) => stamp.id) };
  const windowFloor = floor;
  return {
    // The filter is `gt` at millisecond precision and stamps are finer: a millisecond less takes the floor.
    changedAfter: new Date(windowFloor - 1),
    ids: stale.filter((stamp) => transitionMs(stamp) < windowFloor).map((stamp) => stamp.id),
  };
}
