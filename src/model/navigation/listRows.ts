import type { NodeSummary } from "../nodes.js";
import { parseRowFilter } from "../keymap/rowFilter.js";
import { compareText } from "../views/compareText.js";
import { orphanedBy } from "../orphanedTasks.js";
import { isJobFaulty, isNodeFaulty, isPoolFaulty, isTaskFaulty } from "../views/faultFilters.js";
import type { JobView } from "../views/jobRows.js";
import { sortNodes, type NodeSortMode } from "../views/nodeRows.js";
import type { PoolView } from "../views/poolRows.js";
import { sortTaskViews, type TaskSortMode, type TaskView } from "../views/taskRows.js";
import type { JobSortMode, PoolSortMode } from "./listSorts.js";
import type { ListState } from "./uiState.js";

/** A list after its faults-only toggle, `/` filter and sort: what the pane draws and moves through. */
export interface ListRows<Row> {
  rows: readonly Row[];
  /** Before faults-only and the filter: the title says "3 of 120". */
  total: number;
  /** Set when the filter is not a valid regular expression and is matched as plain text. */
  filterNotice?: string;
}

/*
 * What `/` matches for each kind of row: the words an operator would type (ids, states, error
 * codes, names), not the formatted cells, so a filter does not depend on which columns fit.
 */
const poolText = (view: PoolView) =>
  `${view.id} ${view.pool.vmSize} ${view.allocation} ${view.pool.resizeErrors.map((error) => error.code).join(" ")}`;
const nodeText = (node: NodeSummary) =>
  `${node.id} ${node.state} ${node.schedulingState} ${node.isDedicated ? "dedicated" : "spot"} ${node.errors.map((error) => error.code).join(" ")}`;
const jobText = (view: JobView) => `${view.id} ${view.job.state} ${view.adfPool ?? view.job.poolId ?? ""}`;
const taskText = (view: TaskView) =>
  [
    view.id,
    view.task.state,
    view.failed ? "failed" : "",
    view.task.result ?? "",
    view.task.failure?.code ?? "",
    view.task.nodeId ?? "",
    view.run?.pipelineName ?? "",
    view.run?.activityName ?? "",
    // A task its activity run outlived: `/orphaned` lists them.
    orphanedBy(view.task, view.run) ? "orphaned" : "",
  ].join(" ");

function narrow<Row>(
  rows: readonly Row[],
  state: ListState,
  isFault: (row: Row) => boolean,
  text: (row: Row) => string,
): ListRows<Row> {
  const filter = parseRowFilter(state.filter);
  const kept = rows.filter((row) => (!state.faultsOnly || isFault(row)) && filter.matches(text(row)));
  return filter.notice === undefined
    ? { rows: kept, total: rows.length }
    : { rows: kept, total: rows.length, filterNotice: filter.notice };
}

const poolSorts: Record<PoolSortMode, (a: PoolView, b: PoolView) => number> = {
  id: (a, b) => compareText(a.id, b.id),
  faults: (a, b) => Number(isPoolFaulty(b)) - Number(isPoolFaulty(a)) || compareText(a.id, b.id),
  size: (a, b) =>
    b.pool.currentDedicatedNodes +
      b.pool.currentSpotNodes -
      (a.pool.currentDedicatedNodes + a.pool.currentSpotNodes) || compareText(a.id, b.id),
};

export function poolRows(views: readonly PoolView[], state: ListState): ListRows<PoolView> {
  const narrowed = narrow(views, state, isPoolFaulty, poolText);
  const sort = poolSorts[state.sort as PoolSortMode] ?? poolSorts.id;
  return { ...narrowed, rows: [...narrowed.rows].sort(sort) };
}

export function nodeRows(
  nodes: readonly NodeSummary[],
  state: ListState,
  now: number,
): ListRows<NodeSummary> {
  const narrowed = narrow(nodes, state, (node) => isNodeFaulty(node, now), nodeText);
  return { ...narrowed, rows: sortNodes(narrowed.rows, state.sort as NodeSortMode) };
}

const jobSorts: Record<Exclude<JobSortMode, "workload">, (a: JobView, b: JobView) => number> = {
  id: (a, b) => compareText(a.id, b.id),
  state: (a, b) => compareText(a.job.state, b.job.state) || compareText(a.id, b.id),
};

/** Jobs arrive ADF first (the "workload" order); the other orders sort a copy. */
export function jobRows(views: readonly JobView[], state: ListState): ListRows<JobView> {
  const narrowed = narrow(views, state, isJobFaulty, jobText);
  const sort =
    state.sort === "workload" ? undefined : jobSorts[state.sort as Exclude<JobSortMode, "workload">];
  return sort ? { ...narrowed, rows: [...narrowed.rows].sort(sort) } : narrowed;
}

/** `nodeId` keeps the tasks that ran on one node: where Enter on a node lands. */
export function taskRows(
  views: readonly TaskView[],
  state: ListState,
  now: Date,
  nodeId?: string,
): ListRows<TaskView> {
  const onNode = nodeId === undefined ? views : views.filter((view) => view.task.nodeId === nodeId);
  const narrowed = narrow(onNode, state, isTaskFaulty, taskText);
  return { ...narrowed, rows: sortTaskViews(narrowed.rows, state.sort as TaskSortMode, now) };
}
