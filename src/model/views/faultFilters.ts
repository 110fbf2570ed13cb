import { unhealthyNodeStates, type NodeSummary } from "../nodes.js";
import { isNodeStuck } from "../stuckNodes.js";
import type { JobView } from "./jobRows.js";
import type { PoolView } from "./poolRows.js";
import type { TaskView } from "./taskRows.js";

/*
 * What the faults-only toggle keeps in each pane. One predicate per pane, so the toggle, the pane
 * counts ("3 of 40") and the pane titles cannot disagree about what a fault is.
 */

/** A pool src/model/poolFaults.ts finds at fault; derivePoolViews weighs that once per snapshot. */
export function isPoolFaulty(view: PoolView): boolean {
  return view.faulty;
}

/** A node in a state it will not leave on its own, or stuck far longer than a passing state lasts. */
export function isNodeFaulty(node: NodeSummary, now: number): boolean {
  return unhealthyNodeStates.has(node.state.toLowerCase()) || isNodeStuck(node, now);
}

/** A job with failed tasks by Batch's task counts, which the store reads for every job. */
export function isJobFaulty(view: JobView): boolean {
  return (view.counts?.failed ?? 0) > 0;
}

/**
 * Failed by result or failureInfo, as deriveTaskViews decided once per snapshot: a task whose output
 * upload failed exits 0 and still failed.
 */
export function isTaskFaulty(view: TaskView): boolean {
  return view.failed;
}
