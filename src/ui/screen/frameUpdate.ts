import { cellsOf, drawCells, sameCell, type Cell } from "./styledCells.js";

/** A frame as last written: Ink's lines, and the cells of each as the terminal shows them. */
export interface WrittenFrame {
  lines: readonly string[];
  cells: readonly Cell[][];
}

/**
 * Unchanged cells between two changes on a row that are cheaper to rewrite than to jump over: a
 * cursor move and the style it lands in cost about as many bytes.
 */
const jumpCost = 12;

const moveTo = (row: number, column: number) => `\u001b[${row + 1};${column + 1}H`;
const eraseToEnd = "\u001b[K";
const clearScreen = "\u001b[H\u001b[2J";

/** Which cell starts at each column of a line; `null` where a wide character continues. */
function columnMap(cells: readonly Cell[]): (Cell | null)[] {
  const columns: (Cell | null)[] = [];
  for (const cell of cells) {
    columns.push(cell);
    for (let extra = 1; extra < cell.width; extra += 1) columns.push(null);
  }
  return columns;
}

function sameColumn(a: Cell | null | undefined, b: Cell | null | undefined): boolean {
  if (a === null || b === null) return a === b;
  return sameCell(a, b);
}

/** The columns [start, end) that differ, gathered into runs worth one cursor move each. */
function changedRuns(before: readonly (Cell | null)[], after: readonly (Cell | null)[]): [number, number][] {
  const runs: [number, number][] = [];
  const width = Math.max(before.length, after.length);
  for (let column = 0; column < width; column += 1) {
    if (sameColumn(before[column], after[column])) continue;
    const last = runs.at(-1);
    if (last && column - last[1] < jumpCost) last[1] = column + 1;
    else runs.push([column, column + 1]);
  }
  // Runs start and end where characters do on both lines, so no wide character is cut in half: the
  // column after one that is the same on both lines is a character's start on both, or the same
  // wide character's second half on both.
  return runs;
}

/** The new cells drawn over the columns [start, end), and an erase where the new line has ended. */
function drawRun(row: number, after: readonly (Cell | null)[], [start, end]: [number, number]): string {
  const cells = after.slice(start, Math.min(end, after.length)).filter((cell) => cell !== null);
  return moveTo(row, start) + drawCells(cells) + (end > after.length ? eraseToEnd : "");
}

/**
 * A changed row. Where every character's width is one terminals agree on, only the runs of changed
 * cells are written; otherwise the row is written from its first change (or from the first
 * character of uncertain width before it) to its end.
 */
function rowUpdate(row: number, before: readonly Cell[], after: readonly Cell[]): string {
  const reliable = (cell: Cell) => cell.reliable;
  if (before.every(reliable) && after.every(reliable)) {
    const afterColumns = columnMap(after);
    return changedRuns(columnMap(before), afterColumns)
      .map((run) => drawRun(row, afterColumns, run))
      .join("");
  }
  let start = 0;
  let column = 0;
  while (start < after.length && after[start]!.reliable && sameCell(before[start], after[start])) {
    column += after[start]!.width;
    start += 1;
  }
  if (start === after.length && before.length === after.length) return "";
  return moveTo(row, column) + drawCells(after.slice(start)) + eraseToEnd;
}

/** The cells of a line that fit `columns`: a wide character cut by the edge becomes a space. */
function clipCells(cells: Cell[], columns: number): Cell[] {
  let width = 0;
  for (const [index, cell] of cells.entries()) {
    if (width + cell.width > columns) {
      const clipped = cells.slice(0, index);
      return width < columns ? [...clipped, { ...cell, text: " ", width: 1, reliable: true }] : clipped;
    }
    width += cell.width;
  }
  return cells;
}

/**
 * What to write so a terminal showing `previous` shows `lines`: the changed cells of changed rows,
 * placed by absolute cursor moves (the dashboard owns the whole alternate screen), or the whole frame
 * on a cleared screen when there is no previous frame (the first, or after a resize). Lines are cut
 * to the terminal's size: right after a resize Ink may still send a frame laid out for the old one,
 * and a line written past the edge would wrap onto the next row.
 */
export function frameUpdate(
  previous: WrittenFrame | undefined,
  frameLines: readonly string[],
  size: { columns: number; rows: number },
): { bytes: string; frame: WrittenFrame } {
  const lines = frameLines.slice(0, size.rows);
  const cells: Cell[][] = [];
  const cellsAt = (line: string) => clipCells(cellsOf(line), size.columns);
  if (previous === undefined) {
    let bytes = clearScreen;
    for (const [row, line] of lines.entries()) {
      const drawn = cellsAt(line);
      cells.push(drawn);
      if (drawn.length > 0) bytes += moveTo(row, 0) + drawCells(drawn);
    }
    return { bytes, frame: { lines, cells } };
  }
  let bytes = "";
  const rows = Math.max(lines.length, previous.lines.length);
  for (let row = 0; row < rows; row += 1) {
    const line = lines[row];
    const before = previous.lines[row] ?? "";
    if (line === undefined) {
      if (before !== "") bytes += moveTo(row, 0) + eraseToEnd;
      continue;
    }
    if (line === before) {
      cells.push(previous.cells[row] ?? []);
      continue;
    }
    const after = cellsAt(line);
    bytes += rowUpdate(row, previous.cells[row] ?? [], after);
    cells.push(after);
  }
  return { bytes, frame: { lines, cells } };
}
