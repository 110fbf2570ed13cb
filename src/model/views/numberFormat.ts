/**
 * A count as a pane shows it: "52,000", "1,783", "7". Every count on screen goes through here, so a
 * title, a table cell and the failure line never disagree on how a number reads. Written out rather
 * than `toLocaleString`, whose separators follow the process's locale and ICU build.
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const whole = Math.trunc(value);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+$)/g, ",");
  return whole < 0 ? `-${digits}` : digits;
}

/** "row 1,204 of 52,000": where the selection is in a list longer than its pane. */
export function formatRowPosition(selected: number, rows: number): string {
  return `row ${formatCount(selected + 1)} of ${formatCount(rows)}`;
}
