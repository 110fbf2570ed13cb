import { sanitizeInline } from "../sanitize.js";
import type { TailSnapshot } from "../tailSnapshot.js";
import { firstIndexAtOrAfter, type LogMatch, type LogMatches } from "./logSearch.js";
import { textWindow, type TextAnchor, type TextGeometry, type TextRowRange } from "./textView.js";
import { expandTabs } from "./textWidth.js";

/**
 * The tail's lines as the log pane reads them, once per snapshot: the unfinished last line is shown
 * (a progress bar or a prompt is often all there is), and tabs are expanded so widths hold. The tail
 * reader sanitised them already; they are neutralised again here (a few microseconds per snapshot)
 * so that no future source of lines can reach the terminal raw by forgetting to.
 */
export function logLines(tail: Pick<TailSnapshot, "lines" | "partialLine">): string[] {
  const safe = (line: string) => sanitizeInline(expandTabs(line));
  const lines = tail.lines.map(safe);
  if (tail.partialLine.length > 0) lines.push(safe(tail.partialLine));
  return lines;
}

/** A run of a row's text; `match` runs are highlighted, the `current` one differently. */
export interface LogSegment {
  text: string;
  match: boolean;
  current: boolean;
}

export interface LogRow {
  /** The line the row belongs to (several rows share one when wrapped). */
  line: number;
  segments: LogSegment[];
}

export interface LogViewInput {
  lines: readonly string[];
  geometry: TextGeometry;
  /** Pinned to the last line: new output scrolls into view. */
  follow: boolean;
  /** Where the view is scrolled to when not following. */
  anchor: TextAnchor;
  matches?: readonly LogMatch[];
  /** Index into `matches` of the match the operator stepped to. */
  currentMatch?: number;
}

export interface LogView {
  rows: LogRow[];
  /** The anchor drawn from: keep it as the scroll position. */
  anchor: TextAnchor;
  atBottom: boolean;
}

/** The rows to draw now, split into segments at search matches. Per frame: touches only visible lines. */
export function logView({
  lines,
  geometry,
  follow,
  anchor,
  matches = [],
  currentMatch,
}: LogViewInput): LogView {
  const visible = textWindow(lines, geometry, anchor, follow);
  return {
    rows: visible.rows.map((range) => ({
      line: range.line,
      segments: rowSegments(lines[range.line] ?? "", range, matches, currentMatch),
    })),
    anchor: visible.anchor,
    atBottom: visible.atBottom,
  };
}

function rowSegments(
  text: string,
  range: TextRowRange,
  matches: readonly LogMatch[],
  currentMatch: number | undefined,
): LogSegment[] {
  const segments: LogSegment[] = [];
  const push = (start: number, end: number, match: boolean, current: boolean): void => {
    if (end > start) segments.push({ text: text.slice(start, end), match, current });
  };
  let position = range.start;
  for (let index = firstIndexAtOrAfter(matches, range.line); index < matches.length; index += 1) {
    const match = matches[index];
    if (!match || match.line !== range.line || match.start >= range.end) break;
    if (match.end <= position) continue;
    const start = Math.max(match.start, position);
    const end = Math.min(match.end, range.end);
    push(position, start, false, false);
    push(start, end, true, index === currentMatch);
    position = end;
  }
  push(position, range.end, false, false);
  if (range.ellipsis) segments.push({ text: "…", match: false, current: false });
  if (segments.length === 0) segments.push({ text: "", match: false, current: false });
  return segments;
}

/** "3/12", "3/10000+", "no matches": the search's place and count for the status line. */
export function matchCounter(found: LogMatches, currentMatch: number | undefined): string {
  if (found.matches.length === 0) return "no matches";
  const total = `${found.matches.length}${found.capped ? "+" : ""}`;
  return currentMatch === undefined ? `${total} matches` : `${currentMatch + 1}/${total}`;
}
