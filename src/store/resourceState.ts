import { sameData } from "../model/sameData.js";

/**
 * One polled resource as the screen sees it: the last data that arrived, when, and what went wrong
 * since. Data is never dropped on failure: the UI shows it as stale, with the reason.
 */
export interface ResourceState<T> {
  data?: T;
  /** Epoch milliseconds of the last successful poll. */
  fetchedAt?: number;
  /** The last poll's failure in the service's words; cleared by the next success. */
  error?: string;
  /** A poll is running. */
  loading: boolean;
}

export const emptyResource: ResourceState<never> = Object.freeze({ loading: false });

/**
 * The state after a successful poll. When the new data equals the old, the old object is kept, so
 * components memoised on `data` do not render again for a poll that changed nothing.
 */
export function succeeded<T>(
  previous: ResourceState<T>,
  data: T,
  now: number,
  same: (a: T, b: T) => boolean = sameData,
): ResourceState<T> {
  const kept = previous.data !== undefined && same(previous.data, data) ? previous.data : data;
  return { data: kept, fetchedAt: now, loading: false };
}

export function failed<T>(previous: ResourceState<T>, error: string): ResourceState<T> {
  return { ...previous, error, loading: false };
}
