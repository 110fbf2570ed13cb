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
  RecoveryChoice,
  StartTaskNode,
  TimelineTarget,
  UiState,
} from "./uiState.js";

/** The details targets whose lines are rows to select: `:changes` and `:runs all`. */
export type RowsTarget = Extract<DetailsTarget, { pane: "changes" | "accountRuns" }>;

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
  /** The answer of `:changes` or `:runs all`: only the opening that asked, if still shown, takes it. */
  | { type: "detailsRead"; opened: number; read: NonNullable<RowsTarget["read"]> }
  /** j or k in `:changes` or `:runs all`: the row Enter lands from, scrolled into view. */
  | { type: "selectDetailsRow"; selected: number; anchor: TextAnchor }
  /** `:timeline`'s keys: another bucket, range or event, in place (Esc still leaves the timeline). */
  | { type: "timeline"; target: TimelineTarget; anchor?: TextAnchor }
  | { type: "input"; input: InputMode }
  | { type: "flash"; flash: Flash | undefined }
  | { type: "dialog"; dialog: Dialog | undefined }
  | { type: "action-sent"; pending: PendingAction }
  /** The polls show it under way: said once, then watched until it settles. */
  | { type: "action-underway"; pending: PendingAction; progress: string }
  /** A recovery's new task is selected in place of the failed one: once. */
  | { type: "action-landed"; pending: PendingAction; taskId: string }
  | { type: "action-settled"; pending: PendingAction }
  /** Space on a node: marked, or unmarked if it was. A mark in another pool clears the old pool's. */
  | { type: "markNode"; poolId: string; nodeId: string }
  | { type: "clearNodeMarks" }
  /** Space on a task: marked, or unmarked if it was. A mark in another job clears the old job's. */
  | { type: "markTask"; jobId: string; taskId: string }
  | { type: "clearTaskMarks" }
  /** The pipeline runs of an R dialog were checked: only that dialog, if still open, takes the answer. */
  | { type: "rerunChecked"; taskIds: readonly string[]; recovery: RecoveryChoice };

function withoutNodeMarks(state: UiState): UiState {
  const { nodeMarks: _cleared, ...rest } = state;
  return rest;
}

function withoutTaskMarks(state: UiState): UiState {
  const { taskMarks: _cleared, ...rest } = state;
  return rest;
}

const toggled = (ids: readonly string[], id: string) =>
  ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];

function toggleMark(state: UiState, poolId: string, nodeId: string): UiState {
  const nodeIds = toggled(state.nodeMarks?.poolId === poolId ? state.nodeMarks.nodeIds : [], nodeId);
  return nodeIds.length === 0 ? withoutNodeMarks(state) : { ...state, nodeMarks: { poolId, nodeIds } };
}

function toggleTaskMark(state: UiState, jobId: string, taskId: string): UiState {
  const taskIds = toggled(state.taskMarks?.jobId === jobId ? state.taskMarks.taskIds : [], taskId);
  return taskIds.length === 0 ? withoutTaskMarks(state) : { ...state, taskMarks: { jobId, taskIds } };
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
      if (pane === "tasks" && state.taskMarks) return withoutTaskMarks(state);
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
    case "detailsRead": {
      const target = state.details;
      if ((target?.pane !== "changes" && target?.pane !== "accountRuns") || target.opened !== action.opened)
        return state;
      // The pane kind decides the answer's shape: each opening asks for its own kind only.
      return { ...state, details: { ...target, read: action.read } as RowsTarget };
    }
    case "selectDetailsRow": {
      const target = state.details;
      if (target?.pane !== "changes" && target?.pane !== "accountRuns") return state;
      return { ...state, details: { ...target, selected: action.selected }, detailsAnchor: action.anchor };
    }
    case "timeline":
      if (state.details?.pane !== "timeline") return state;
      return { ...state, details: action.target, detailsAnchor: action.anchor ?? state.detailsAnchor };
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
          entry === action.pending ? { ...entry, underway: action.progress } : entry,
        ),
      };
    case "action-landed":
      return {
        ...state,
        pending: state.pending.map((entry) =>
          entry === action.pending ? { ...entry, landedOn: action.taskId } : entry,
        ),
      };
    case "action-settled":
      return { ...state, pending: state.pending.filter((entry) => entry !== action.pending) };
    case "markNode":
      return toggleMark(state, action.poolId, action.nodeId);
    case "clearNodeMarks":
      return withoutNodeMarks(state);
    case "markTask":
      return toggleTaskMark(state, action.jobId, action.taskId);
    case "clearTaskMarks":
      return withoutTaskMarks(state);
    case "rerunChecked": {
      const dialog = state.dialog;
      if (dialog?.kind !== "rerun" || dialog.taskIds !== action.taskIds) return state;
      // A recovery found impossible leaves Batch's reactivate as the choice.
      const choice = action.recovery.state === "absent" ? "reactivate" : dialog.choice;
      return { ...state, dialog: { ...dialog, recovery: action.recovery, choice } };
    }
    case "flash":
      if (action.flash === undefined) {
        const { flash: _cleared, ...rest } = state;
        return rest;
      }
      return { ...state, flash: action.flash };
  }
}
