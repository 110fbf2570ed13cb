import { compareNodeStates } from "./nodeStateOrder.js";

export interface NodeBarSegment {
  /** The Batch node state, as the data plane spells it. */
  state: string;
  /** Nodes in this state. */
  count: number;
  /** Cells of the bar it takes. */
  cells: number;
}

/**
 * A pool's nodes as a bar of `cells` cells, each state's share proportional to its count (largest
 * remainder), trouble first. Every state present gets at least one cell while cells last, taken from
 * the widest segment: one unusable node among 500 must still show.
 */
export function nodeStateBar(byState: Readonly<Record<string, number>>, cells = 12): NodeBarSegment[] {
  const present = Object.entries(byState)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => compareNodeStates(a, b));
  const total = present.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0 || cells <= 0) return [];
  const segments = present.map(([state, count]) => {
    const exact = (count * cells) / total;
    return { state, count, cells: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = cells - segments.reduce((sum, segment) => sum + segment.cells, 0);
  for (const segment of [...segments].sort((a, b) => b.remainder - a.remainder)) {
    if (left === 0) break;
    segment.cells += 1;
    left -= 1;
  }
  for (const segment of segments) {
    if (segment.cells > 0) continue;
    const widest = segments.reduce((a, b) => (b.cells > a.cells ? b : a));
    if (widest.cells < 2) break;
    widest.cells -= 1;
    segment.cells = 1;
  }
  return segments.map(({ state, count, cells: segmentCells }) => ({ state, count, cells: segmentCells }));
}
