import { memo, useCallback } from "react";
import type { ThrottleView } from "../../model/freshness.js";
import type { ListState } from "../../model/navigation/uiState.js";
import { nodeStateLook, stateSymbol } from "../../model/theme/stateGlyphs.js";
import { poolCells, poolColumns, type PoolView } from "../../model/views/poolRows.js";
import type { Overview } from "../../store/dashboardStore.js";
import type { ResourceState } from "../../store/resourceState.js";
import { useTheme } from "../theme/ThemeContext.js";
import type { ListData } from "../useDashboardData.js";
import { ListBody } from "./ListBody.js";
import { PaneFrame, paneBodyHeight, paneBodyWidth } from "./PaneFrame.js";
import { countOf, freshnessOf, listNotes } from "./paneTitle.js";

export interface PoolsPaneProps {
  data: ListData<PoolView>;
  list: ListState;
  resource: ResourceState<Overview>;
  intervalMs: number;
  throttle?: ThrottleView;
  now: number;
  focused: boolean;
  width: number;
  height: number;
}

/** Pools: allocation, dedicated and spot current/target, a bar of node states, resize errors. */
function PoolsPaneView({
  data,
  list,
  resource,
  intervalMs,
  throttle,
  now,
  focused,
  width,
  height,
}: PoolsPaneProps) {
  const theme = useTheme();
  const symbol = useCallback((state: string) => stateSymbol(nodeStateLook(state), theme.glyphs), [theme]);
  const cells = useCallback((view: PoolView) => poolCells(view, symbol), [symbol]);
  return (
    <PaneFrame
      title={{
        name: "Pools",
        count: countOf(data.rows.length, data.total),
        ...freshnessOf(resource, intervalMs, now, throttle),
        notes: listNotes("pools", list),
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <ListBody
        columns={poolColumns}
        width={paneBodyWidth(width)}
        height={paneBodyHeight(height)}
        rows={data.rows}
        selected={data.selected}
        offset={list.offset}
        focused={focused}
        cells={cells}
        empty={
          resource.fetchedAt === undefined
            ? "waiting for the first poll…"
            : data.total === 0
              ? "no pools in this account"
              : "no pool matches"
        }
      />
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const PoolsPane = memo(PoolsPaneView);
