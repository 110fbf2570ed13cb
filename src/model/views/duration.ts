/** "4s", "3m12s", "2h05m", "3d": a span of time, compact enough for a column. Negative spans read 0s. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d`;
}

/**
 * "42s", "12m", "3h12m", "2d": an age that grows with the clock, k9s style. Past the first minute it
 * changes once a minute (once a day past two days), so a screen showing it redraws that often rather
 * than every second. A span that has stopped growing (a completed task's run) keeps `formatDuration`.
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d`;
}

/**
 * "14:03:22Z" today, "05-21 14:03Z" on another day: in UTC, the time zone ADF and the Azure portal's
 * run history show, so an operator can match a row to an alert without converting.
 */
export function formatClockTime(time: Date, now: Date): string {
  const iso = time.toISOString();
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay ? `${iso.slice(11, 19)}Z` : `${iso.slice(5, 10)} ${iso.slice(11, 16)}Z`;
}
