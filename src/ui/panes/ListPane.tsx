import { Box } from "ink";
import type { ReactNode } from "react";
import type { ListPane as ListPaneId } from "../../model/navigation/listSorts.js";
import type { ListState } from "../../model/navigation/uiState.js";
import type { ListData } from "../../model/views/dashboardData.js";
import { formatRowPosition } from "../../model/views/numberFormat.js";
import { paneBodyHeight, paneBodyWidth } from "../../model/views/paneGeometry.js";
import type { ColumnSpec } from "../../model/views/tableLayout.js";
import type { ResourceKey } from "../../store/dashboardSnapshot.js";
import type { ResourceState } from "../../store/resourceState.js";
import { ListBody, type RowCells } from "./ListBody.js";
import { PaneFrame } from "./PaneFrame.js";
import { countOf, listNotes } from "./paneTitle.js";

/** What the dashboard hands every list pane. */
export interface ListPaneProps<Row> {
  data: ListData<Row>;
  list: ListState;
  intervalMs: number;
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
  /** Undefined while nothing above is selected: the pane then shows no freshness. */
  resource?: ResourceState<unknown>;
  /** Where `resource` sits in the snapshot: the title's freshness reads it there, live. */
  resourceKey: ResourceKey;
  columns: readonly ColumnSpec<Id>[];
  cells: RowCells<Row, Id>;
  /** The cells depend on the time (see ListBody). */
  ticking?: boolean;
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
  const { pane, name, resource, resourceKey, data, list, intervalMs, focused, width, height } = props;
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
        // Every list pane reads the Batch data plane, so the account's throttle speaks for it.
        ...(resource ? { freshness: { resource: resourceKey, intervalMs, throttled: true } } : {}),
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
          ticking={props.ticking ?? false}
          empty={emptyText(resource, data.total, props.empty)}
        />
      </Box>
    </PaneFrame>
  );
}
