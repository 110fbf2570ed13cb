import type { NodeSortMode } from "../views/nodeRows.js";
import type { TaskSortMode } from "../views/taskRows.js";

/** The panes that are lists of Batch objects: they select, filter, sort and drill down. */
export type ListPane = "pools" | "nodes" | "jobs" | "tasks";
export const listPanes: readonly ListPane[] = ["pools", "nodes", "jobs", "tasks"];

export function isListPane(pane: string): pane is ListPane {
  return (listPanes as readonly string[]).includes(pane);
}

export type PoolSortMode = "id" | "faults" | "size";
export type JobSortMode = "workload" | "id" | "state";
export type ListSortMode = PoolSortMode | NodeSortMode | JobSortMode | TaskSortMode;

/**
 * The orders `s` steps through, the first being the default. Nodes start by state (trouble first)
 * and tasks by most recent change: what an operator in an incident wants at the top.
 */
export const sortCycles: Readonly<Record<ListPane, readonly ListSortMode[]>> = {
  pools: ["id", "faults", "size"] satisfies PoolSortMode[],
  nodes: ["state", "timeInState", "id", "runningTasks"] satisfies NodeSortMode[],
  jobs: ["workload", "id", "state"] satisfies JobSortMode[],
  tasks: ["recent", "failures", "duration", "overrun", "start", "id", "pipeline"] satisfies TaskSortMode[],
};

export const defaultSorts: Readonly<Record<ListPane, ListSortMode>> = {
  pools: "id",
  nodes: "state",
  jobs: "workload",
  tasks: "recent",
};

/** How the pane title names an order: "by time in state". */
export const sortLabels: Readonly<Record<ListSortMode, string>> = {
  id: "id",
  faults: "faults first",
  size: "size",
  state: "state",
  timeInState: "time in state",
  runningTasks: "running tasks",
  workload: "ADF first",
  recent: "latest change",
  failures: "failures first",
  duration: "duration",
  overrun: "× usual duration",
  start: "start time",
  pipeline: "pipeline",
};

export function nextSort(pane: ListPane, current: ListSortMode): ListSortMode {
  const cycle = sortCycles[pane];
  const index = cycle.indexOf(current);
  return cycle[(index + 1) % cycle.length] ?? defaultSorts[pane];
}
