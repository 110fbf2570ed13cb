import { useMemo } from "react";
import { planLayout, type PaneId, type ScreenLayout } from "../../model/views/paneLayout.js";

export type Placements = ReadonlyMap<PaneId, { width: number; height: number }>;

/** The panes that fit this terminal around the focused one, and each drawn pane's size by id. */
export function usePaneLayout(
  width: number,
  height: number,
  focused: PaneId,
): { layout: ScreenLayout; placements: Placements } {
  const layout = useMemo(() => planLayout(width, height, focused), [width, height, focused]);
  const placements = useMemo(() => {
    const byPane = new Map<PaneId, { width: number; height: number }>();
    if (layout.kind === "panes")
      for (const row of layout.rows) for (const placement of row.panes) byPane.set(placement.pane, placement);
    return byPane;
  }, [layout]);
  return { layout, placements };
}
