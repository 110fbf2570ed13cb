import { cutOffset, displayWidth, wrapRanges } from "./textWidth.js";

/*
 * A scrollable view of many lines, wrapped or cut at a width: the log tail and the details pane.
 * Every function here looks only at the lines near the window (wrapping each at most once per call),
 * never at all of them, so a 5,000-line tail costs the same per frame as a 50-line one.
 */

/** The first drawn row: a line, and the row within it once wrapped. */
export interface TextAnchor {
  line: number;
  row: number;
}

export interface TextGeometry {
  width: number;
  height: number;
  wrap: boolean;
}

/** One screen row: `text.slice(start, end)` of a line, followed by "…" when the line was cut. */
export interface TextRowRange {
  line: number;
  start: number;
  end: number;
  ellipsis: boolean;
}

export const textTop: TextAnchor = { line: 0, row: 0 };

/** The rows one line takes: wrapped at the width, or cut to it with room for "…". */
export function lineRows(text: string, line: number, geometry: TextGeometry): TextRowRange[] {
  const width = Math.max(1, geometry.width);
  if (geometry.wrap) {
    return wrapRanges(text, width).map(([start, end]) => ({ line, start, end, ellipsis: false }));
  }
  if (displayWidth(text) <= width) return [{ line, start: 0, end: text.length, ellipsis: false }];
  return [{ line, start: 0, end: cutOffset(text, 0, text.length, width - 1), ellipsis: true }];
}

/** The rows of a line by index, each line wrapped at most once. */
type RowsOf = (line: number) => TextRowRange[];

function rowsOf(lines: readonly string[], geometry: TextGeometry): RowsOf {
  const wrapped = new Map<number, TextRowRange[]>();
  return (line) => {
    let rows = wrapped.get(line);
    if (!rows) {
      rows = lineRows(lines[line] ?? "", line, geometry);
      wrapped.set(line, rows);
    }
    return rows;
  };
}

function compareAnchors(a: TextAnchor, b: TextAnchor): number {
  return a.line - b.line || a.row - b.row;
}

/** The anchor that shows the last rows: where follow mode and G land. */
export function bottomAnchor(lines: readonly string[], geometry: TextGeometry): TextAnchor {
  return bottomOf(lines.length, geometry.height, rowsOf(lines, geometry));
}

function bottomOf(lineCount: number, height: number, rows: RowsOf): TextAnchor {
  let remaining = Math.max(1, height);
  for (let line = lineCount - 1; line >= 0; line -= 1) {
    const count = rows(line).length;
    if (count >= remaining) return { line, row: count - remaining };
    remaining -= count;
  }
  return textTop;
}

/** The anchor kept between the top and the bottom, and within its line's rows (after a resize). */
function clampWith(lineCount: number, height: number, rows: RowsOf, anchor: TextAnchor): TextAnchor {
  const bottom = bottomOf(lineCount, height, rows);
  if (anchor.line < 0) return textTop;
  if (compareAnchors(anchor, bottom) >= 0) return bottom;
  return { line: anchor.line, row: Math.min(Math.max(0, anchor.row), rows(anchor.line).length - 1) };
}

export interface TextWindow {
  /** The anchor actually used, after clamping: keep it as the new scroll position. */
  anchor: TextAnchor;
  rows: TextRowRange[];
  /** The last row is on screen: new lines would arrive below. */
  atBottom: boolean;
}

/** The rows to draw from `anchor` (or from the bottom, when following). */
export function textWindow(
  lines: readonly string[],
  geometry: TextGeometry,
  anchor: TextAnchor,
  follow: boolean,
): TextWindow {
  const rows = rowsOf(lines, geometry);
  const height = Math.max(1, geometry.height);
  const bottom = bottomOf(lines.length, height, rows);
  const start = follow ? bottom : clampWith(lines.length, height, rows, anchor);
  const drawn: TextRowRange[] = [];
  for (let line = start.line; line < lines.length && drawn.length < height; line += 1) {
    const first = line === start.line ? start.row : 0;
    drawn.push(...rows(line).slice(first, first + height - drawn.length));
  }
  return { anchor: start, rows: drawn, atBottom: compareAnchors(start, bottom) >= 0 };
}

/** The anchor `delta` rows further down (or up, when negative), kept within the text. */
export function scrollText(
  lines: readonly string[],
  geometry: TextGeometry,
  anchor: TextAnchor,
  delta: number,
): TextAnchor {
  const rows = rowsOf(lines, geometry);
  const from = clampWith(lines.length, geometry.height, rows, anchor);
  return clampWith(lines.length, geometry.height, rows, moveRows(lines.length, rows, from, delta));
}

/** Steps `delta` rows from an anchor, crossing line boundaries; clamping is the caller's. */
function moveRows(lineCount: number, rows: RowsOf, anchor: TextAnchor, delta: number): TextAnchor {
  let { line, row } = anchor;
  let left = delta;
  while (left > 0 && line < lineCount) {
    const count = rows(line).length;
    const step = Math.min(left, count - row);
    left -= step;
    row += step;
    if (row >= count) {
      line += 1;
      row = 0;
    }
  }
  while (left < 0 && (line > 0 || row > 0)) {
    if (row === 0) {
      line -= 1;
      row = rows(line).length;
    }
    const step = Math.min(-left, row);
    left += step;
    row -= step;
  }
  return { line, row };
}

/**
 * The anchor that shows the character at `offset` of `line` (a search match), with a few rows of
 * context above it so it does not sit on the pane's top edge.
 */
export function anchorShowing(
  lines: readonly string[],
  geometry: TextGeometry,
  line: number,
  offset: number,
): TextAnchor {
  const rows = rowsOf(lines, geometry);
  const lineRowRanges = rows(line);
  const found = lineRowRanges.findIndex((range) => offset < range.end);
  const row = found === -1 ? lineRowRanges.length - 1 : found;
  const context = Math.min(2, Math.floor(Math.max(1, geometry.height) / 3));
  return clampWith(
    lines.length,
    geometry.height,
    rows,
    moveRows(lines.length, rows, { line, row }, -context),
  );
}
