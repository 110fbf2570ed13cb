import { memo, useCallback } from "react";
import type { NodeSummary } from "../../model/nodes.js";
import { nodeCells, nodeColumns } from "../../model/views/nodeRows.js";
import type { ResourceState } from "../../store/resourceState.js";
import { ListPaneFrame, type ListPaneProps } from "./ListPane.js";
import { NodeHeatmap } from "./NodeHeatmap.js";
import { paneBodyHeight, paneBodyWidth } from "../../model/views/paneGeometry.js";

export interface NodesPaneProps extends ListPaneProps<NodeSummary> {
  poolId?: string;
  /** Every node of the pool, for the heatmap: the filter narrows the list, not the picture. */
  allNodes: readonly NodeSummary[];
  resource: ResourceState<readonly NodeSummary[]>;
  /** Nodes marked with space (of this pool): a `*` in the mark column, and a count in the title. */
  marked?: readonly string[];
}

const empty = {
  unselected: "select a pool to see its nodes",
  none: "this pool has no nodes",
  noMatch: "no node matches",
};

/** The heatmap takes at most a third of the pane, so the list below keeps most of the rows. */
function heatmapRows(bodyHeight: number, nodes: number, perRow: number): number {
  const wanted = Math.max(1, Math.min(6, Math.floor(bodyHeight / 3) - 1));
  return Math.min(wanted, Math.max(1, Math.ceil(nodes / perRow)));
}

/** The selected pool's nodes: a state heatmap with its legend, then the list. */
function NodesPaneView(props: NodesPaneProps) {
  const { poolId, allNodes, resource, width, height, marked } = props;
  const cells = useCallback(
    (node: NodeSummary, now: Date) => nodeCells(node, now, marked?.includes(node.id) ?? false),
    [marked],
  );
  const marks = marked && marked.length > 0 ? { notes: [`${marked.length} marked`] } : {};
  const inner = paneBodyWidth(width);
  // Heatmap cells are two wide ("● "), so the grid reads as cells rather than a solid bar.
  const gridRows = heatmapRows(paneBodyHeight(height), allNodes.length, Math.max(1, Math.floor(inner / 2)));
  return (
    <ListPaneFrame
      {...props}
      pane="nodes"
      name={poolId ? `Nodes of ${poolId}` : "Nodes"}
      {...marks}
      {...(poolId ? { resource } : {})}
      resourceKey="nodes"
      columns={nodeColumns}
      cells={cells}
      // Time in state grows with the clock.
      ticking
      empty={empty}
      {...(allNodes.length > 0
        ? {
            above: <NodeHeatmap nodes={allNodes} width={inner} maxRows={gridRows} />,
            // The grid and its legend line.
            aboveRows: gridRows + 1,
          }
        : {})}
    />
  );
}

export const NodesPane = memo(NodesPaneView);
