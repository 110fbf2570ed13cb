import { errorMessage } from "../errorMessage.js";

export interface LogSearchQuery {
  text: string;
  /** The text is a regular expression; otherwise it is matched literally. Either way case-insensitive. */
  regex: boolean;
}

export interface CompiledSearch {
  pattern: RegExp;
  /** Set when the text was meant as a regex but is not one, and is matched literally instead. */
  notice?: string;
}

/** A match in a line, as string offsets [start, end). */
export interface LogMatch {
  line: number;
  start: number;
  end: number;
}

export interface LogMatches {
  /** In reading order: by line, then by offset. */
  matches: LogMatch[];
  /** More matches exist than were kept. */
  capped: boolean;
}

/** Enough to step through and count; beyond it the count reads "10000+". */
const maxLogMatches = 10_000;

/**
 * Compiles a search once per query, not once per line or frame. The "u" flag keeps a match from
 * splitting a surrogate pair, which would leave half an emoji in a highlight segment. A regex that
 * does not compile is searched as plain text (as the `/` row filter does), so typing `[` on the way
 * to `[0-9]` keeps the highlights instead of clearing them.
 */
export function compileSearch(query: LogSearchQuery): CompiledSearch {
  const literal = (): RegExp => new RegExp(query.text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "giu");
  if (!query.regex) return { pattern: literal() };
  try {
    return { pattern: new RegExp(query.text, "giu") };
  } catch (error) {
    const reason = errorMessage(error);
    return {
      pattern: literal(),
      notice: `not a valid regular expression (${reason}); searching it as plain text`,
    };
  }
}

/**
 * Every match in the lines, once per snapshot and query. Empty matches (`^`, `a*`) highlight
 * nothing and are skipped.
 */
export function findLogMatches(lines: readonly string[], pattern: RegExp): LogMatches {
  const matches: LogMatch[] = [];
  for (let line = 0; line < lines.length; line += 1) {
    const text = lines[line] ?? "";
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      if (found[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      if (matches.length === maxLogMatches) return { matches, capped: true };
      matches.push({ line, start: found.index, end: found.index + found[0].length });
    }
  }
  return { matches, capped: false };
}

/** The first match at or after a line: where a new search starts, like less does. */
export function firstMatchFrom(matches: readonly LogMatch[], line: number): number | undefined {
  if (matches.length === 0) return undefined;
  const index = firstIndexAtOrAfter(matches, line);
  return index < matches.length ? index : 0;
}

/** The next (or previous) match, wrapping around at either end. */
export function stepMatch(
  matchCount: number,
  current: number | undefined,
  direction: 1 | -1,
): number | undefined {
  if (matchCount === 0) return undefined;
  if (current === undefined) return direction === 1 ? 0 : matchCount - 1;
  return (current + direction + matchCount) % matchCount;
}

/** Binary search: the index of the first match on `line` or later. */
export function firstIndexAtOrAfter(matches: readonly LogMatch[], line: number): number {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((matches[middle]?.line ?? 0) < line) low = middle + 1;
    else high = middle;
  }
  return low;
}
