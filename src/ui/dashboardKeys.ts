import type { Key } from "ink";
import type { Dispatch } from "react";
import { parseCommandLine, completeCommandLine } from "../model/keymap/commandLine.js";
import { commands, type CommandId } from "../model/keymap/commands.js";
import { looksLikeActivityRunId } from "../model/keymap/findTarget.js";
import { keyNameOf } from "../model/keymap/keyNames.js";
import { sanitizeInline } from "../model/sanitize.js";
import type { Keymap } from "../model/keymap/keymap.js";
import { editText } from "../model/keymap/textEdit.js";
import { isListPane, nextSort, sortLabels, type ListPane } from "../model/navigation/listSorts.js";
import type { UiAction } from "../model/navigation/uiReducer.js";
import type { Dialog, UiState } from "../model/navigation/uiState.js";
import {
  describePlan,
  rebootPlan,
  rerunPlan,
  rescalePlan,
  type ActionPlan,
  type Planned,
} from "../model/actions/actionPlan.js";
import { JournalError } from "../actions/actionRunner.js";
import { dialogFocus, dialogFocusCount } from "./dialogs/ActionDialog.js";
import type { Theme } from "../model/theme/theme.js";
import { adfPoolName } from "../model/views/jobRows.js";
import {
  compileSearch,
  findLogMatches,
  firstMatchFrom,
  stepMatch,
  type LogMatches,
} from "../model/views/logSearch.js";
import { paneFocusOrder, type PaneId } from "../model/views/paneLayout.js";
import {
  anchorShowing,
  bottomAnchor,
  scrollText,
  textTop,
  type TextAnchor,
} from "../model/views/textView.js";
import { moveInList, type ListMove } from "../model/views/viewport.js";
import type { DashboardSnapshot, DashboardStore } from "../store/dashboardStore.js";
import type { DashboardServices } from "./Dashboard.js";
import { findAndLand } from "./findAndLand.js";
import { detailsGeometry } from "./panes/DetailsPane.js";
import { logGeometry } from "./panes/LogPane.js";
import { paneBodyHeight } from "./panes/PaneFrame.js";
import type { DashboardData } from "./useDashboardData.js";

/** Everything a key can read or change, gathered once per render. */
export interface KeyContext {
  /** The screen's state as the last key left it (not as the last frame drew it). */
  readonly ui: UiState;
  dispatch: Dispatch<UiAction>;
  data: DashboardData;
  snapshot: DashboardSnapshot;
  store: DashboardStore;
  keymap: Keymap;
  services: DashboardServices;
  setTheme(theme: Theme): void;
  exit(): void;
  placements: ReadonlyMap<PaneId, { width: number; height: number }>;
  lines: readonly string[];
  details: readonly string[];
  found?: LogMatches;
  helpLength: number;
  readOnlySource?: string;
}

const info = (ctx: KeyContext, text: string) =>
  ctx.dispatch({ type: "flash", flash: { text, kind: "info" } });
const fail = (ctx: KeyContext, text: string) =>
  ctx.dispatch({ type: "flash", flash: { text, kind: "error" } });

const listMoves: Partial<Record<CommandId, ListMove>> = {
  "nav.up": "up",
  "nav.down": "down",
  "nav.pageUp": "pageUp",
  "nav.pageDown": "pageDown",
  "nav.top": "top",
  "nav.bottom": "bottom",
};

/**
 * The row selected in a list as the last key left it: the id is live, the rows are the last
 * frame's (a filter typed in the same burst is drawn before anything acts on it).
 */
function selected<P extends ListPane>(ctx: KeyContext, pane: P): DashboardData[P]["selectedRow"] {
  const list = ctx.data[pane];
  const id = ctx.ui.lists[pane].selectedId;
  const at = id === undefined ? undefined : list.index.get(id);
  return (at === undefined ? list.selectedRow : list.rows[at]) as DashboardData[P]["selectedRow"];
}

/** Rows a list pane shows, for paging; a pane not drawn now pages by ten. */
function listHeight(ctx: KeyContext, pane: ListPane): number {
  const placement = ctx.placements.get(pane);
  return placement ? Math.max(1, paneBodyHeight(placement.height) - 2) : 10;
}

function moveList(ctx: KeyContext, pane: ListPane, move: ListMove): void {
  const list = ctx.data[pane];
  if (list.rows.length === 0) return;
  // From the selection the last key made, which the last frame may not show yet.
  const id = ctx.ui.lists[pane].selectedId;
  const at = (id === undefined ? undefined : list.index.get(id)) ?? list.selected;
  const view = moveInList(
    list.rows.length,
    { selected: at, offset: ctx.ui.lists[pane].offset },
    listHeight(ctx, pane),
    move,
  );
  ctx.dispatch({ type: "select", pane, id: list.rows[view.selected]?.id, offset: view.offset });
}

/** Scrolling text (log or details): a row, a page, or to either end. */
function scrollBy(
  lines: readonly string[],
  geometry: { width: number; height: number; wrap: boolean },
  anchor: TextAnchor,
  move: ListMove,
): TextAnchor {
  if (move === "top") return textTop;
  if (move === "bottom") return bottomAnchor(lines, geometry);
  const page = Math.max(1, geometry.height - 1);
  const delta = { up: -1, down: 1, pageUp: -page, pageDown: page }[move];
  return scrollText(lines, geometry, anchor, delta);
}

function moveLog(ctx: KeyContext, move: ListMove): void {
  const placement = ctx.placements.get("log");
  if (!placement) return;
  const geometry = logGeometry(placement.width, placement.height, ctx.ui.log.wrap);
  // While following, the view sits at the bottom: scrolling starts from there.
  const from = ctx.ui.log.follow ? bottomAnchor(ctx.lines, geometry) : ctx.ui.log.anchor;
  const anchor = scrollBy(ctx.lines, geometry, from, move);
  ctx.dispatch({ type: "log", change: { anchor, follow: move === "bottom" } });
}

function moveDetails(ctx: KeyContext, move: ListMove): void {
  const placement = ctx.placements.get("details");
  if (!placement) return;
  const geometry = detailsGeometry(placement.width, placement.height);
  ctx.dispatch({
    type: "scrollDetails",
    anchor: scrollBy(ctx.details, geometry, ctx.ui.detailsAnchor, move),
  });
}

/** Enter: one step down the drill-down, pool → nodes → tasks on that node, job → tasks → log. */
function drillDown(ctx: KeyContext): void {
  switch (ctx.ui.focused) {
    case "pools":
      if (selected(ctx, "pools")) ctx.dispatch({ type: "drill", to: "nodes" });
      return;
    case "nodes": {
      const pool = selected(ctx, "pools")?.id;
      const node = selected(ctx, "nodes");
      if (!pool || !node) return;
      // ADF and Synapse run a pool's work in `adfv2-<pool>`; any other job on the pool comes next.
      const jobs = ctx.snapshot.overview.data?.jobs ?? [];
      const job =
        jobs.find((candidate) => adfPoolName(candidate.id) === pool) ??
        jobs.find((candidate) => candidate.poolId === pool);
      if (!job) {
        fail(ctx, `no job runs on ${pool}, so no task ran on ${node.id}`);
        return;
      }
      ctx.dispatch({ type: "drill", to: "tasks", select: { jobs: job.id }, taskNode: { id: node.id } });
      return;
    }
    case "jobs":
      if (selected(ctx, "jobs")) ctx.dispatch({ type: "drill", to: "tasks", taskNode: "clear" });
      return;
    case "tasks":
      if (selected(ctx, "tasks")) ctx.dispatch({ type: "drill", to: "log" });
      return;
    default:
      return;
  }
}

function cycleFocus(ctx: KeyContext, step: 1 | -1): void {
  const index = paneFocusOrder.indexOf(ctx.ui.focused);
  const next = paneFocusOrder[(index + step + paneFocusOrder.length) % paneFocusOrder.length];
  if (next) ctx.dispatch({ type: "focus", pane: next });
}

/** What to do instead, for the action this version cannot take yet. */
function notYet(ctx: KeyContext, command: CommandId): string {
  const pool = selected(ctx, "pools")?.id ?? "<pool>";
  return command === "pool.attachIdentity"
    ? `attaching identities from batchtop is not built yet; meanwhile send ${pool}'s full identity set through ARM, then scale it to 0 and back`
    : `${command} is not available`;
}

/** S, B or R: the dialog that shows the plan (and, for a resize, asks for the targets). */
function openActionDialog(ctx: KeyContext, command: "pool.rescale" | "node.reboot" | "task.rerun"): void {
  if (!ctx.services.actions) return fail(ctx, "read-only: nothing can be changed from this session");
  const open = (planned: Planned) =>
    "plan" in planned
      ? ctx.dispatch({ type: "dialog", dialog: { kind: "confirm", plan: planned.plan, focus: 0 } })
      : fail(ctx, planned.problem);
  if (command === "pool.rescale") {
    const pool = selected(ctx, "pools")?.pool;
    if (!pool) return info(ctx, "select a pool to resize");
    return ctx.dispatch({
      type: "dialog",
      dialog: {
        kind: "rescale",
        poolId: pool.id,
        dedicated: String(pool.targetDedicatedNodes),
        spot: String(pool.targetSpotNodes),
        focus: 0,
      },
    });
  }
  if (command === "node.reboot") {
    const pool = selected(ctx, "pools")?.id;
    const node = selected(ctx, "nodes");
    if (!pool || !node) return info(ctx, "select a node to reboot");
    return open(rebootPlan(pool, node));
  }
  const job = selected(ctx, "jobs")?.id;
  const task = selected(ctx, "tasks")?.task;
  if (!job || !task) return info(ctx, "select a task to run again");
  open(rerunPlan(job, task));
}

/** Sends a confirmed plan once; the polls that follow say whether Azure took it. */
async function execute(ctx: KeyContext, plan: ActionPlan): Promise<void> {
  const runner = ctx.services.actions;
  if (!runner) return fail(ctx, "read-only: nothing can be changed from this session");
  const { title } = describePlan(plan);
  info(ctx, `${title}: sending…`);
  try {
    await runner.execute(plan);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof JournalError)) return fail(ctx, `${title}: refused: ${message}`);
    fail(ctx, `${title}: ${message}`);
  }
  ctx.dispatch({ type: "pending", pending: { plan, sentAt: Date.now() } });
  if (!(ctx.ui.flash?.kind === "error")) info(ctx, `${title}: sent; waiting for the account to show it`);
  ctx.store.refresh();
}

/** Keys while a dialog is open: it is modal, and Enter on Apply is the only way to send anything. */
function handleDialog(ctx: KeyContext, input: string, key: Key): void {
  const dialog = ctx.ui.dialog;
  if (!dialog) return;
  const close = () => ctx.dispatch({ type: "dialog", dialog: undefined });
  const count = dialogFocusCount(dialog);
  const moveFocus = (step: number) =>
    ctx.dispatch({ type: "dialog", dialog: { ...dialog, focus: (dialog.focus + step + count) % count } });
  const outcome = ctx.keymap.resolve(keyNameOf(input, key), "dialogs");
  const focus = dialogFocus(dialog);
  if (outcome.kind === "command") {
    switch (outcome.command) {
      case "dialog.cancel":
        close();
        return info(ctx, "cancelled: nothing was changed");
      case "focus.next":
        return moveFocus(1);
      case "focus.previous":
        return moveFocus(-1);
      case "dialog.confirm":
        if (focus === "cancel") {
          close();
          return info(ctx, "cancelled: nothing was changed");
        }
        // Enter in a field goes on to the next one; only Apply sends.
        if (focus !== "apply") return moveFocus(1);
        return applyDialog(ctx, dialog);
      default:
        return;
    }
  }
  if (dialog.kind === "rescale" && (focus === "dedicated" || focus === "spot")) {
    const edit = editText(dialog[focus], input, key);
    if (edit.kind === "text")
      ctx.dispatch({ type: "dialog", dialog: { ...dialog, [focus]: edit.text.replace(/\D/g, "") } });
  }
}

function applyDialog(ctx: KeyContext, dialog: Dialog): void {
  let plan: ActionPlan;
  if (dialog.kind === "confirm") plan = dialog.plan;
  else {
    const pool = ctx.snapshot.overview.data?.pools.find((candidate) => candidate.id === dialog.poolId);
    if (!pool) return fail(ctx, `pool ${dialog.poolId} is no longer in the account`);
    const planned = rescalePlan(pool, dialog.dedicated, dialog.spot);
    if ("problem" in planned) return fail(ctx, planned.problem);
    plan = planned.plan;
  }
  ctx.dispatch({ type: "dialog", dialog: undefined });
  void execute(ctx, plan);
}

function searchStep(ctx: KeyContext, direction: 1 | -1): void {
  const search = ctx.ui.log.search;
  const placement = ctx.placements.get("log");
  if (!search || !ctx.found || !placement) {
    info(ctx, "no search yet: press / in the log to search");
    return;
  }
  const current = stepMatch(ctx.found.matches.length, search.current, direction);
  const match = current === undefined ? undefined : ctx.found.matches[current];
  if (current === undefined || !match) {
    fail(ctx, `no match for ${search.query.text}`);
    return;
  }
  const geometry = logGeometry(placement.width, placement.height, ctx.ui.log.wrap);
  ctx.dispatch({
    type: "log",
    change: {
      search: { ...search, current },
      follow: false,
      anchor: anchorShowing(ctx.lines, geometry, match.line, match.start),
    },
  });
}

async function saveLog(ctx: KeyContext): Promise<void> {
  const task = selected(ctx, "tasks")?.id;
  if (!task || ctx.lines.length === 0) {
    info(ctx, "nothing to save: the log is empty");
    return;
  }
  try {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const path = await ctx.services.saveLog(`${task}-${ctx.ui.log.stream}-${stamp}.log`, ctx.lines);
    info(ctx, `saved ${ctx.lines.length.toLocaleString("en-US")} lines to ${path}`);
  } catch (error) {
    fail(ctx, `could not save the log: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One named command, pressed in the focused pane. */
function runCommand(ctx: KeyContext, command: CommandId): void {
  const { ui, dispatch } = ctx;
  const pane = ui.focused;
  const move = listMoves[command];
  if (move) {
    if (isListPane(pane)) moveList(ctx, pane, move);
    else if (pane === "log") moveLog(ctx, move);
    else if (pane === "details") moveDetails(ctx, move);
    return;
  }
  switch (command) {
    case "nav.drillDown":
      return drillDown(ctx);
    case "nav.back":
      return dispatch({ type: "back" });
    case "focus.next":
      return cycleFocus(ctx, 1);
    case "focus.previous":
      return cycleFocus(ctx, -1);
    case "mode.command":
      return dispatch({ type: "input", input: { kind: "command", text: "", candidates: [] } });
    case "mode.filter":
      if (isListPane(pane)) {
        const before = ui.lists[pane].filter;
        dispatch({ type: "input", input: { kind: "filter", pane, text: before, before } });
      }
      return;
    case "view.faultsOnly":
      if (isListPane(pane)) dispatch({ type: "toggleFaults", pane });
      return;
    case "view.sort":
      if (isListPane(pane)) {
        dispatch({ type: "cycleSort", pane });
        info(ctx, `${pane} sorted by ${sortLabels[nextSort(pane, ui.lists[pane].sort)]}`);
      }
      return;
    case "nodes.sortByTimeInState":
      return dispatch({
        type: "sort",
        pane: "nodes",
        sort: ui.lists.nodes.sort === "timeInState" ? "state" : "timeInState",
      });
    case "view.details": {
      if (!isListPane(pane)) return;
      const id = selected(ctx, pane)?.id;
      if (id === undefined) info(ctx, "nothing selected to show");
      else dispatch({ type: "details", target: { pane, id } });
      return;
    }
    case "log.toggleStream":
      return dispatch({
        type: "log",
        change: { stream: ui.log.stream === "stdout" ? "stderr" : "stdout", follow: true, anchor: textTop },
      });
    case "log.follow": {
      const placement = ctx.placements.get("log");
      // Pausing keeps the view where it is rather than jumping to the top.
      const anchor =
        ui.log.follow && placement
          ? bottomAnchor(ctx.lines, logGeometry(placement.width, placement.height, ui.log.wrap))
          : ui.log.anchor;
      return dispatch({ type: "log", change: { follow: !ui.log.follow, anchor } });
    }
    case "log.wrap":
      return dispatch({ type: "log", change: { wrap: !ui.log.wrap } });
    case "log.search":
      return dispatch({ type: "input", input: { kind: "search", text: ui.log.search?.query.text ?? "" } });
    case "log.searchNext":
      return searchStep(ctx, 1);
    case "log.searchPrevious":
      return searchStep(ctx, -1);
    case "log.save":
      void saveLog(ctx);
      return;
    case "pool.rescale":
    case "node.reboot":
    case "task.rerun":
      return openActionDialog(ctx, command);
    case "pool.attachIdentity":
      return info(ctx, notYet(ctx, command));
    case "app.help":
      return dispatch({ type: "input", input: { kind: "help", offset: 0 } });
    case "app.refresh":
      ctx.store.refresh();
      return info(ctx, "polling now");
    case "app.quit":
      return ctx.exit();
    default:
      return;
  }
}

async function switchTheme(ctx: KeyContext, name: string): Promise<void> {
  try {
    ctx.setTheme(await ctx.services.themes.load(name));
    info(ctx, `theme ${name}`);
  } catch (error) {
    fail(ctx, error instanceof Error ? error.message : String(error));
  }
}

const viewPanes: Record<string, PaneId> = {
  pools: "pools",
  nodes: "nodes",
  jobs: "jobs",
  tasks: "tasks",
  logs: "log",
};

/** How many journal lines `:audit` shows: the latest, newest first. */
const auditLines = 200;

/** `:audit`: what this user sent from batchtop, newest first, in the details pane. */
async function showAudit(ctx: KeyContext): Promise<void> {
  const journal = ctx.services.audit;
  if (!journal) return fail(ctx, "no audit journal in this session");
  try {
    const entries = await journal.recent(auditLines);
    const lines =
      entries.length === 0
        ? [`nothing sent from batchtop yet; ${journal.shownAs} records every change it sends`]
        : entries.map((entry) =>
            sanitizeInline(
              `${entry.time} ${entry.outcome === "sent" ? "sent  " : "FAILED"} ${entry.target}: ${entry.changes.join("; ")}${entry.error ? ` (${entry.error})` : ""}`,
            ),
          );
    ctx.dispatch({ type: "details", target: { pane: "text", title: "the audit journal", lines } });
  } catch (error) {
    fail(ctx, `could not read ${journal.shownAs}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `:runs`: the pipeline runs Log Analytics knows for the selected job's latest tasks, newest first,
 * as they stood at the last query (it lags the Batch service by minutes, and says so).
 */
function showRuns(ctx: KeyContext): void {
  const job = ctx.snapshot.focus.jobId;
  const runs = ctx.snapshot.runs;
  if (!job) return info(ctx, "select a job to see its pipeline runs");
  if (!runs.data) {
    return fail(
      ctx,
      runs.error
        ? `Log Analytics did not answer: ${runs.error}`
        : runs.loading
          ? "asking Log Analytics for this job's pipeline runs; try again in a moment"
          : "no Log Analytics workspace is set: --workspace-id (BATCHTOP_WORKSPACE_ID) turns pipeline runs on",
    );
  }
  const items = [...runs.data.byActivityRunId.values()].sort(
    (a, b) => (b.start?.getTime() ?? 0) - (a.start?.getTime() ?? 0),
  );
  const lines = [
    `${items.length} activity runs of the latest tasks of ${job}, from Log Analytics (minutes behind Batch)`,
    ...runs.data.warnings.map((warning) => `warning: ${warning}`),
    "",
    ...items.map((run) =>
      sanitizeInline(
        `${run.start?.toISOString() ?? "not started"}  ${run.status.padEnd(10)} ${run.pipelineName} / ${run.activityName}  ${run.activityRunId}${run.error ? `  ${run.error.code}: ${run.error.message}` : ""}`,
      ),
    ),
  ];
  ctx.dispatch({ type: "details", target: { pane: "text", title: `the pipeline runs of ${job}`, lines } });
}

/** Enter on the `:` line. */
function runCommandLine(ctx: KeyContext, text: string): void {
  const result = parseCommandLine(text, { themes: ctx.services.themes.names });
  switch (result.kind) {
    case "empty":
      return;
    case "error":
      return fail(ctx, result.message);
    case "quit":
      return ctx.exit();
    case "theme":
      void switchTheme(ctx, result.name);
      return;
    case "find":
      void findAndLand(ctx, result.id);
      return;
    case "view": {
      const pane = viewPanes[result.view];
      if (pane) return ctx.dispatch({ type: "focus", pane });
      if (result.view === "audit") {
        void showAudit(ctx);
        return;
      }
      if (result.view === "runs") return showRuns(ctx);
      return info(ctx, `:${result.view} (the identity doctor) is not built yet in this version`);
    }
  }
}

function handlePrompt(ctx: KeyContext, input: string, key: Key): void {
  const mode = ctx.ui.input;
  const edit = editText(
    mode.kind === "command" || mode.kind === "filter" || mode.kind === "search" ? mode.text : "",
    input,
    key,
  );
  const panes = () => ctx.dispatch({ type: "input", input: { kind: "panes" } });
  if (mode.kind === "command") {
    if (edit.kind === "text")
      ctx.dispatch({ type: "input", input: { ...mode, text: edit.text, candidates: [] } });
    else if (edit.kind === "cancel") panes();
    else if (edit.kind === "complete") {
      const completion = completeCommandLine(mode.text, { themes: ctx.services.themes.names });
      ctx.dispatch({
        type: "input",
        input: { kind: "command", text: completion.line, candidates: completion.candidates },
      });
    } else if (edit.kind === "submit") {
      panes();
      runCommandLine(ctx, mode.text);
    }
  } else if (mode.kind === "filter") {
    // The filter applies as it is typed, as in k9s; Esc puts back what was there before.
    if (edit.kind === "text") {
      ctx.dispatch({ type: "input", input: { ...mode, text: edit.text } });
      ctx.dispatch({ type: "filter", pane: mode.pane, text: edit.text });
      ctx.dispatch({ type: "select", pane: mode.pane, id: undefined, offset: 0 });
    } else if (edit.kind === "cancel") {
      ctx.dispatch({ type: "filter", pane: mode.pane, text: mode.before });
      panes();
    } else if (edit.kind === "submit") {
      panes();
      const notice = ctx.data[mode.pane].filterNotice;
      if (notice) info(ctx, notice);
    }
  } else if (mode.kind === "search") {
    if (edit.kind === "text") ctx.dispatch({ type: "input", input: { ...mode, text: edit.text } });
    else if (edit.kind === "cancel") panes();
    else if (edit.kind === "submit") {
      panes();
      startSearch(ctx, mode.text);
    }
  }
}

/** A new log search lands on the first match at or below the top of the view, as less does. */
function startSearch(ctx: KeyContext, text: string): void {
  if (text === "") {
    ctx.dispatch({ type: "log", change: { search: undefined } });
    return;
  }
  const query = { text, regex: true };
  const compiled = compileSearch(query);
  const { matches, capped } = findLogMatches(ctx.lines, compiled.pattern);
  const placement = ctx.placements.get("log");
  const geometry = placement && logGeometry(placement.width, placement.height, ctx.ui.log.wrap);
  const top = !geometry
    ? 0
    : ctx.ui.log.follow
      ? bottomAnchor(ctx.lines, geometry).line
      : ctx.ui.log.anchor.line;
  const current = firstMatchFrom(matches, top);
  const match = current === undefined ? undefined : matches[current];
  if (current === undefined || !match || !geometry) {
    ctx.dispatch({ type: "log", change: { search: { query } } });
    fail(
      ctx,
      compiled.notice ?? `no match for ${text} in the ${ctx.lines.length.toLocaleString("en-US")} lines held`,
    );
    return;
  }
  ctx.dispatch({
    type: "log",
    change: {
      search: { query, current },
      follow: false,
      anchor: anchorShowing(ctx.lines, geometry, match.line, match.start),
    },
  });
  info(ctx, compiled.notice ?? `${matches.length}${capped ? "+" : ""} matches: n next, N previous`);
}

function handleHelp(ctx: KeyContext, input: string, key: Key): void {
  if (ctx.ui.input.kind !== "help") return;
  const offset = ctx.ui.input.offset;
  const name = keyNameOf(input, key);
  const last = Math.max(0, ctx.helpLength - 1);
  const set = (next: number) =>
    ctx.dispatch({ type: "input", input: { kind: "help", offset: Math.max(0, Math.min(last, next)) } });
  if (name === "esc" || name === "q" || name === "?")
    ctx.dispatch({ type: "input", input: { kind: "panes" } });
  else if (name === "down" || name === "j") set(offset + 1);
  else if (name === "up" || name === "k") set(offset - 1);
  else if (name === "pagedown" || name === "ctrl+f") set(offset + 10);
  else if (name === "pageup" || name === "ctrl+b") set(offset - 10);
  else if (name === "g" || name === "home") set(0);
  else if (name === "G" || name === "end") set(last);
}

/**
 * Keys typed faster than the terminal is read (tmux send-keys, key repeat over ssh) arrive as one
 * chunk, "jjj" or "\t\t\r". Escape sequences are Ink's to split, and modified keys come alone.
 */
function isBurst(input: string, key: Key): boolean {
  return [...input].length > 1 && !key.ctrl && !key.meta && !input.includes("\u001b");
}

/** One character of a burst as the key press it stands for: Tab, Enter and Backspace by their names. */
function singleKey(character: string, burst: Key): Key {
  return {
    ...burst,
    shift: false,
    tab: character === "\t",
    return: character === "\r",
    backspace: character === "\b",
    delete: character === "\u007f",
  };
}

/** Every key press of the dashboard: prompts and help take keys first, then the user's keymap. */
export function handleKey(ctx: KeyContext, input: string, key: Key): void {
  const mode = ctx.ui.input.kind;
  const inPrompt = mode === "command" || mode === "filter" || mode === "search";
  // A prompt takes a paste whole; everywhere else a burst is its keys, one by one.
  if (!inPrompt && isBurst(input, key)) {
    // An activity run id pasted onto the panes is a `:find`: the alert's id is one paste from its log.
    if (!ctx.ui.dialog && mode === "panes" && looksLikeActivityRunId(input.trim())) {
      void findAndLand(ctx, input.trim());
      return;
    }
    for (const character of input) handleKey(ctx, character, singleKey(character, key));
    return;
  }
  if (ctx.ui.dialog) return handleDialog(ctx, input, key);
  if (inPrompt) return handlePrompt(ctx, input, key);
  if (mode === "help") return handleHelp(ctx, input, key);
  const outcome = ctx.keymap.resolve(keyNameOf(input, key), ctx.ui.focused);
  if (outcome.kind === "refused") {
    const what = commands[outcome.command].hint ?? outcome.command;
    return fail(ctx, `read-only: ${what} is off${ctx.readOnlySource ? ` (${ctx.readOnlySource})` : ""}`);
  }
  if (outcome.kind === "command") {
    if (ctx.ui.flash) ctx.dispatch({ type: "flash", flash: undefined });
    runCommand(ctx, outcome.command);
  }
}
