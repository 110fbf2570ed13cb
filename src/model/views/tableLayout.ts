import { sanitizeInline } from "../sanitize.js";
import { displayWidth, truncateToWidth } from "./textWidth.js";

export interface ColumnSpec<Id extends string = string> {
  id: Id;
  title: string;
  minWidth: number;
  maxWidth: number;
  /** 1 is kept longest; on a narrow terminal the highest numbers are dropped first. */
  priority: number;
  align?: "left" | "right";
}

export interface PlacedColumn<Id extends string = string> {
  spec: ColumnSpec<Id>;
  width: number;
}

export interface TableLayout<Id extends string = string> {
  /** The columns shown, in the order the specs list them. */
  columns: PlacedColumn<Id>[];
  /** Every formatted row is exactly this many cells wide, so a selection bar spans the pane. */
  width: number;
}

/** Cells between two columns. */
const columnGap = 1;

/** The widest value of each column in the rows measured; a column at 0 is empty in all of them. */
export type ContentWidths<Id extends string> = Partial<Record<Id, number>>;

/**
 * A spec narrowed to what its content needs: a column never takes more than its widest value (or
 * its title), so the cells it would leave blank go to a column whose values are being cut.
 */
function fitToContent<Id extends string>(spec: ColumnSpec<Id>, content: number | undefined): ColumnSpec<Id> {
  if (content === undefined) return spec;
  const needed = Math.max(displayWidth(spec.title), content);
  return {
    ...spec,
    minWidth: Math.min(spec.minWidth, needed),
    maxWidth: Math.min(spec.maxWidth, needed),
  };
}

/**
 * Which columns fit in `width` cells and how wide each is. Columns are admitted by priority while
 * their minimum widths fit, and admission stops at the first that does not, so a column is never
 * shown while a more important one is hidden. Columns empty in every row measured come after all
 * others, whatever their priority: a blank RESIZE ERROR column must not cut the pool names. Spare
 * cells then widen the admitted columns towards what their content needs.
 */
export function layoutColumns<Id extends string>(
  specs: readonly ColumnSpec<Id>[],
  width: number,
  content: ContentWidths<Id> = {},
): TableLayout<Id> {
  const isEmpty = (spec: ColumnSpec<Id>) => content[spec.id] === 0;
  const byPriority = specs
    .map((spec, order) => ({ spec: fitToContent(spec, content[spec.id]), order }))
    .sort(
      (a, b) =>
        Number(isEmpty(a.spec)) - Number(isEmpty(b.spec)) ||
        a.spec.priority - b.spec.priority ||
        a.order - b.order,
    );
  const admitted: { spec: ColumnSpec<Id>; order: number; width: number }[] = [];
  // Fitted to its content, the most important column (what the row is: the pool, the job, the task)
  // is admitted at the width its values need, so an operator reads the pool's whole name before a
  // less important column (its VM size, its autoscale flag) takes any room. The others are admitted
  // at their minimums, and spare cells then go by priority. Without measurements every column is
  // admitted at its minimum and they share the rest.
  const measured = Object.keys(content).length > 0;
  let used = 0;
  for (const entry of byPriority) {
    const gap = admitted.length > 0 ? columnGap : 0;
    // Only when the values fit whole: a node's 70-character id is cut either way, and would only
    // push out the columns that say what is wrong with it.
    const widest = content[entry.spec.id];
    const whole = widest !== undefined && widest <= entry.spec.maxWidth;
    const wanted = whole && admitted.length === 0 ? entry.spec.maxWidth : entry.spec.minWidth;
    const fits = used + gap + wanted <= width ? wanted : entry.spec.minWidth;
    if (used + gap + fits > width) break;
    admitted.push({ ...entry, width: fits });
    used += gap + fits;
  }
  if (measured) growByPriority(admitted, width - used);
  else growTowardsMaximum(admitted, width - used);
  admitted.sort((a, b) => a.order - b.order);
  return {
    columns: admitted.map(({ spec, width: columnWidth }) => ({ spec, width: columnWidth })),
    width: Math.max(0, width),
  };
}

/** Gives `spare` cells to the columns in the order they were admitted (priority), each up to its maximum. */
function growByPriority(columns: { spec: ColumnSpec; width: number }[], spare: number): void {
  let left = spare;
  for (const column of columns) {
    const grow = Math.max(0, Math.min(left, column.spec.maxWidth - column.width));
    column.width += grow;
    left -= grow;
  }
}

/**
 * Shares `spare` cells in proportion to each column's room to grow (largest remainder, ties to the
 * more important column), so every column approaches its maximum together: growing the most
 * important first would give a wide id column while a resize error stays cut.
 */
function growTowardsMaximum(columns: { spec: ColumnSpec; width: number }[], spare: number): void {
  const room = columns.map((column) => column.spec.maxWidth - column.width);
  const totalRoom = room.reduce((sum, cells) => sum + Math.max(0, cells), 0);
  if (spare <= 0 || totalRoom <= 0) return;
  const share = Math.min(spare, totalRoom);
  const exact = room.map((cells) => (Math.max(0, cells) * share) / totalRoom);
  let left = share;
  columns.forEach((column, index) => {
    const whole = Math.floor(exact[index] ?? 0);
    column.width += whole;
    left -= whole;
  });
  const byRemainder = columns
    .map((column, index) => ({ column, index, remainder: (exact[index] ?? 0) % 1 }))
    .filter(({ column }) => column.width < column.spec.maxWidth)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { column } of byRemainder) {
    if (left === 0) break;
    column.width += 1;
    left -= 1;
  }
}

/**
 * How a run of a row is drawn. States are named as Batch spells them, and the theme's state looks
 * give each its token, symbol and word; other runs name a theme token ("badge.error") directly.
 */
export type CellStyle =
  | { kind: "nodeState"; state: string }
  | { kind: "allocationState"; state: string }
  | { kind: "jobState"; state: string }
  /** active, preparing, running, succeeded or failed: a completed task reads as how it ended. */
  | { kind: "taskState"; state: string }
  | { kind: "token"; token: string };

/** A run of a cell's text, drawn in a style when it has one. */
export interface CellPart {
  text: string;
  style?: CellStyle;
}

/** A plain value, or parts of which some carry a style. */
export type CellValue = string | readonly CellPart[];

/** Where a style applies in a formatted row, as string offsets [start, end). */
export interface RowMark {
  start: number;
  end: number;
  style: CellStyle;
}

export interface FormattedRow {
  /** One pre-padded, sanitised line of exactly the layout's width: draw it as one `<Text>`. */
  text: string;
  /** Usually few; the spans the UI draws in a style within `text`. */
  marks: RowMark[];
}

/** The header row: column titles, padded like the rows below them. */
export function formatHeader<Id extends string>(layout: TableLayout<Id>): string {
  const titles = Object.fromEntries(layout.columns.map(({ spec }) => [spec.id, spec.title]));
  return formatRow(layout, titles as Record<Id, string>).text;
}

/**
 * One table row as one string: every value sanitised (it came from Azure), cut with "…" to its
 * column by display width, and padded. Call it for the visible rows only: it is the per-frame step.
 */
export function formatRow<Id extends string>(
  layout: TableLayout<Id>,
  cells: Readonly<Record<Id, CellValue>>,
): FormattedRow {
  let text = "";
  let used = 0;
  const marks: RowMark[] = [];
  layout.columns.forEach(({ spec, width }, index) => {
    if (index > 0) {
      text += " ".repeat(columnGap);
      used += columnGap;
    }
    const parts = fitParts(toParts(cells[spec.id]), width);
    const padding = " ".repeat(width - parts.reduce((sum, part) => sum + displayWidth(part.text), 0));
    if (spec.align === "right") text += padding;
    for (const part of parts) {
      if (part.style !== undefined && part.text.length > 0) {
        marks.push({ start: text.length, end: text.length + part.text.length, style: part.style });
      }
      text += part.text;
    }
    if (spec.align !== "right") text += padding;
    used += width;
  });
  return { text: text + " ".repeat(Math.max(0, layout.width - used)), marks };
}

/** How many cells a value takes once sanitised, before any cutting. */
export function cellWidth(value: CellValue | undefined): number {
  return toParts(value).reduce((sum, part) => sum + displayWidth(part.text), 0);
}

/** The widest value of each column over `rows`: what `layoutColumns` fits the columns to. */
export function measureContent<Row, Id extends string>(
  specs: readonly ColumnSpec<Id>[],
  rows: readonly Row[],
  cells: (row: Row) => Readonly<Record<Id, CellValue>>,
): ContentWidths<Id> {
  const widths: ContentWidths<Id> = {};
  for (const spec of specs) widths[spec.id] = 0;
  for (const row of rows) {
    const values = cells(row);
    for (const spec of specs) widths[spec.id] = Math.max(widths[spec.id] ?? 0, cellWidth(values[spec.id]));
  }
  return widths;
}

function toParts(value: CellValue | undefined): CellPart[] {
  if (value === undefined) return [];
  if (typeof value === "string") return [{ text: clean(value) }];
  return value.map((part) => ({ ...part, text: clean(part.text) }));
}

/** One line of safe text: tabs would be counted as zero cells but drawn as up to eight. */
function clean(text: string): string {
  return sanitizeInline(text).replace(/\t/g, " ");
}

/** Parts cut to `width` cells in total; the last one kept ends in "…" when anything was cut. */
function fitParts(parts: CellPart[], width: number): CellPart[] {
  const total = parts.reduce((sum, part) => sum + displayWidth(part.text), 0);
  if (total <= width) return parts;
  const fitted: CellPart[] = [];
  let left = width;
  for (const part of parts) {
    const partWidth = displayWidth(part.text);
    if (partWidth < left) {
      fitted.push(part);
      left -= partWidth;
      continue;
    }
    // This part reaches the edge: cut it so the ellipsis takes the last cell.
    fitted.push({ ...part, text: truncateToWidth(`${part.text}…`, left) });
    break;
  }
  return fitted;
}
