import type { JobState } from "../jobs.js";
import type { NodeState } from "../nodes.js";
import type { AllocationState } from "../pools.js";
import { sanitizeInline } from "../sanitize.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";
import type { GlyphSet } from "./glyphSupport.js";
import type { ThemeToken } from "./themeTokens.js";

/**
 * How a state shows on screen: a colour token plus a symbol and a word, so that colour is never the
 * only sign (colour-blind operators, NO_COLOR, a monochrome terminal). Every symbol is one column wide
 * and has a one-character ASCII stand-in for terminals without Unicode.
 */
export interface StateLook {
  token: ThemeToken;
  symbol: string;
  ascii: string;
  word: string;
}

const look = (token: ThemeToken, symbol: string, ascii: string, word: string): StateLook => ({
  token,
  symbol,
  ascii,
  word,
});

/** Node states: the heatmap draws the symbol, the list and the legend the word as well. */
export const nodeStateLooks: Readonly<Record<NodeState, StateLook>> = {
  idle: look("node.idle", "○", "o", "idle"),
  running: look("node.running", "●", "*", "running"),
  creating: look("node.creating", "◌", ".", "creating"),
  starting: look("node.starting", "◔", "s", "starting"),
  waitingforstarttask: look("node.waitingForStartTask", "◑", "w", "waiting for start task"),
  starttaskfailed: look("node.startTaskFailed", "!", "!", "start task failed"),
  unusable: look("node.unusable", "✗", "x", "unusable"),
  preempted: look("node.preempted", "↓", "p", "preempted"),
  leavingpool: look("node.leavingPool", "←", "<", "leaving pool"),
  offline: look("node.offline", "⊘", "-", "offline"),
  rebooting: look("node.rebooting", "↻", "r", "rebooting"),
  reimaging: look("node.reimaging", "⟲", "i", "reimaging"),
  unknown: look("node.unknown", "?", "?", "unknown"),
};

/** A task's state as operators read it: a completed task shows whether it succeeded or failed. */
export type TaskDisplayState = "active" | "preparing" | "running" | "succeeded" | "failed";

export const taskStateLooks: Readonly<Record<TaskDisplayState, StateLook>> = {
  active: look("task.active", "◌", ".", "active"),
  preparing: look("task.preparing", "◔", "p", "preparing"),
  running: look("task.running", "●", "*", "running"),
  succeeded: look("task.succeeded", "✓", "+", "succeeded"),
  failed: look("task.failed", "✗", "x", "failed"),
};

export const jobStateLooks: Readonly<Record<JobState, StateLook>> = {
  active: look("job.active", "●", "*", "active"),
  enabling: look("job.active", "◔", "e", "enabling"),
  disabling: look("job.disabled", "◑", "d", "disabling"),
  disabled: look("job.disabled", "‖", "|", "disabled"),
  terminating: look("job.terminating", "◌", "t", "terminating"),
  deleting: look("job.terminating", "×", "-", "deleting"),
  completed: look("job.completed", "✓", "+", "completed"),
};

export const allocationStateLooks: Readonly<Record<AllocationState, StateLook>> = {
  steady: look("pool.steady", "=", "=", "steady"),
  resizing: look("pool.resizing", "⇅", "~", "resizing"),
  stopping: look("pool.stopping", "■", "#", "stopping"),
};

/**
 * A state batchtop does not know (a newer API version may add some) still shows, with its own word.
 * The word came from Azure, so it is neutralised like any text from outside.
 */
function unlisted(token: ThemeToken, state: string): StateLook {
  return look(token, "?", "?", sanitizeInline(state));
}

function lookUp<K extends string>(
  table: Readonly<Record<K, StateLook>>,
  state: string,
): StateLook | undefined {
  return Object.hasOwn(table, state) ? table[state as K] : undefined;
}

export function nodeStateLook(state: string): StateLook {
  return lookUp(nodeStateLooks, state) ?? unlisted("node.unknown", state);
}

export function taskDisplayState(task: Pick<TaskRow, "state" | "result" | "failure">): string {
  if (task.state !== "completed") return task.state;
  return isTaskFailed(task) ? "failed" : "succeeded";
}

export function taskStateLook(task: Pick<TaskRow, "state" | "result" | "failure">): StateLook {
  const state = taskDisplayState(task);
  return lookUp(taskStateLooks, state) ?? unlisted("text.muted", state);
}

export function jobStateLook(state: string): StateLook {
  return lookUp(jobStateLooks, state) ?? unlisted("text.muted", state);
}

export function allocationStateLook(state: string): StateLook {
  return lookUp(allocationStateLooks, state) ?? unlisted("text.muted", state);
}

/** The symbol to draw for a state in a terminal with this glyph set. */
export function stateSymbol(stateLook: StateLook, glyphs: GlyphSet): string {
  return glyphs === "unicode" ? stateLook.symbol : stateLook.ascii;
}
