// What Enter on the `:` line runs: a view, a theme, a find, the audit journal, the pipeline runs,
// what changed.
import type { AuditEntry } from "../../actions/auditJournal.js";
import { parseCommandLine } from "../../model/keymap/commandLine.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { type PaneId } from "../../model/views/paneLayout.js";
import { findAndLand } from "./findAndLand.js";
import { showTimeline } from "./timelineKeys.js";
import { type KeyContext, info, fail } from "./keyContext.js";
import { errorMessage } from "../../model/errorMessage.js";

async function switchTheme(ctx: KeyContext, name: string): Promise<void> {
  try {
    ctx.setTheme(await ctx.services.themes.load(name));
    info(ctx, `theme ${name}`);
  } catch (error) {
    fail(ctx, errorMessage(error));
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

/** One journal entry as a line: when, how it went, what, and the service's or batchtop's words. */
function auditLine(entry: AuditEntry): string {
  const outcome = entry.outcome === "failed" ? "FAILED" : entry.outcome;
  const changes = entry.changes.length > 0 ? `: ${entry.changes.join("; ")}` : "";
  const words = entry.error ?? entry.detail;
  return `${entry.time} ${outcome.padEnd(11)} ${entry.action} ${entry.target}${changes}${words ? ` (${words})` : ""}`;
}

/** `:audit`: what this user tried from batchtop, newest first, in the details pane. */
async function showAudit(ctx: KeyContext): Promise<void> {
  const journal = ctx.services.attempts?.journal;
  if (!journal) return fail(ctx, "no audit journal in this session");
  try {
    const entries = await journal.recent(auditLines);
    const lines =
      entries.length === 0
        ? [`nothing tried from batchtop yet; ${journal.shownAs} records every attempt, sent or refused`]
        : entries.map((entry) => sanitizeInline(auditLine(entry)));
    ctx.dispatch({ type: "details", target: { pane: "text", title: "the audit journal", lines } });
  } catch (error) {
    fail(ctx, `could not read ${journal.shownAs}: ${errorMessage(error)}`);
  }
}

/**
 * `:runs`: the pipeline runs Log Analytics knows for the selected job's latest tasks, newest first,
 * as they stood at the last query (it lags the Batch service by minutes, and says so).
 */
function showRuns(ctx: KeyContext): void {
  const job = ctx.snapshot.focus.jobId;
  // No job selected: every activity run of the workspace, Web, Copy and notebooks included.
  if (!job) return void showAccountRuns(ctx, []);
  if (!ctx.snapshot.runs.data && !ctx.snapshot.runs.loading && !ctx.snapshot.runs.error)
    return fail(
      ctx,
      "no Log Analytics workspace is set: --workspace-id (BATCHTOP_WORKSPACE_ID) turns pipeline runs on",
    );
  // Live: the pane follows the store's answers for as long as it is open.
  ctx.dispatch({ type: "details", target: { pane: "runs", jobId: job } });
}

/** Tells one opening of `:changes` or `:runs all` from the next, so a late answer is not shown. */
let openings = 0;

/**
 * `:changes [30m]` (and `--since`): what changed in the window, newest first, read once from Batch,
 * Log Analytics and ARM as configured and from this user's audit journal.
 */
export async function showChanges(ctx: KeyContext, sinceMs: number): Promise<void> {
  const opened = ++openings;
  ctx.dispatch({ type: "details", target: { pane: "changes", sinceMs, opened, selected: 0 } });
  try {
    const attempts = ctx.services.attempts;
    // A journal that cannot be read leaves its lines out; Batch and the workspace still answer.
    // The journal is the user's: only this account's entries are changes here.
    const audit = attempts
      ? (await attempts.journal.recent(auditLines).catch(() => [])).filter(
          (entry) => entry.account === attempts.account,
        )
      : [];
    const read = await ctx.store.readChanges(sinceMs, audit);
    ctx.dispatch({ type: "detailsRead", opened, read });
  } catch (error) {
    ctx.dispatch({ type: "detailsRead", opened, read: { error: errorMessage(error) } });
  }
}

/** `:runs all [words]`, or `:runs` with no job selected: the workspace's activity runs, read once. */
export async function showAccountRuns(ctx: KeyContext, filter: string[]): Promise<void> {
  const opened = ++openings;
  ctx.dispatch({ type: "details", target: { pane: "accountRuns", filter, opened, selected: 0 } });
  try {
    ctx.dispatch({ type: "detailsRead", opened, read: await ctx.store.readAccountRuns() });
  } catch (error) {
    ctx.dispatch({ type: "detailsRead", opened, read: { error: errorMessage(error) } });
  }
}

/**
 * `:doctor` (the selected pool) or `:doctor all`: the identity doctor's verdicts in the details pane,
 * polled while it shows them. The doctor reads pools and the account through ARM.
 */
function showDoctor(ctx: KeyContext, all: boolean): void {
  const account = ctx.snapshot.account;
  if (!account.data && !account.loading && !account.error)
    return fail(
      ctx,
      "the identity doctor reads the account through ARM: --subscription and --resource-group turn it on",
    );
  const poolId = all ? undefined : ctx.data.pools.selectedRow?.id;
  if (!all && poolId === undefined) return info(ctx, "select a pool, or :doctor all for every pool");
  ctx.dispatch({ type: "details", target: { pane: "doctor", ...(poolId !== undefined ? { poolId } : {}) } });
}

/** Enter on the `:` line. */
export function runCommandLine(ctx: KeyContext, text: string): void {
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
    case "changes":
      void showChanges(ctx, result.sinceMs);
      return;
    case "accountRuns":
      void showAccountRuns(ctx, result.filter);
      return;
    case "view": {
      const pane = viewPanes[result.view];
      if (pane) return ctx.dispatch({ type: "focus", pane });
      if (result.view === "audit") {
        void showAudit(ctx);
        return;
      }
      if (result.view === "runs") return showRuns(ctx);
      if (result.view === "timeline") return showTimeline(ctx);
      return showDoctor(ctx, result.all === true);
    }
  }
}
