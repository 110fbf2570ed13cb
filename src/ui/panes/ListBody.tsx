import { Box, Text } from "ink";
import { useMemo, useRef } from "react";
import { resolveStyle } from "../../model/theme/theme.js";
import {
  formatHeader,
  formatRow,
  layoutColumns,
  measureContent,
  type CellValue,
  type ColumnSpec,
} from "../../model/views/tableLayout.js";
import { listViewport } from "../../model/views/viewport.js";
import { useTheme } from "../theme/ThemeContext.js";
import { StyledRow } from "./StyledRow.js";

export interface ListBodyProps<Row, Id extends string> {
  columns: readonly ColumnSpec<Id>[];
  width: number;
  /** Rows available, the column header included. */
  height: number;
  rows: readonly Row[];
  selected: number;
  offset: number;
  focused: boolean;
  cells: (row: Row) => Readonly<Record<Id, CellValue>>;
  /** What an empty list says: "no pools in this account", "no failed tasks". */
  empty: string;
}

/** How many rows the column widths are measured over. */
const measuredRows = 500;

/**
 * A table: the header and only the rows in view. Only those rows are formatted (sanitised, cut and
 * padded) each frame; a 50,000-task list costs the same as a 40-task one.
 */
export function ListBody<Row, Id extends string>({
  columns,
  width,
  height,
  rows,
  selected,
  offset,
  focused,
  cells,
  empty,
}: ListBodyProps<Row, Id>) {
  const theme = useTheme();
  // Columns fit what they hold: measured over the first rows, which a list of 50,000 keeps cheap, and
  // once per list rather than per scroll or per clock tick (ages change `cells` every second, and a
  // column should not twitch from "59s" to "1m00s"), so the latest `cells` is read from a ref.
  const latestCells = useRef(cells);
  latestCells.current = cells;
  const content = useMemo(
    () => measureContent(columns, rows.slice(0, measuredRows), latestCells.current),
    [columns, rows],
  );
  const layout = useMemo(() => layoutColumns(columns, width, content), [columns, width, content]);
  const header = useMemo(() => formatHeader(layout), [layout]);
  const view = listViewport(rows.length, { selected, offset }, height - 1);
  return (
    <Box flexDirection="column">
      <Text {...resolveStyle(theme, "table.header")} wrap="truncate">
        {header}
      </Text>
      {rows.length === 0 ? (
        <Text {...resolveStyle(theme, "text.muted")} wrap="truncate">
          {empty}
        </Text>
      ) : (
        rows.slice(view.start, view.end).map((row, index) => {
          const at = view.start + index;
          return (
            <StyledRow
              key={at}
              row={formatRow(layout, cells(row))}
              {...(at === view.selected ? { selection: focused ? "focused" : "unfocused" } : {})}
            />
          );
        })
      )}
    </Box>
  );
}
