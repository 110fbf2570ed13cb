import { describeError } from "../../azure/describeError.js";
import type { ResourceKey } from "../dashboardSnapshot.js";
import type { PollJob } from "../pollScheduler.js";
import { failed, succeeded, type ResourceState } from "../resourceState.js";
import type { PollContext } from "./pollContext.js";

export interface PollJobOptions<T> {
  /** Whether new data is the same as the old, which is then kept (and nothing redrawn). */
  same?: (a: T, b: T) => boolean;
  /** Runs once the resource's first data is published: a poll that reads it can start at once. */
  afterFirstData?: () => void;
  /** Runs after each answer is published: a poll that reads it can check whether it is now behind. */
  afterData?: () => void;
}

/**
 * Wraps a fetch into a poll job that records success or failure in its resource, unless the
 * focus moved on while it ran (its answer would belong to something no longer on screen).
 */
export function pollJob<T>(
  ctx: PollContext,
  key: string,
  resource: ResourceKey,
  intervalMs: number,
  fetch: (signal: AbortSignal) => Promise<T>,
  { same, afterFirstData, afterData }: PollJobOptions<T> = {},
): PollJob {
  return {
    key,
    intervalMs,
    run: async (signal) => {
      const current = () => ctx.snapshot()[resource] as ResourceState<T>;
      if (!current().loading) ctx.publish({ [resource]: { ...current(), loading: true } });
      try {
        const data = await fetch(signal);
        if (signal.aborted) return;
        const first = current().data === undefined;
        ctx.publish({ [resource]: succeeded(current(), data, ctx.now(), same) });
        if (first) afterFirstData?.();
        afterData?.();
      } catch (error) {
        if (!signal.aborted) ctx.publish({ [resource]: failed(current(), describeError(error)) });
      }
    },
  };
}
