import { sanitizeInline } from "../model/sanitize.js";
import { formatDuration } from "../model/views/duration.js";
import { fitToWidth } from "../model/views/textWidth.js";

/** Pads or cuts a value to a column width (in terminal cells: CJK and emoji take two), after neutralising anything that could control the terminal. */
export function cell(value: string | number, width: number, align: "left" | "right" = "left"): string {
  return fitToWidth(sanitizeInline(String(value)).replace(/\t/g, " "), width, align);
}

/** "4s", "3m12s", "2h05m": how long ago, compact enough for a column. */
export function formatAge(from: Date | undefined, now: Date): string {
  return from ? formatDuration(now.getTime() - from.getTime()) : "-";
}
