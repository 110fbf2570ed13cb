import { STEP_MS, ceilToStep } from "./time.js";

/**
 * Actions due at future simulated times, bucketed by step. Each step runs only its own bucket, so a
 * step costs what is due then, not what exists (the scale world has 200,000 tasks). Actions within
 * a bucket run in the order they were scheduled, which keeps the world deterministic.
 */
export class Timeline {
  private readonly buckets = new Map<number, (() => void)[]>();

  /** @param lastRunMs the step the world stands at; nothing can be scheduled at or before it. */
  constructor(private lastRunMs: number) {}

  /** Runs `action` at the first step at or after `ms` (and never in a step already run). */
  at(ms: number, action: () => void): void {
    const key = Math.max(ceilToStep(ms), this.lastRunMs + STEP_MS);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(action);
    else this.buckets.set(key, [action]);
  }

  runDue(stepMs: number): void {
    this.lastRunMs = stepMs;
    const bucket = this.buckets.get(stepMs);
    if (!bucket) return;
    this.buckets.delete(stepMs);
    for (const action of bucket) action();
  }
}
