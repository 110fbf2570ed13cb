/** Something the scheduler polls: a key naming the resource, how often, and the work. */
export interface PollJob {
  key: string;
  intervalMs: number;
  run(signal: AbortSignal): Promise<void>;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Polling alone must not keep the process alive after the screen has gone.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Slot {
  job: PollJob;
  timer?: unknown;
  running?: Promise<void> | undefined;
  /** Asked for while running: runs again as soon as this run finishes. */
  again?: boolean;
  abort: AbortController;
}

/**
 * The one poll scheduler. The store tells it which jobs are wanted (what is on screen); each runs
 * at once, then `intervalMs` after its previous run finished, so a slow or throttled resource never
 * has two polls in flight and never piles up. Jobs no longer wanted are stopped and aborted.
 */
export class PollScheduler {
  private readonly slots = new Map<string, Slot>();
  private stopped = false;

  constructor(private readonly timers: Timers = realTimers) {}

  /** Makes `jobs` the wanted set: new ones start now, missing ones stop, kept ones keep their rhythm. */
  want(jobs: readonly PollJob[]): void {
    if (this.stopped) return;
    const wanted = new Map(jobs.map((job) => [job.key, job]));
    for (const [key, slot] of this.slots) {
      if (!wanted.has(key)) this.drop(key, slot);
    }
    for (const job of jobs) {
      const slot = this.slots.get(job.key);
      if (slot) {
        slot.job = job;
      } else {
        const fresh: Slot = { job, abort: new AbortController() };
        this.slots.set(job.key, fresh);
        this.start(fresh);
      }
    }
  }

  /** Polls a wanted job now (a keypress asked for fresh data), unless it is already running. */
  pollNow(key: string): void {
    const slot = this.slots.get(key);
    if (!slot || slot.running) return;
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    this.start(slot);
  }

  /**
   * Polls a wanted job as soon as it is free: now, or right after the run in flight, whose answer
   * may have been read before what the caller has just learned (the first tasks of a job, say).
   */
  pollSoon(key: string): void {
    const slot = this.slots.get(key);
    if (slot?.running) slot.again = true;
    else this.pollNow(key);
  }

  running(key: string): boolean {
    return this.slots.get(key)?.running !== undefined;
  }

  stop(): void {
    this.stopped = true;
    for (const [key, slot] of this.slots) this.drop(key, slot);
  }

  private start(slot: Slot): void {
    slot.timer = undefined;
    slot.running = slot.job
      .run(slot.abort.signal)
      .catch(() => {
        // A job records its own failures in its resource; the rhythm goes on regardless.
      })
      .finally(() => {
        slot.running = undefined;
        if (this.slots.get(slot.job.key) !== slot) return;
        if (slot.again) {
          slot.again = false;
          this.start(slot);
          return;
        }
        slot.timer = this.timers.setTimeout(() => this.start(slot), slot.job.intervalMs);
      });
  }

  private drop(key: string, slot: Slot): void {
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    slot.abort.abort();
    this.slots.delete(key);
  }
}
