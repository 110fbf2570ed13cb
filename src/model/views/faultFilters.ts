import { unhealthyNodeStates, type NodeSummary } from "../nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../pools.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";

/*
 * What the faults-only toggle keeps in each pane. One predicate per pane, so the toggle, the pane
 * counts ("3 of 40") and the pane titles cannot disagree about what a fault is.
 */

/** A pool with a resize error or any node in a state that will not recover on its own. */
export function isPoolFaulty(pool: PoolSummary, counts: PoolNodeCounts | undefined): boolean {
  if (pool.resizeErrors.length > 0) return true;
  if (!counts) return false;
  return Object.entries(counts.byState).some(([state, count]) => count > 0 && unhealthyNodeStates.has(state));
}

export function isNodeFaulty(node: NodeSummary): boolean {
  return unhealthyNodeStates.has(node.state.toLowerCase());
}

/** Failed by result or failureInfo: a task whose output upload failed exits 0 and still failed. */
export function isTaskFaulty(task: TaskRow): boolean {
  return isTaskFailed(task);
}
