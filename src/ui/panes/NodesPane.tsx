import { Box } from "ink";
import { memo, useCallback } from "react";
import type { ThrottleView } from "../../model/freshness.js";
import type { ListState } from "../../model/navigation/uiState.js";
import type { NodeSummary } from "../../model/nodes.js";
import { nodeCells, nodeColumns } from "../../model/views/nodeRows.js";
import type { ResourceState } from "../../store/resourceState.js";
import type { ListData } from "../useDashboardData.js";
import { ListBody } from "./ListBody.js";
import { NodeHeatmap } from "./NodeHeatmap.js";
import { PaneFrame, paneBodyHeight, paneBodyWidth } from "./PaneFrame.js";
import { countOf, freshnessOf, listNotes } from "./paneTitle.js";

export interface NodesPaneProps {
  poolId?: string;
  data: ListData<NodeSummary>;
  /** Every node of the pool, for the heatmap: the filter narrows the list, not the picture. */
  allNodes: readonly NodeSummary[];
  list: ListState;
  resource: ResourceState<readonly NodeSummary[]>;
  intervalMs: number;
  throttle?: ThrottleView;
  now: number;
  focused: boolean;
  width: number;
  height: number;
}

/** The heatmap takes at most a third of the pane, so the list below keeps most of the rows. */
function heatmapRows(bodyHeight: number): number {
  return Math.max(1, Math.min(6, Math.floor(bodyHeight / 3) - 1));
}

/** The selected pool's nodes: a state heatmap with its legend, then the list. */
function NodesPaneView(props: NodesPaneProps) {
  const { poolId, data, allNodes, list, resource, intervalMs, throttle, now, focused, width, height } = props;
  const cells = useCallback((node: NodeSummary) => nodeCells(node, new Date(now)), [now]);
  const body = paneBodyHeight(height);
  const gridRows = Math.min(
    heatmapRows(body),
    Math.ceil(allNodes.length / Math.max(1, Math.floor(paneBodyWidth(width) / 2))) || 1,
  );
  return (
    <PaneFrame
      title={{
        name: poolId ? `Nodes of ${poolId}` : "Nodes",
        count: countOf(data.rows.length, data.total),
        ...(poolId ? freshnessOf(resource, intervalMs, now, throttle) : {}),
        notes: listNotes("nodes", list),
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <Box flexDirection="column">
        {allNodes.length > 0 ? (
          <NodeHeatmap nodes={allNodes} width={paneBodyWidth(width)} maxRows={gridRows} />
        ) : null}
        <ListBody
          columns={nodeColumns}
          width={paneBodyWidth(width)}
          height={allNodes.length > 0 ? body - gridRows - 1 : body}
          rows={data.rows}
          selected={data.selected}
          offset={list.offset}
          focused={focused}
          cells={cells}
          empty={
            !poolId
              ? "select a pool to see its nodes"
              : resource.fetchedAt === undefined
                ? "waiting for the first poll…"
                : data.total === 0
                  ? "this pool has no nodes"
                  : "no node matches"
          }
        />
      </Box>
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const NodesPane = memo(NodesPaneView);
