import type { Timers } from "../../src/store/pollScheduler.js";

/** Timers that fire only when the test advances them, in time order. */
export class ManualTimers implements Timers {
  private now = 0;
  private pending: { at: number; id: number; callback: () => void }[] = [];
  private nextId = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.now + ms, id, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  /** Fires every timer due within `ms`, including ones scheduled while firing. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      this.pending.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.pending[0];
      if (!next || next.at > until) break;
      this.pending.shift();
      this.now = next.at;
      next.callback();
    }
    this.now = until;
  }

  get scheduled(): number {
    return this.pending.length;
  }
}
