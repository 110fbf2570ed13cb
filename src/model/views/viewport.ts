/** A list's scroll state: the selected row and the first row drawn. */
export interface ListPosition {
  selected: number;
  offset: number;
}

export interface ListViewport extends ListPosition {
  /** The rows to render: [start, end). Only these become `<Text>` elements. */
  start: number;
  end: number;
}

/**
 * The window of a list to draw. The offset moves as little as possible to keep the selection on
 * screen, and never leaves empty rows below the last one while earlier rows could fill them (after
 * the list shrank or the pane grew). An empty list selects row 0 of nothing.
 */
export function listViewport(rowCount: number, position: ListPosition, height: number): ListViewport {
  const rows = Math.max(0, rowCount);
  const visible = Math.max(1, height);
  const selected = clamp(position.selected, 0, Math.max(0, rows - 1));
  let offset = clamp(position.offset, 0, Math.max(0, rows - visible));
  if (selected < offset) offset = selected;
  if (selected >= offset + visible) offset = selected - visible + 1;
  return { selected, offset, start: offset, end: Math.min(rows, offset + visible) };
}

export type ListMove = "up" | "down" | "pageUp" | "pageDown" | "top" | "bottom";

/**
 * The position after a navigation key. PgUp/PgDn move the selection and the window by a page
 * together, so the selected row stays where it was on screen; g and G go to the first and last row.
 */
export function moveInList(
  rowCount: number,
  position: ListPosition,
  height: number,
  move: ListMove,
): ListViewport {
  const page = Math.max(1, height);
  const { selected, offset } = listViewport(rowCount, position, height);
  switch (move) {
    case "up":
      return listViewport(rowCount, { selected: selected - 1, offset }, height);
    case "down":
      return listViewport(rowCount, { selected: selected + 1, offset }, height);
    case "pageUp":
      return listViewport(rowCount, { selected: selected - page, offset: offset - page }, height);
    case "pageDown":
      return listViewport(rowCount, { selected: selected + page, offset: offset + page }, height);
    case "top":
      return listViewport(rowCount, { selected: 0, offset: 0 }, height);
    case "bottom":
      return listViewport(rowCount, { selected: rowCount - 1, offset: rowCount }, height);
  }
}

/**
 * Row index by id, built once per snapshot, so the UI can keep the selection on the same object
 * when rows reorder without searching 50,000 rows on every frame.
 */
export function indexById(rows: readonly { id: string }[]): ReadonlyMap<string, number> {
  return new Map(rows.map((row, index) => [row.id, index]));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
