import type { ScreenClock } from "../../src/ui/hooks/useClock.js";

/**
 * The screen's clock, moved by the test: `advance` beats once a second of the time it passes, as the
 * real clock's timer would, so a test sees every frame each beat causes (and that a beat caused none).
 */
export class ManualScreenClock implements ScreenClock {
  private listeners = new Set<() => void>();

  constructor(private nowMs = Date.now()) {}

  now = (): number => this.nowMs;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Moves time forward by `ms`, beating at each whole second passed. */
  advance(ms: number): void {
    const until = this.nowMs + ms;
    while (this.nowMs + 1000 <= until) {
      this.nowMs += 1000;
      for (const listener of [...this.listeners]) listener();
    }
    this.nowMs = until;
  }
}
