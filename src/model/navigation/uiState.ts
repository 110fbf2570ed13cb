import type { ActionPlan } from "../actions/actionPlan.js";
import type { CyclePlan } from "../actions/cyclePlan.js";
import type { AutoscaleDialog } from "../actions/autoscalePlan.js";
import type { NodeDeallocationOption } from "../pools.js";
import type { IdentityCatalogue } from "../actions/identityPlan.js";
import type { SentPlan } from "../actions/planOutcome.js";
import type { ChangesReport } from "../changes.js";
import type { AccountRunsRead, DetailsRead } from "../views/detailsRows.js";
import type { LogSearchQuery } from "../views/logSearch.js";
import type { TimelineRange } from "../timeline.js";
import type { PaneId } from "../views/paneLayout.js";
import type { TextAnchor } from "../views/textView.js";
import { textTop } from "../views/textView.js";
import type { ListSortMode, ListPane } from "./listSorts.js";
import { defaultSorts } from "./listSorts.js";

/** A list's own view settings: what it selects, how it scrolls, filters and sorts. */
export interface ListState {
  /** By id, so the selection stays on the same pool, node, job or task as rows reorder. */
  selectedId?: string | undefined;
  /** The first row drawn; the viewport keeps the selection in sight. */
  offset: number;
  /** The `/` filter as typed ("" for none; a leading `!` inverts). */
  filter: string;
  faultsOnly: boolean;
  sort: ListSortMode;
}

/**
 * What the details pane shows: the object selected where `d` was pressed, read live from each
 * snapshot, or lines read once (`:audit`, `:runs`), under a title.
 */
export type DetailsTarget =
  | { pane: ListPane; id: string }
  | { pane: "text"; title: string; lines: readonly string[] }
  /** `:runs`: the job's pipeline runs, drawn from each new answer of Log Analytics. */
  | { pane: "runs"; jobId: string }
  /**
   * `:doctor`: the identity doctor's verdicts for one pool or (no poolId) every pool, live. `selected`
   * is the pool whose verdict the fix keys act on (j and k move it); unset, the first that needs
   * attention.
   */
  | { pane: "doctor"; poolId?: string; selected?: string }
  /**
   * `:changes [30m]`: what changed in the window, read once when opened (`read` absent meanwhile);
   * `selected` is the row Enter lands from. `opened` tells this opening's answer from an earlier one.
   */
  | { pane: "changes"; sinceMs: number; opened: number; selected: number; read?: DetailsRead<ChangesReport> }
  /** `:runs all [words]`: the workspace's activity runs, read once, filtered by the words. */
  | {
      pane: "accountRuns";
      filter: readonly string[];
      opened: number;
      selected: number;
      read?: DetailsRead<AccountRunsRead>;
    }
  | TimelineTarget;

/**
 * `:timeline`: failures and pool events per time bucket over `range`. `bucket` is the selected
 * bucket's index (← →, the last holds now); after Enter, `events` are that bucket's, one selected (j k).
 */
export interface TimelineTarget {
  pane: "timeline";
  range: TimelineRange;
  bucket: number;
  events?: { startMs: number; endMs: number; selected: number };
}

/**
 * `I`'s picker: the identities to attach to a pool (read through ARM when it opens, `catalogue`
 * absent until then), or a resource id typed or pasted into its last row.
 */
export interface IdentityPicker {
  kind: "identity-picker";
  poolId: string;
  /** Tells this opening's read from an earlier one still answering. */
  opened: number;
  catalogue?: IdentityCatalogue;
  /** Why the catalogue could not be read. */
  loadError?: string;
  /** `/` is being typed into the filter. */
  filtering: boolean;
  filter: string;
  /** The row selected; the one past the identities is the resource id field. */
  selected: number;
  typedId: string;
  /** What is wrong with the typed id, or with the choice, on one line. */
  problem?: string;
  focus: number;
}

/**
 * An open confirmation dialog. A resize asks for the new targets first (as typed, checked on
 * Apply), then what becomes of tasks on removed nodes and the timeout; the others show their plan.
 * `focus` indexes the fields, then Cancel, then Apply. A plan with a typed confirmation (removing an
 * identity) has that field first, as `typed`; a node action's choice for running tasks comes after
 * Cancel, so the dialog still opens on Cancel.
 */
export type Dialog =
  | {
      kind: "rescale";
      poolId: string;
      dedicated: string;
      spot: string;
      /** What becomes of tasks on nodes a shrink removes. */
      deallocation: NodeDeallocationOption;
      /** The resize timeout in minutes, as typed; empty for the service's default. */
      timeout: string;
      focus: number;
    }
  | { kind: "confirm"; plan: ActionPlan; focus: number; typed?: string }
  /** A node cycle: Cancel first, then the deallocation choice, the typed pool id (tasks running), Cycle. */
  | { kind: "cycle"; plan: CyclePlan; typed: string; focus: number }
  /** A cycle an earlier session (or a failed step) left unfinished: Cancel, Abandon, Finish. */
  | { kind: "cycle-unfinished"; poolId: string; focus: number }
  | RerunDialog
  | IdentityPicker
  | AutoscaleDialog;

/** An action that was sent and has not settled in the polls yet. */
export interface PendingAction extends SentPlan {
  /** The progress last told to the operator, once the polls showed it under way (a resize resizing). */
  underway?: string;
  /** A recovery's new task, once the selection was moved onto it. */
  landedOn?: string;
}

export interface LogState {
  stream: "stdout" | "stderr";
  follow: boolean;
  wrap: boolean;
  /** The scroll position when not following. */
  anchor: TextAnchor;
  search?: { query: LogSearchQuery; current?: number } | undefined;
}

/** What the keyboard is typing into, when it is not driving the panes. */
export type InputMode =
  | { kind: "panes" }
  | { kind: "command"; text: string; candidates: readonly string[] }
  | { kind: "filter"; pane: ListPane; text: string; before: string }
  | { kind: "search"; text: string }
  | { kind: "help"; offset: number };

export interface Flash {
  text: string;
  kind: "info" | "error";
  /**
   * The pool whose node cycle this line offers ("press C to cycle"): `C` pressed while the line
   * shows cycles that pool, wherever the selection has moved since.
   */
  cycleOffer?: string;
}

/** One step of a drill-down, so Esc can undo it. */
export interface Breadcrumb {
  focused: PaneId;
  taskNodeId?: string;
  startTaskNode?: StartTaskNode;
}

/** A node whose start task output the log pane shows (`l` on a node) instead of a task's log. */
export interface StartTaskNode {
  poolId: string;
  nodeId: string;
}

/** Nodes marked with space: the node actions act on all of them. Marks belong to one pool. */
export interface NodeMarks {
  poolId: string;
  nodeIds: readonly string[];
}

/** Tasks marked with space: R re-runs all of them. Marks belong to one job. */
export interface TaskMarks {
  jobId: string;
  taskIds: readonly string[];
}

/** Whether the recovery run (R's first choice) can be offered, as far as batchtop has found out. */
export type RecoveryChoice =
  /** Asking the factories or workspaces whether the pipeline runs can be recovered. */
  | { state: "checking" }
  /** `leftOut`: marked tasks it does not cover, with why. */
  | { state: "ready"; plan: ActionPlan; leftOut: readonly string[] }
  | { state: "absent"; reason: string };

/**
 * R: both re-runs of failed tasks side by side, the recovery run of their pipeline runs and Batch's
 * reactivate, each with what it does. Cancel first, then the choice, then Apply.
 */
export interface RerunDialog {
  kind: "rerun";
  jobId: string;
  taskIds: readonly string[];
  recovery: RecoveryChoice;
  /** Batch's reactivate, or why Batch would refuse it. */
  reactivate: { plan: ActionPlan } | { problem: string };
  choice: "recovery" | "reactivate";
  focus: number;
}

/** Everything the screen remembers besides the data: pure, so every transition is unit-tested. */
export interface UiState {
  focused: PaneId;
  lists: Readonly<Record<ListPane, ListState>>;
  /** Tasks shown only for this node (Enter on a node): the tasks that ran there. */
  taskNodeId?: string;
  startTaskNode?: StartTaskNode;
  log: LogState;
  details?: DetailsTarget;
  detailsAnchor: TextAnchor;
  input: InputMode;
  dialog?: Dialog;
  nodeMarks?: NodeMarks;
  taskMarks?: TaskMarks;
  /** Sent actions, oldest first, until the polls show how each ended. */
  pending: readonly PendingAction[];
  flash?: Flash;
  history: readonly Breadcrumb[];
}

function listState(pane: ListPane): ListState {
  return { offset: 0, filter: "", faultsOnly: false, sort: defaultSorts[pane] };
}

export const initialUiState: UiState = {
  focused: "pools",
  lists: {
    pools: listState("pools"),
    nodes: listState("nodes"),
    jobs: listState("jobs"),
    tasks: listState("tasks"),
  },
  log: { stream: "stdout", follow: true, wrap: false, anchor: textTop },
  detailsAnchor: textTop,
  input: { kind: "panes" },
  pending: [],
  history: [],
};
