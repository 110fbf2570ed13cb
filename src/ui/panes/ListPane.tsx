import { Box } from "ink";
import type { ReactNode } from "react";
import type { ThrottleView } from "../../model/freshness.js";
import type { ListPane as ListPaneId } from "../../model/navigation/listSorts.js";
import type { ListState } from "../../model/navigation/uiState.js";
import type { ListData } from "../../model/views/dashboardData.js";
import { formatRowPosition } from "../../model/views/numberFormat.js";
import { paneBodyHeight, paneBodyWidth } from "../../model/views/paneGeometry.js";
import type { CellValue, ColumnSpec } from "../../model/views/tableLayout.js";
import type { ResourceState } from "../../store/resourceState.js";
import { ListBody } from "./ListBody.js";
import { PaneFrame } from "./PaneFrame.js";
import { countOf, freshnessOf, listNotes } from "./paneTitle.js";

/** What the dashboard hands every list pane. */
export interface ListPaneProps<Row> {
  data: ListData<Row>;
  list: ListState;
  intervalMs: number;
  throttle?: ThrottleView;
  now: number;
  focused: boolean;
  width: number;
  height: number;
}

/** What an empty list says, by why it is empty. */
export interface EmptyTexts {
  /** Nothing selected above it: "select a pool to see its nodes". */
  unselected?: string;
  none: string;
  noMatch: string;
}

interface ListPaneFrameProps<Row, Id extends string> extends ListPaneProps<Row> {
  pane: ListPaneId;
  name: string;
  /** Undefined while nothing above is selected: the pane then shows no age. */
  resource?: ResourceState<unknown>;
  columns: readonly ColumnSpec<Id>[];
  cells: (row: Row) => Readonly<Record<Id, CellValue>>;
  empty: EmptyTexts;
  /** Drawn above the table (the heatmap, the failure summary), `aboveRows` tall. */
  above?: ReactNode;
  aboveRows?: number;
  /** More for the title's notes than the list's settings: how many nodes are marked. */
  notes?: readonly string[];
}

function emptyText(resource: ResourceState<unknown> | undefined, total: number, texts: EmptyTexts): string {
  if (!resource) return texts.unselected ?? texts.none;
  if (resource.fetchedAt === undefined) return "waiting for the first poll…";
  return total === 0 ? texts.none : texts.noMatch;
}

/** A list pane: its title (count, age, settings), what goes above the table, and the table. */
export function ListPaneFrame<Row, Id extends string>(props: ListPaneFrameProps<Row, Id>) {
  const { pane, name, resource, data, list, intervalMs, throttle, now, focused, width, height } = props;
  const aboveRows = props.above ? (props.aboveRows ?? 1) : 0;
  const bodyRows = paneBodyHeight(height) - aboveRows;
  // The table's header takes a row; a list that fits shows every row, so needs no position.
  const longer = data.rows.length > bodyRows - 1;
  return (
    <PaneFrame
      title={{
        name,
        count: countOf(data.rows.length, data.total),
        ...(longer ? { position: formatRowPosition(data.selected, data.rows.length) } : {}),
        ...(resource ? freshnessOf(resource, intervalMs, now, throttle) : {}),
        notes: [...listNotes(pane, list), ...(props.notes ?? [])],
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <Box flexDirection="column">
        {props.above}
        <ListBody
          columns={props.columns}
          width={paneBodyWidth(width)}
          height={bodyRows}
          rows={data.rows}
          selected={data.selected}
          offset={list.offset}
          focused={focused}
          cells={props.cells}
          empty={emptyText(resource, data.total, props.empty)}
        />
      </Box>
    </PaneFrame>
  );
}
