import { systemClock, type Clock } from "./clock.js";
import type { JobReads } from "./jobReads.js";
import type { TaskRow } from "../model/tasks.js";

export interface TaskSyncOptions {
  /**
   * How late a state change may show up in a list, after changes stamped later than it. Changes
   * this close to the newest one seen are asked for again until that much time has passed.
   */
  overlapMs?: number;
  /** A full list this often, to notice deleted tasks (a changed-since filter cannot show them). */
  fullResyncIntervalMs?: number;
  /**
   * Tasks held at most (plus a tenth, so the trimming sort runs rarely); beyond it, the completed
   * tasks that changed longest ago are dropped.
   */
  maxTasks?: number;
  clock?: Pick<Clock, "now">;
}

export interface TaskSyncResult {
  kind: "full" | "incremental";
  /** Tasks that are new or differ from what was held, as they are now. */
  changed: TaskRow[];
  /** Ids no longer held: deleted from the job (seen by a full list) or dropped to stay within maxTasks. */
  removed: string[];
  /** Tasks the service returned, unchanged ones asked for again in the overlap window included. */
  received: number;
  /** Tasks held after this cycle. */
  held: number;
  /** The `$filter` bound of an incremental cycle: it asked for changes stamped after this. */
  changedAfter?: Date;
}

const defaultOverlapMs = 30_000;
const defaultFullResyncIntervalMs = 10 * 60_000;
const defaultMaxTasks = 50_000;

function transitionMs(task: TaskRow): number {
  return task.stateTransitionTime?.getTime() ?? 0;
}

/** Rows are built by one mapping function, so their JSON is a faithful, order-stable comparison. */
function sameTask(a: TaskRow, b: TaskRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Drops the tasks least worth showing once `tasks` holds more than `max` plus some slack (so the
 * sort runs once per many changes, not every cycle): completed before unfinished, oldest first.
 */
function dropBeyond(tasks: Map<string, TaskRow>, max: number): string[] {
  const slack = Math.max(100, Math.floor(max / 10));
  if (tasks.size <= max + slack) return [];
  const ranked = [...tasks.values()].sort(
    (a, b) =>
      Number(a.state !== "completed") - Number(b.state !== "completed") || transitionMs(a) - transitionMs(b),
  );
  const dropped = ranked.slice(0, tasks.size - max).map((task) => task.id);
  for (const id of dropped) tasks.delete(id);
  return dropped;
}

/**
 * Keeps one job's tasks up to date with requests that grow with what changed, not with the job.
 * Each cycle lists the tasks whose stateTransitionTime is after a bound, merged by id:
 *
 * - the bound trails the newest transition seen (the watermark) by the overlap window, because a
 *   change can show up in a list after later-stamped ones;
 * - once a cycle starts at least the overlap after the watermark was first seen, every change
 *   stamped up to it has shown up and been read: the bound moves up to the watermark, so a quiet
 *   job costs one empty page, not the re-reading of its last burst of changes.
 *
 * Times compared with the overlap are this process's elapsed time; stamps are the service's own,
 * so the two clocks are never compared. A full list now and then notices deletions.
 */
export class TaskSync {
  private readonly overlapMs: number;
  private readonly fullResyncIntervalMs: number;
  private readonly maxTasks: number;
  private readonly clock: Pick<Clock, "now">;
  private held = new Map<string, TaskRow>();
  /** The newest stateTransitionTime seen (service clock). */
  private watermarkMs: number | undefined;
  /** When (this clock) the watermark last moved: the service had reached it by then. */
  private watermarkSeenAt = 0;
  /** Every change stamped up to here has been read (service clock). */
  private settledMs: number | undefined;
  private lastFullAt = 0;
  private fullRequested = true;

  constructor(
    private readonly reader: Pick<JobReads, "listTaskPages">,
    readonly jobId: string,
    options: TaskSyncOptions = {},
  ) {
    this.overlapMs = options.overlapMs ?? defaultOverlapMs;
    this.fullResyncIntervalMs = options.fullResyncIntervalMs ?? defaultFullResyncIntervalMs;
    this.maxTasks = options.maxTasks ?? defaultMaxTasks;
    this.clock = options.clock ?? systemClock;
  }

  /** The tasks held, by id. Live: it changes with the next cycle; use `changed`/`removed` for deltas. */
  tasks(): ReadonlyMap<string, TaskRow> {
    return this.held;
  }

  /** Makes the next cycle a full list (the operator asked to refresh, or the store suspects a gap). */
  requestFullResync(): void {
    this.fullRequested = true;
  }

  /** One cycle. A failed cycle changes nothing, so the next one asks for the same window again. */
  async sync(signal?: AbortSignal): Promise<TaskSyncResult> {
    const due = this.clock.now() - this.lastFullAt >= this.fullResyncIntervalMs;
    return this.fullRequested || due || this.watermarkMs === undefined
      ? this.fullSync(signal)
      : this.incrementalSync(this.watermarkMs, signal);
  }

  private async incrementalSync(
    watermarkMs: number,
    signal: AbortSignal | undefined,
  ): Promise<TaskSyncResult> {
    const startedAt = this.clock.now();
    const boundMs = Math.max(watermarkMs - this.overlapMs, this.settledMs ?? -Infinity);
    const changedAfter = new Date(boundMs);
    const fresh: TaskRow[] = [];
    for await (const page of this.reader.listTaskPages(this.jobId, { changedAfter, signal }))
      fresh.push(...page);

    const changed: TaskRow[] = [];
    let newest = watermarkMs;
    for (const task of fresh) {
      const before = this.held.get(task.id);
      if (!before || !sameTask(before, task)) changed.push(task);
      this.held.set(task.id, task);
      newest = Math.max(newest, transitionMs(task));
    }
    // This cycle read everything stamped after the bound; if it started late enough, everything
    // stamped up to the old watermark had shown up by then.
    if (startedAt - this.watermarkSeenAt >= this.overlapMs) this.settledMs = watermarkMs;
    this.moveWatermark(newest);
    const removed = dropBeyond(this.held, this.maxTasks);
    const gone = new Set(removed);
    return {
      ...this.result(
        "incremental",
        changed.filter((task) => !gone.has(task.id)),
        removed,
        fresh.length,
      ),
      changedAfter,
    };
  }

  private async fullSync(signal: AbortSignal | undefined): Promise<TaskSyncResult> {
    const startedAt = this.clock.now();
    const listed = new Map<string, TaskRow>();
    let newest: number | undefined;
    let received = 0;
    // Trimmed page by page, so even the full list of a 100,000-task job stays within the bound.
    for await (const page of this.reader.listTaskPages(this.jobId, { signal })) {
      for (const task of page) {
        listed.set(task.id, task);
        newest = Math.max(newest ?? 0, transitionMs(task));
      }
      received += page.length;
      dropBeyond(listed, this.maxTasks);
    }

    const changed = [...listed.values()].filter((task) => {
      const before = this.held.get(task.id);
      return !before || !sameTask(before, task);
    });
    const removed = [...this.held.keys()].filter((id) => !listed.has(id));
    this.held = listed;
    // A full list settles nothing by itself: changes stamped just before it may show up late.
    this.settledMs = undefined;
    if (newest !== undefined) {
      this.watermarkMs = undefined;
      this.moveWatermark(newest);
    }
    this.lastFullAt = startedAt;
    this.fullRequested = false;
    return this.result("full", changed, removed, received);
  }

  private moveWatermark(newest: number): void {
    if (this.watermarkMs !== undefined && newest <= this.watermarkMs) return;
    this.watermarkMs = newest;
    this.watermarkSeenAt = this.clock.now();
  }

  private result(
    kind: TaskSyncResult["kind"],
    changed: TaskRow[],
    removed: string[],
    received: number,
  ): TaskSyncResult {
    return { kind, changed, removed, received, held: this.held.size };
  }
}
