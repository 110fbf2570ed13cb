import { formatAge } from "./views/duration.js";

/** Why the account is not being asked right now, as the throttle reports it. */
export interface ThrottleView {
  /** Epoch milliseconds before which no request leaves. */
  blockedUntil?: number;
  blockedBy?: "throttled" | "unavailable" | "unreachable" | "backoff";
  consecutiveFailures: number;
  /** What the latest failure said about the account; absent since the last success. */
  lastFailure?: "retry-after" | "unreachable" | "transient";
  /** The latest failure, whichever request had it: a pane still waiting for its own answer says it too. */
  lastError?: { message: string };
}

export interface FreshnessInput {
  /** Epoch milliseconds of the last successful poll. */
  fetchedAt?: number;
  error?: string;
  throttle?: ThrottleView;
  intervalMs: number;
  now: number;
}

export interface Freshness {
  /** "every 2s", "stale 34s: 429 throttled, retrying in 12s", "loading…". */
  text: string;
  /** True whenever the data on screen may no longer be what Azure says. */
  stale: boolean;
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1000))}s`;
}

function blockReason(throttle: ThrottleView, error: string | undefined): string {
  const because = error ? ` (${error})` : "";
  switch (throttle.blockedBy) {
    case "throttled":
      return `429 throttled${because}`;
    case "unavailable":
      return `503 service unavailable${because}`;
    // The error says it all ("unreachable: connection refused (ECONNREFUSED) at https://…").
    case "unreachable":
      return error ?? throttle.lastError?.message ?? "endpoint unreachable";
    default:
      return `backing off after ${throttle.consecutiveFailures} failure${throttle.consecutiveFailures === 1 ? "" : "s"}${because}`;
  }
}

/**
 * How old a pane's data is and why, in the words an operator needs at 3 a.m.: data is never shown
 * as fresh once a poll has failed, the account is throttled, or polls have stopped answering.
 * Fresh data shows its rhythm ("every 2s"), not its age: an age would tick every second and redraw
 * the screen for nothing, and a poll that succeeds then changes nothing on screen. Stale data shows
 * its age from the moment it turns stale, counting every second.
 */
export function describeFreshness({
  fetchedAt,
  error,
  throttle,
  intervalMs,
  now,
}: FreshnessInput): Freshness {
  const blocked = throttle?.blockedUntil !== undefined && throttle.blockedUntil > now ? throttle : undefined;
  const retry = blocked ? `, retrying in ${seconds((blocked.blockedUntil ?? now) - now)}` : "";
  const reason = blocked ? blockReason(blocked, error) : error;
  if (fetchedAt === undefined) {
    return reason ? { text: `no data: ${reason}${retry}`, stale: true } : { text: "loading…", stale: false };
  }
  const age = now - fetchedAt;
  if (reason) return { text: `stale ${seconds(age)}: ${reason}${retry}`, stale: true };
  // A poll that neither answers nor fails (a hung connection) must not leave old data looking new.
  if (age > Math.max(3 * intervalMs, intervalMs + 10_000)) {
    return { text: `stale ${seconds(age)}: waiting for the service`, stale: true };
  }
  return { text: `every ${formatAge(intervalMs)}`, stale: false };
}

/** The header's word for the account's trouble, if it is in any. */
export type AccountBadge = "UNREACHABLE" | "THROTTLED" | "BACKING OFF";

/**
 * THROTTLED only while a 429 or 503 holds requests back; UNREACHABLE from the first failure to reach
 * the endpoint until a request gets through (between retries too, so it does not flicker); BACKING
 * OFF after other failures (5xx, timeouts, resets) while the backoff runs.
 */
export function accountBadge(throttle: ThrottleView | undefined, now: number): AccountBadge | undefined {
  if (throttle === undefined) return undefined;
  if (throttle.lastFailure === "unreachable") return "UNREACHABLE";
  if (throttle.blockedUntil === undefined || throttle.blockedUntil <= now) return undefined;
  switch (throttle.blockedBy) {
    case "throttled":
    case "unavailable":
      return "THROTTLED";
    case "unreachable":
      return "UNREACHABLE";
    default:
      return "BACKING OFF";
  }
}
