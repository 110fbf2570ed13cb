import { memo, useCallback } from "react";
import type { CycleStatus } from "../../actions/cycleTracker.js";
import { nodeStateLook, stateSymbol } from "../../model/theme/stateGlyphs.js";
import { poolCells, poolColumns, type PoolView } from "../../model/views/poolRows.js";
import type { Overview } from "../../store/dashboardStore.js";
import type { ResourceState } from "../../store/resourceState.js";
import { useTheme } from "../theme/ThemeContext.js";
import { ListPaneFrame, type ListPaneProps } from "./ListPane.js";

export interface PoolsPaneProps extends ListPaneProps<PoolView> {
  resource: ResourceState<Overview>;
  cycles: ReadonlyMap<string, CycleStatus>;
}

/** A cycle's note in its pool's row: its progress, or that it was left unfinished. */
function cycleNote(status: CycleStatus | undefined): string | undefined {
  if (!status) return undefined;
  return status.kind === "running" ? `cycling: ${status.progress}` : "cycle unfinished: C";
}

const empty = { none: "no pools in this account", noMatch: "no pool matches" };

/** Pools: allocation, dedicated and spot current/target, a bar of node states, resize errors. */
function PoolsPaneView(props: PoolsPaneProps) {
  const theme = useTheme();
  const symbol = useCallback((state: string) => stateSymbol(nodeStateLook(state), theme.glyphs), [theme]);
  const { cycles } = props;
  const cells = useCallback(
    (view: PoolView) => poolCells(view, symbol, cycleNote(cycles.get(view.id))),
    [symbol, cycles],
  );
  return (
    <ListPaneFrame
      {...props}
      pane="pools"
      name="Pools"
      resourceKey="overview"
      columns={poolColumns}
      cells={cells}
      empty={empty}
    />
  );
}

/** Memoised: drawn again only when its own props change, not when another pane's selection moves. */
export const PoolsPane = memo(PoolsPaneView);
