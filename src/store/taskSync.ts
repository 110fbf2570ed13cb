import { systemClock, type Clock } from "../azure/clock.js";
import type { JobReads } from "../azure/jobReads.js";
import { dropBeyond, transitionMs } from "./taskRetention.js";
import { planResync, planRowFetch, type RowFetch } from "./taskResyncPlan.js";
import { sameData } from "../model/sameData.js";
import type { TaskRow, TaskStamp } from "../model/tasks.js";

export interface TaskSyncOptions {
  /**
   * How late a state change may show up in a list, after changes stamped later than it. Changes
   * this close to the newest one seen are asked for again until that much time has passed.
   */
  overlapMs?: number;
  /** A resync this often, to notice deleted tasks (a changed-since filter cannot show them). */
  fullResyncIntervalMs?: number;
  /**
   * Tasks held at most (plus a tenth, so the trimming sort runs rarely); beyond it, the completed
   * tasks that changed longest ago are dropped.
   */
  maxTasks?: number;
  clock?: Pick<Clock, "now">;
}

export interface TaskSyncResult {
  /**
   * full: every task's row listed (nothing was held yet); resync: every task's stamp listed and the
   * stale rows fetched; incremental: the rows changed since the last cycles.
   */
  kind: "full" | "resync" | "incremental";
  /** Tasks that are new or differ from what was held, as they are now. */
  changed: TaskRow[];
  /** Ids no longer held: deleted from the job (seen by a full list or a resync) or dropped to stay within maxTasks. */
  removed: string[];
  /** Task rows the service returned, unchanged ones asked for again in the overlap window included. */
  received: number;
  /** Task stamps a resync listed: every task in the job. */
  listed?: number;
  /** Tasks held after this cycle. */
  held: number;
  /**
   * The job has more tasks than are held (some were dropped to stay within maxTasks): what is held
   * is its unfinished and most recently changed tasks, not all of it.
   */
  partial: boolean;
  /** The `$filter` bound of an incremental cycle or a resync's window: it asked for changes stamped after this. */
  changedAfter?: Date;
}

const defaultOverlapMs = 30_000;
const defaultFullResyncIntervalMs = 10 * 60_000;
const defaultMaxTasks = 50_000;

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
 * so the two clocks are never compared.
 *
 * Only the first cycle lists every row. A changed-since filter cannot show deleted tasks, so now and
 * then a resync lists every task's id, state and stamp (an eighth of the bytes and a third of the
 * client's CPU, which is the dashboard's own) and fetches only the rows whose stamp moved.
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
  private lastResyncAt = 0;
  private resyncRequested = false;
  /** Set when a listing found more tasks than are held; a later listing decides again. */
  private partial = false;

  constructor(
    private readonly reader: Pick<JobReads, "listTaskPages" | "listTaskStamps">,
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

  /** Whether the job has more tasks than are held (see TaskSyncResult.partial). */
  holdsPart(): boolean {
    return this.partial;
  }

  /** Makes the next cycle a resync (the operator asked to refresh, or the store suspects a gap). */
  requestFullResync(): void {
    this.resyncRequested = true;
  }

  /** One cycle. A failed cycle changes nothing, so the next one asks for the same window again. */
  async sync(signal?: AbortSignal): Promise<TaskSyncResult> {
    // With nothing held, every row is stale: listing stamps first would only add requests.
    if (this.watermarkMs === undefined || this.held.size === 0) return this.fullList(signal);
    const due = this.clock.now() - this.lastResyncAt >= this.fullResyncIntervalMs;
    return this.resyncRequested || due ? this.resync(signal) : this.incrementalSync(this.watermarkMs, signal);
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
      if (!before || !sameData(before, task)) changed.push(task);
      this.held.set(task.id, task);
      newest = Math.max(newest, transitionMs(task));
    }
    // This cycle read everything stamped after the bound; if it started late enough, everything
    // stamped up to the old watermark had shown up by then.
    if (startedAt - this.watermarkSeenAt >= this.overlapMs) this.settledMs = watermarkMs;
    this.moveWatermark(newest);
    return { ...this.trimmed("incremental", changed, [], fresh.length), changedAfter };
  }

  private async fullList(signal: AbortSignal | undefined): Promise<TaskSyncResult> {
    const startedAt = this.clock.now();
    const listed = new Map<string, TaskRow>();
    let newest: number | undefined;
    let received = 0;
    let dropped = 0;
    // Trimmed page by page, so even the full list of a 100,000-task job stays within the bound.
    for await (const page of this.reader.listTaskPages(this.jobId, { signal })) {
      for (const task of page) {
        listed.set(task.id, task);
        newest = Math.max(newest ?? 0, transitionMs(task));
      }
      received += page.length;
      dropped += dropBeyond(listed, this.maxTasks).length;
    }

    const changed = [...listed.values()].filter((task) => {
      const before = this.held.get(task.id);
      return !before || !sameData(before, task);
    });
    const removed = [...this.held.keys()].filter((id) => !listed.has(id));
    this.held = listed;
    this.partial = dropped > 0;
    this.restartWatermark(newest, startedAt);
    return this.result("full", changed, removed, received);
  }

  private async resync(signal: AbortSignal | undefined): Promise<TaskSyncResult> {
    const startedAt = this.clock.now();
    const listed = new Map<string, TaskStamp>();
    let newest = 0;
    for await (const page of this.reader.listTaskStamps(this.jobId, { signal })) {
      for (const stamp of page) {
        listed.set(stamp.id, stamp);
        newest = Math.max(newest, transitionMs(stamp));
      }
    }
    const { removed, stale } = planResync(this.held, listed, this.maxTasks);
    const fetch = planRowFetch(listed, stale);
    const { rows, received } = await this.fetchRows(fetch, signal);

    // Nothing is changed until every request has succeeded.
    for (const id of removed) this.held.delete(id);
    const staleIds = new Set(stale.map((stamp) => stamp.id));
    const changed: TaskRow[] = [];
    for (const task of rows.values()) {
      const before = this.held.get(task.id);
      // The window also returns tasks the budget has no room for, and tasks created after the listing
      // (the next incremental cycle reads those).
      if (!before && !staleIds.has(task.id)) continue;
      if (!before || !sameData(before, task)) changed.push(task);
      this.held.set(task.id, task);
      newest = Math.max(newest, transitionMs(task));
    }
    this.restartWatermark(newest, startedAt);
    const result = this.trimmed("resync", changed, removed, received);
    // The listing is the whole job: whatever of it is not held now was left out or dropped for room.
    this.partial = listed.size > this.held.size;
    return {
      ...result,
      partial: this.partial,
      listed: listed.size,
      ...(fetch.changedAfter ? { changedAfter: fetch.changedAfter } : {}),
    };
  }

  /** A resync's stale rows by id, the later answer winning where the window and the ids overlap. */
  private async fetchRows(
    { changedAfter, ids }: RowFetch,
    signal: AbortSignal | undefined,
  ): Promise<{ rows: Map<string, TaskRow>; received: number }> {
    const rows = new Map<string, TaskRow>();
    let received = 0;
    const lists = [...(changedAfter ? [{ changedAfter }] : []), ...(ids.length > 0 ? [{ ids }] : [])];
    for (const options of lists) {
      for await (const page of this.reader.listTaskPages(this.jobId, { ...options, signal })) {
        for (const task of page) rows.set(task.id, task);
        received += page.length;
      }
    }
    return { rows, received };
  }

  /**
   * After listing the whole job. The listing settles nothing by itself: changes stamped just before
   * it may show up late, so the overlap runs again from its newest stamp.
   */
  private restartWatermark(newest: number | undefined, startedAt: number): void {
    this.settledMs = undefined;
    if (newest !== undefined) {
      this.watermarkMs = undefined;
      this.moveWatermark(newest);
    }
    this.lastResyncAt = startedAt;
    this.resyncRequested = false;
  }

  private moveWatermark(newest: number): void {
    if (this.watermarkMs !== undefined && newest <= this.watermarkMs) return;
    this.watermarkMs = newest;
    this.watermarkSeenAt = this.clock.now();
  }

  /** The result after trimming the held tasks to the budget: a task dropped now is not reported changed. */
  private trimmed(
    kind: TaskSyncResult["kind"],
    changed: TaskRow[],
    removed: string[],
    received: number,
  ): TaskSyncResult {
    const dropped = dropBeyond(this.held, this.maxTasks);
    if (dropped.length > 0) this.partial = true;
    const gone = new Set(dropped);
    return this.result(
      kind,
      changed.filter((task) => !gone.has(task.id)),
      [...removed, ...dropped],
      received,
    );
  }

  private result(
    kind: TaskSyncResult["kind"],
    changed: TaskRow[],
    removed: string[],
    received: number,
  ): TaskSyncResult {
    return { kind, changed, removed, received, held: this.held.size, partial: this.partial };
  }
}
