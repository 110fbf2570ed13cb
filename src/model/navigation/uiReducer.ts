import type { PaneId } from "../views/paneLayout.js";
import { textTop, type TextAnchor } from "../views/textView.js";
import { nextSort, type ListPane, type ListSortMode } from "./listSorts.js";
import type {
  DetailsTarget,
  Dialog,
  Flash,
  InputMode,
  ListState,
  LogState,
  PendingAction,
  StartTaskNode,
  UiState,
} from "./uiState.js";

export type UiAction =
  /** Tab, Shift-Tab or `:pools`: focus moves, nothing else changes. */
  | { type: "focus"; pane: PaneId }
  | { type: "select"; pane: ListPane; id: string | undefined; offset: number }
  /**
   * Enter, or landing on a `:find` result: select rows in the lists named, focus a pane, and
   * remember where this came from for Esc. `taskNode` narrows the tasks to one node's (Enter on a
   * node), or "clear" shows the whole job again (Enter on a job); left out, it stays as it was.
   */
  | {
      type: "drill";
      to: PaneId;
      select?: Partial<Record<ListPane, string>>;
      taskNode?: { id: string } | "clear";
    }
  /** `l` on a node: its start task output in the log pane, until a task is chosen or Esc. */
  | { type: "startTaskLog"; poolId: string; nodeId: string }
  | { type: "back" }
  | { type: "filter"; pane: ListPane; text: string }
  | { type: "toggleFaults"; pane: ListPane }
  | { type: "cycleSort"; pane: ListPane }
  | { type: "sort"; pane: ListPane; sort: ListSortMode }
  | { type: "log"; change: Partial<LogState> }
  | { type: "details"; target: DetailsTarget }
  | { type: "scrollDetails"; anchor: TextAnchor }
  /** j or k in `:doctor all`: the verdict the fix keys act on, scrolled into view. */
  | { type: "selectVerdict"; poolId: string; anchor: TextAnchor }
  | { type: "input"; input: InputMode }
  | { type: "flash"; flash: Flash | undefined }
  | { type: "dialog"; dialog: Dialog | undefined }
  | { type: "action-sent"; pending: PendingAction }
  /** The polls show it under way: said once, then watched until it settles. */
  | { type: "action-underway"; pending: PendingAction }
  | { type: "action-settled"; pending: PendingAction }
  /** Space on a node: marked, or unmarked if it was. A mark in another pool clears the old pool's. */
  | { type: "markNode"; poolId: string; nodeId: string }
  | { type: "clearNodeMarks" };

function withoutNodeMarks(state: UiState): UiState {
  const { nodeMarks: _cleared, ...rest } = state;
  return rest;
}

function toggleMark(state: UiState, poolId: string, nodeId: string): UiState {
  const before = state.nodeMarks?.poolId === poolId ? state.nodeMarks.nodeIds : [];
  const nodeIds = before.includes(nodeId) ? before.filter((id) => id !== nodeId) : [...before, nodeId];
  return nodeIds.length === 0 ? withoutNodeMarks(state) : { ...state, nodeMarks: { poolId, nodeIds } };
}

function withList(state: UiState, pane: ListPane, change: Partial<ListState>): UiState {
  return { ...state, lists: { ...state.lists, [pane]: { ...state.lists[pane], ...change } } };
}

/**
 * A new task on screen starts its log afresh: following, no search. The stream and wrap stay as the
 * operator chose them: stepping through failed tasks reading stderr keeps showing stderr.
 */
function freshLog(log: LogState): LogState {
  return { stream: log.stream, follow: true, wrap: log.wrap, anchor: textTop };
}

function select(state: UiState, pane: ListPane, id: string | undefined, offset?: number): UiState {
  const before = state.lists[pane].selectedId;
  let next = withList(state, pane, offset === undefined ? { selectedId: id } : { selectedId: id, offset });
  if (pane === "tasks" && before !== id) next = withoutStartTask({ ...next, log: freshLog(state.log) });
  return next;
}

/** What a breadcrumb keeps of the state it leaves: the node narrowing the tasks, the start task shown. */
function nodeOf(state: UiState): { taskNodeId?: string; startTaskNode?: StartTaskNode } {
  return {
    ...(state.taskNodeId !== undefined ? { taskNodeId: state.taskNodeId } : {}),
    ...(state.startTaskNode ? { startTaskNode: state.startTaskNode } : {}),
  };
}

/** Choosing a task puts its log back in the log pane. */
function withoutStartTask(state: UiState): UiState {
  if (!state.startTaskNode) return state;
  const { startTaskNode: _shown, ...rest } = state;
  return rest;
}

/** Every transition of the screen's own state; data never enters here, only ids and settings. */
export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case "focus":
      return { ...state, focused: action.pane };
    case "select":
      return select(state, action.pane, action.id, action.offset);
    case "drill": {
      let next: UiState = withoutStartTask({
        ...state,
        history: [...state.history, { focused: state.focused, ...nodeOf(state) }],
      });
      for (const [pane, id] of Object.entries(action.select ?? {}) as [ListPane, string][]) {
        next = select(next, pane, id);
      }
      if (action.taskNode === "clear") {
        const { taskNodeId: _dropped, ...withoutNode } = next;
        next = withoutNode;
      } else if (action.taskNode) {
        next = { ...next, taskNodeId: action.taskNode.id };
      }
      return { ...next, focused: action.to };
    }
    case "startTaskLog":
      return {
        ...state,
        startTaskNode: { poolId: action.poolId, nodeId: action.nodeId },
        log: freshLog(state.log),
        focused: "log",
        history: [...state.history, { focused: state.focused, ...nodeOf(state) }],
      };
    case "back": {
      // Esc first clears what narrows the focused list, as in k9s; then it walks back. Marks go
      // first of all: they decide what the next node action acts on.
      const pane = state.focused;
      if (pane === "nodes" && state.nodeMarks) return withoutNodeMarks(state);
      if (
        (pane === "pools" || pane === "nodes" || pane === "jobs" || pane === "tasks") &&
        state.lists[pane].filter
      )
        return withList(state, pane, { filter: "" });
      const last = state.history.at(-1);
      if (!last) return state;
      const { taskNodeId: _dropped, startTaskNode: _left, ...rest } = state;
      return {
        ...rest,
        ...(last.taskNodeId !== undefined ? { taskNodeId: last.taskNodeId } : {}),
        ...(last.startTaskNode ? { startTaskNode: last.startTaskNode } : {}),
        focused: last.focused,
        history: state.history.slice(0, -1),
      };
    }
    case "filter":
      return withList(state, action.pane, { filter: action.text });
    case "toggleFaults":
      return withList(state, action.pane, { faultsOnly: !state.lists[action.pane].faultsOnly });
    case "cycleSort":
      return withList(state, action.pane, { sort: nextSort(action.pane, state.lists[action.pane].sort) });
    case "sort":
      return withList(state, action.pane, { sort: action.sort });
    case "log":
      return { ...state, log: { ...state.log, ...action.change } };
    case "details":
      return {
        ...state,
        details: action.target,
        detailsAnchor: textTop,
        focused: "details",
        history: [...state.history, { focused: state.focused, ...nodeOf(state) }],
      };
    case "scrollDetails":
      return { ...state, detailsAnchor: action.anchor };
    case "selectVerdict":
      if (state.details?.pane !== "doctor") return state;
      return {
        ...state,
        details: { ...state.details, selected: action.poolId },
        detailsAnchor: action.anchor,
      };
    case "input":
      return { ...state, input: action.input };
    case "dialog": {
      if (action.dialog) return { ...state, dialog: action.dialog };
      const { dialog: _closed, ...rest } = state;
      return rest;
    }
    case "action-sent":
      return { ...state, pending: [...state.pending, action.pending] };
    case "action-underway":
      return {
        ...state,
        pending: state.pending.map((entry) =>
          entry === action.pending ? { ...entry, underway: true } : entry,
        ),
      };
    case "action-settled":
      return { ...state, pending: state.pending.filter((entry) => entry !== action.pending) };
    case "markNode":
      return toggleMark(state, action.poolId, action.nodeId);
    case "clearNodeMarks":
      return withoutNodeMarks(state);
    case "flash":
      if (action.flash === undefined) {
        const { flash: _cleared, ...rest } = state;
        return rest;
      }
      return { ...state, flash: action.flash };
  }
}
