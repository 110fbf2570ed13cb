import { Box, Text } from "ink";
import { memo, useMemo, useRef } from "react";
import { sameData } from "../../model/sameData.js";
import { resolveStyle } from "../../model/theme/theme.js";
import {
  formatHeader,
  formatRow,
  layoutColumns,
  measureContent,
  type CellValue,
  type ColumnSpec,
  type FormattedRow,
  type TableLayout,
} from "../../model/views/tableLayout.js";
import { listViewport } from "../../model/views/viewport.js";
import { useClock, useClockValue } from "../hooks/useClock.js";
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
  /** A row's cells at a time; keep it stable (a module function or a callback), rows are memoised on it. */
  cells: RowCells<Row, Id>;
  /** The cells depend on the time (ages, running durations): each row is read again as the clock beats. */
  ticking: boolean;
  /** What an empty list says: "no pools in this account", "no failed tasks". */
  empty: string;
}

export type RowCells<Row, Id extends string> = (row: Row, now: Date) => Readonly<Record<Id, CellValue>>;

/** How many rows the column widths are measured over. */
const measuredRows = 500;

const sameRow = (a: FormattedRow, b: FormattedRow) => a.text === b.text && sameData(a.marks, b.marks);

interface ListRowProps<Row, Id extends string> {
  row: Row;
  layout: TableLayout<Id>;
  cells: RowCells<Row, Id>;
  ticking: boolean;
  selection?: "focused" | "unfocused";
}

/**
 * One visible row, memoised on its data, the layout and whether it is selected: a key that moves
 * the selection re-renders the two rows it moves between, and a clock beat re-renders only the rows
 * whose text changed (a running task's "1m" turning "2m"), usually none.
 */
function ListRowView<Row, Id extends string>({
  row,
  layout,
  cells,
  ticking,
  selection,
}: ListRowProps<Row, Id>) {
  const formatted = useClockValue((now) => formatRow(layout, cells(row, new Date(now))), {
    same: sameRow,
    ticking,
  });
  return <StyledRow row={formatted} {...(selection ? { selection } : {})} />;
}

// memo() loses the type parameters; the props are the same.
const ListRow = memo(ListRowView) as typeof ListRowView;

/**
 * A table: the header and only the rows in view. Only those rows are formatted (sanitised, cut and
 * padded); a 50,000-task list costs the same as a 40-task one.
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
  ticking,
  empty,
}: ListBodyProps<Row, Id>) {
  const theme = useTheme();
  const clock = useClock();
  // Columns fit what they hold: measured over the first rows, which a list of 50,000 keeps cheap, and
  // once per list rather than per scroll or per clock beat (a column should not twitch from "59s" to
  // "1m"), so the latest `cells` is read from a ref, at the time of measuring.
  const latestCells = useRef(cells);
  latestCells.current = cells;
  const content = useMemo(() => {
    const at = new Date(clock.now());
    return measureContent(columns, rows.slice(0, measuredRows), (row) => latestCells.current(row, at));
  }, [columns, rows, clock]);
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
            <ListRow
              key={at}
              row={row}
              layout={layout}
              cells={cells}
              ticking={ticking}
              {...(at === view.selected ? { selection: focused ? "focused" : "unfocused" } : {})}
            />
          );
        })
      )}
    </Box>
  );
}
