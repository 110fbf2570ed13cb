import { unhealthyNodeStates, type NodeSummary } from "../nodes.js";
import { isNodeStuck } from "../stuckNodes.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";

/*
 * What the faults-only toggle keeps in each pane. One predicate per pane, so the toggle, the pane
 * counts ("3 of 40") and the pane titles cannot disagree about what a fault is.
 */

// Pools: src/model/poolFaults.ts, which weighs more than the pool itself.

/** A node in a state it will not leave on its own, or stuck far longer than a passing state lasts. */
export function isNodeFaulty(node: NodeSummary, now: number): boolean {
  return unhealthyNodeStates.has(node.state.toLowerCase()) || isNodeStuck(node, now);
}

/** Failed by result or failureInfo: a task whose output upload failed exits 0 and still failed. */
export function isTaskFaulty(task: TaskRow): boolean {
  return isTaskFailed(task);
}
