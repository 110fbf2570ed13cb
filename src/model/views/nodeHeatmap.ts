import type { NodeSummary } from "../nodes.js";
import { compareText } from "./compareText.js";
import { compareNodeStates } from "./nodeStateOrder.js";

export interface HeatmapCell {
  nodeId: string;
  /** The Batch node state: the theme's node look gives the cell its token and symbol. */
  state: string;
}

export interface HeatmapLegendEntry {
  state: string;
  count: number;
}

export interface NodeHeatmap {
  /** One cell per node, trouble first, then by id within a state; `width` cells to a row. */
  rows: HeatmapCell[][];
  /** The states present, in the cells' order, with how many nodes are in each. */
  legend: HeatmapLegendEntry[];
}

/**
 * The selected pool's nodes as a grid of cells, once per snapshot. The order depends only on state
 * and id, so a node keeps its place between polls unless its state changes, and the eye can follow it.
 */
export function nodeHeatmap(nodes: readonly NodeSummary[], width: number): NodeHeatmap {
  const cells = nodes
    .map((node) => ({ nodeId: node.id, state: node.state }))
    .sort((a, b) => compareNodeStates(a.state, b.state) || compareText(a.nodeId, b.nodeId));
  const perRow = Math.max(1, width);
  const rows: HeatmapCell[][] = [];
  for (let start = 0; start < cells.length; start += perRow) rows.push(cells.slice(start, start + perRow));
  const legend: HeatmapLegendEntry[] = [];
  for (const cell of cells) {
    const last = legend[legend.length - 1];
    if (last?.state === cell.state) last.count += 1;
    else legend.push({ state: cell.state, count: 1 });
  }
  return { rows, legend };
}
