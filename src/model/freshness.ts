/** Why the account is not being asked right now, as the throttle reports it. */
export interface ThrottleView {
  /** Epoch milliseconds before which no request leaves. */
  blockedUntil?: number;
  blockedBy?: "throttled" | "unavailable" | "backoff";
  consecutiveFailures: number;
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
  /** "3s ago", "stale 34s: 429 throttled, retrying in 12s", "loading…". */
  text: string;
  /** True whenever the data on screen may no longer be what Azure says. */
  stale: boolean;
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1000))}s`;
}

function blockReason(throttle: ThrottleView): string {
  switch (throttle.blockedBy) {
    case "throttled":
      return "429 throttled";
    case "unavailable":
      return "503 service unavailable";
    default:
      return `backing off after ${throttle.consecutiveFailures} failure${throttle.consecutiveFailures === 1 ? "" : "s"}`;
  }
}

/**
 * How old a pane's data is and why, in the words an operator needs at 3 a.m.: data is never shown
 * as fresh once a poll has failed, the account is throttled, or polls have stopped answering.
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
  const reason = blocked ? `${blockReason(blocked)}${error ? ` (${error})` : ""}` : error;
  if (fetchedAt === undefined) {
    return reason ? { text: `no data: ${reason}${retry}`, stale: true } : { text: "loading…", stale: false };
  }
  const age = now - fetchedAt;
  if (reason) return { text: `stale ${seconds(age)}: ${reason}${retry}`, stale: true };
  // A poll that neither answers nor fails (a hung connection) must not leave old data looking new.
  if (age > Math.max(3 * intervalMs, intervalMs + 10_000)) {
    return { text: `stale ${seconds(age)}: waiting for the service`, stale: true };
  }
  return { text: `${seconds(age)} ago`, stale: false };
}
