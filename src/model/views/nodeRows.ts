import type { NodeSummary } from "../nodes.js";
import { compareText } from "./compareText.js";
import { formatAge } from "./duration.js";
import { compareNodeStates } from "./nodeStateOrder.js";
import { formatCount } from "./numberFormat.js";
import type { CellValue, ColumnSpec } from "./tableLayout.js";

export type NodeColumnId =
  | "mark"
  | "id"
  | "state"
  | "timeInState"
  | "scheduling"
  | "runningTasks"
  | "startTask"
  | "kind"
  | "error";

/**
 * Priorities: which node, its state, for how long (a node stuck in starting is found by this) and
 * why it is unhealthy come first; the rest explains and can wait for a wider terminal.
 */
export const nodeColumns: readonly ColumnSpec<NodeColumnId>[] = [
  // Which nodes the next node action acts on must show at any width: admitted right after the id
  // (drawn before it), and never blank, so the layout measured before any mark keeps its cell.
  { id: "mark", title: "", minWidth: 1, maxWidth: 1, priority: 2 },
  { id: "id", title: "NODE", minWidth: 14, maxWidth: 48, priority: 1 },
  { id: "state", title: "STATE", minWidth: 15, maxWidth: 19, priority: 2 },
  { id: "timeInState", title: "FOR", minWidth: 6, maxWidth: 6, priority: 3, align: "right" },
  { id: "scheduling", title: "SCHED", minWidth: 8, maxWidth: 8, priority: 8 },
  { id: "runningTasks", title: "TASKS", minWidth: 5, maxWidth: 5, priority: 5, align: "right" },
  { id: "startTask", title: "START TASK", minWidth: 10, maxWidth: 18, priority: 7 },
  { id: "kind", title: "KIND", minWidth: 4, maxWidth: 9, priority: 6 },
  { id: "error", title: "ERROR", minWidth: 18, maxWidth: 32, priority: 4 },
];

export type NodeSortMode = "state" | "id" | "timeInState" | "runningTasks";

/** Nodes without a transition time sort after every node that has one. */
const unknownTime = Number.POSITIVE_INFINITY;

const comparators: Record<NodeSortMode, (a: NodeSummary, b: NodeSummary) => number> = {
  state: (a, b) => compareNodeStates(a.state, b.state) || compareText(a.id, b.id),
  id: (a, b) => compareText(a.id, b.id),
  // Longest in its state first: the earliest transition. It does not depend on the clock, so the
  // order is computed once per snapshot and stays right as seconds tick.
  timeInState: (a, b) =>
    (a.stateTransitionTime?.getTime() ?? unknownTime) - (b.stateTransitionTime?.getTime() ?? unknownTime) ||
    compareText(a.id, b.id),
  runningTasks: (a, b) => b.runningTasksCount - a.runningTasksCount || compareText(a.id, b.id),
};

/** Once per snapshot and sort change: a sorted copy. */
export function sortNodes(nodes: readonly NodeSummary[], mode: NodeSortMode): NodeSummary[] {
  return [...nodes].sort(comparators[mode]);
}

/**
 * The cells of one visible row, for the rows on screen only. Time in state grows with the clock, so
 * it reads coarsely ("40m"): past its first minute a row changes once a minute, not every second.
 */
export function nodeCells(node: NodeSummary, now: Date, marked = false): Record<NodeColumnId, CellValue> {
  return {
    mark: marked ? "*" : " ",
    id: node.id,
    state: [{ text: node.state, style: { kind: "nodeState", state: node.state } }],
    timeInState: node.stateTransitionTime
      ? formatAge(now.getTime() - node.stateTransitionTime.getTime())
      : "-",
    scheduling: node.schedulingState,
    runningTasks: formatCount(node.runningTasksCount),
    startTask: startTaskText(node),
    kind: node.isDedicated ? "dedicated" : "spot",
    error: node.errors[0]
      ? [{ text: node.errors[0].code, style: { kind: "token", token: "status.error" } }]
      : "",
  };
}

/** "completed", or "completed exit 1" when the start task's exit code says it did not succeed. */
function startTaskText(node: NodeSummary): string {
  if (!node.startTaskState) return "-";
  const exit = node.startTaskExitCode;
  return exit !== undefined && exit !== 0 ? `${node.startTaskState} exit ${exit}` : node.startTaskState;
}
