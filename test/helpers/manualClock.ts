import type { Clock } from "../../src/azure/clock.js";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Lets promise chains waiting on settled promises (and on I/O callbacks queued already) run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve));
}

/** A clock that moves only when the test says so; sleeps resolve in time order as it passes them. */
export class ManualClock implements Clock {
  private nowMs: number;
  private timers: Timer[] = [];
  private nextSeq = 0;

  constructor(startMs = Date.parse("2026-11-22T03:00:00Z")) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.nowMs + Math.max(0, ms),
        seq: this.nextSeq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((candidate) => candidate !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Moves time forward by `ms`, waking each sleeper at its own instant, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    await settle();
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.nowMs = due.at;
      due.resolve();
      await settle();
    }
    this.nowMs = target;
    await settle();
  }

  /** Sleepers still waiting: a test can check that nothing was left behind. */
  pendingTimers(): number {
    return this.timers.length;
  }
}
