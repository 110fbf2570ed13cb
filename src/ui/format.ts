import { sanitizeInline } from "../model/sanitize.js";
import { fitToWidth } from "../model/views/textWidth.js";

/** Pads or cuts a value to a column width (in terminal cells: CJK and emoji take two), after neutralising anything that could control the terminal. */
export function cell(value: string | number, width: number, align: "left" | "right" = "left"): string {
  return fitToWidth(sanitizeInline(String(value)).replace(/\t/g, " "), width, align);
}
