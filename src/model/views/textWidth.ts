import stringWidth from "string-width";

/*
 * Terminal cells, not string length: a CJK character or an emoji takes two cells, a combining mark
 * none. string-width is the measure Ink itself lays out with (ink 6.8 depends on the same 8.3.0), so
 * a row padded here is exactly as wide as Ink thinks it is.
 */

const segmenter = new Intl.Segmenter();
const printableAscii = /^[\u0020-\u007e]*$/;
const ellipsis = "…";

/** How many terminal cells the text takes. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * The text cut to at most `width` cells, ending in "…" when something was cut; never splits a
 * character, and drops spaces before the "…" so "completed exit 1" does not read "completed …".
 */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return "";
  if (printableAscii.test(text)) {
    return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}${ellipsis}`;
  }
  if (stringWidth(text) <= width) return text;
  return `${text.slice(0, cutOffset(text, 0, text.length, width - 1)).trimEnd()}${ellipsis}`;
}

/** The text cut or padded with spaces to exactly `width` cells. */
export function fitToWidth(text: string, width: number, align: "left" | "right" = "left"): string {
  const cut = truncateToWidth(text, width);
  const padding = " ".repeat(Math.max(0, width - displayWidth(cut)));
  return align === "left" ? cut + padding : padding + cut;
}

/**
 * The string offset where `text[start..end)` must be cut to fit `width` cells: after the last whole
 * character (grapheme cluster) that fits.
 */
export function cutOffset(text: string, start: number, end: number, width: number): number {
  let used = 0;
  let offset = start;
  visitClusters(text.slice(start, end), (length, cells) => {
    if (used + cells > width) return false;
    used += cells;
    offset += length;
    return true;
  });
  return offset;
}

/**
 * Where a line breaks when wrapped at `width` cells, as [start, end) string offsets; an empty line is
 * one empty row. A character wider than the whole width gets a row of its own rather than looping.
 */
export function wrapRanges(text: string, width: number): [number, number][] {
  const cells = Math.max(1, width);
  if (text.length === 0) return [[0, 0]];
  const rows: [number, number][] = [];
  if (printableAscii.test(text)) {
    for (let start = 0; start < text.length; start += cells) {
      rows.push([start, Math.min(text.length, start + cells)]);
    }
    return rows;
  }
  let rowStart = 0;
  let used = 0;
  let offset = 0;
  visitClusters(text, (length, clusterCells) => {
    if (used + clusterCells > cells && offset > rowStart) {
      rows.push([rowStart, offset]);
      rowStart = offset;
      used = 0;
    }
    used += clusterCells;
    offset += length;
    return true;
  });
  rows.push([rowStart, offset]);
  return rows;
}

const nonAsciiRun = /[^\u0020-\u007e]+/g;

/**
 * Calls `visit` with the length and width of each grapheme cluster in turn, until it returns false.
 * Log lines are mostly ASCII: runs of it are one cell per character without the (slow) segmenter,
 * which only sees the other runs, together with the character before each, since a combining mark
 * or a keycap joins the character it follows.
 */
function visitClusters(text: string, visit: (length: number, cells: number) => boolean): void {
  let index = 0;
  nonAsciiRun.lastIndex = 0;
  for (let run = nonAsciiRun.exec(text); run !== null; run = nonAsciiRun.exec(text)) {
    const segmentFrom = Math.max(index, run.index - 1);
    for (; index < segmentFrom; index += 1) if (!visit(1, 1)) return;
    const runEnd = run.index + run[0].length;
    for (const { segment } of segmenter.segment(text.slice(segmentFrom, runEnd))) {
      if (!visit(segment.length, clusterWidth(segment))) return;
    }
    index = runEnd;
  }
  for (; index < text.length; index += 1) if (!visit(1, 1)) return;
}

/** Widths of clusters seen recently: a CJK log repeats the same few hundred characters. */
const clusterWidths = new Map<string, number>();
const clusterWidthsLimit = 4096;

function clusterWidth(cluster: string): number {
  const known = clusterWidths.get(cluster);
  if (known !== undefined) return known;
  if (clusterWidths.size >= clusterWidthsLimit) clusterWidths.clear();
  const cells = stringWidth(cluster);
  clusterWidths.set(cluster, cells);
  return cells;
}

/**
 * Tabs become spaces up to the next multiple of 8 cells. string-width counts a tab as zero cells
 * while a terminal moves to the next tab stop, so a tab left in would break every width computed here.
 */
export function expandTabs(text: string): string {
  if (!text.includes("\t")) return text;
  let result = "";
  let column = 0;
  let offset = 0;
  visitClusters(text, (length, cells) => {
    if (text[offset] === "\t") {
      const spaces = 8 - (column % 8);
      result += " ".repeat(spaces);
      column += spaces;
    } else {
      result += text.slice(offset, offset + length);
      column += cells;
    }
    offset += length;
    return true;
  });
  return result;
}
