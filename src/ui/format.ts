import { sanitizeInline } from "../model/sanitize.js";

/** Pads or cuts a value to a column width, after neutralising anything that could control the terminal. */
export function cell(value: string | number, width: number, align: "left" | "right" = "left"): string {
  const text = sanitizeInline(String(value));
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return align === "left" ? cut.padEnd(width) : cut.padStart(width);
}

/** "4s", "3m12s", "2h05m": how long ago, compact enough for a column. */
export function formatAge(from: Date | undefined, now: Date): string {
  if (!from) return "-";
  const seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d`;
}
