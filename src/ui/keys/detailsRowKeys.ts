// The rows of `:changes` and `:runs all`: j and k choose one, Enter lands where it lives (a task
// and its log, a pool, a node), as `:find` would.
import type { RowsTarget } from "../../model/navigation/uiReducer.js";
import { accountRunsPane, changesPane, type RowsPane } from "../../model/views/detailsRows.js";
import { detailsGeometry } from "../../model/views/paneGeometry.js";
import { anchorShowing, textWindow } from "../../model/views/textView.js";
import type { ListMove } from "../../model/views/viewport.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { findAndLand, land } from "./findAndLand.js";
import { type KeyContext, info } from "./keyContext.js";

function rowsTarget(ctx: KeyContext): RowsTarget | undefined {
  const target = ctx.ui.details;
  if (ctx.ui.focused !== "details") return undefined;
  return target?.pane === "changes" || target?.pane === "accountRuns" ? target : undefined;
}

function paneOf(target: RowsTarget): RowsPane<unknown> {
  return target.pane === "changes"
    ? changesPane(target.sinceMs, target.read, target.selected)
    : accountRunsPane(target.filter, target.read, target.selected);
}

/** Rows a page key moves by: the pane's height, less a row of context. */
function pageRows(ctx: KeyContext): number {
  const placement = ctx.placements.get("details");
  return placement ? Math.max(1, detailsGeometry(placement.width, placement.height).height - 1) : 10;
}

/**
 * A move in `:changes` or `:runs all` moves the selected row, scrolling only when it would leave the
 * pane. Returns false elsewhere, so the key scrolls as in any details pane.
 */
export function moveDetailsRow(ctx: KeyContext, move: ListMove): boolean {
  const target = rowsTarget(ctx);
  if (!target) return false;
  const pane = paneOf(target);
  if (pane.rows.length === 0) return false;
  const last = pane.rows.length - 1;
  const page = pageRows(ctx);
  const wanted = {
    up: pane.selected - 1,
    down: pane.selected + 1,
    pageUp: pane.selected - page,
    pageDown: pane.selected + page,
    top: 0,
    bottom: last,
  }[move];
  const selected = Math.max(0, Math.min(last, wanted));
  const line = pane.firstRow + selected;
  const placement = ctx.placements.get("details");
  let anchor = ctx.ui.detailsAnchor;
  if (placement) {
    const geometry = detailsGeometry(placement.width, placement.height);
    const lines = paneOf({ ...target, selected }).lines;
    const shown = textWindow(lines, geometry, anchor, false).rows;
    // The header above the first row comes back into view at the top.
    if (selected === 0) anchor = { line: 0, row: 0 };
    else if (!shown.some((row) => row.line === line)) anchor = anchorShowing(lines, geometry, line, 0);
  }
  ctx.dispatch({ type: "selectDetailsRow", selected, anchor });
  return true;
}

/** Enter in `:changes` or `:runs all`: lands where the selected row lives. False elsewhere. */
export function landFromDetailsRow(ctx: KeyContext): boolean {
  const target = rowsTarget(ctx);
  if (!target) return false;
  if (target.pane === "changes") {
    const pane = changesPane(target.sinceMs, target.read, target.selected);
    const jump = pane.rows[pane.selected]?.jump;
    if (!jump) {
      info(ctx, "nothing to land on here");
      return true;
    }
    switch (jump.kind) {
      case "pool":
        land(ctx, { kind: "pool", poolId: jump.poolId });
        return true;
      case "node":
        land(ctx, { kind: "node", poolId: jump.poolId, nodeId: jump.nodeId });
        return true;
      case "task":
        land(ctx, { kind: "task", jobId: jump.jobId, taskId: jump.taskId });
        return true;
      case "activityRun":
        if (jump.activityType === "Custom") void findAndLand(ctx, jump.activityRunId);
        else
          info(
            ctx,
            sanitizeInline(
              `a ${jump.activityType} activity has no Batch task: activity run ${jump.activityRunId} of pipeline run ${jump.pipelineRunId}`,
            ),
          );
        return true;
    }
  }
  const pane = accountRunsPane(target.filter, target.read, target.selected);
  const run = pane.rows[pane.selected];
  if (!run) {
    info(ctx, "no activity run to land on");
    return true;
  }
  // A Custom activity ran as the Batch task named by its activity run id.
  if (run.activityType === "Custom") void findAndLand(ctx, run.activityRunId);
  else
    info(
      ctx,
      sanitizeInline(
        `${run.activityType} ${run.activityName} has no Batch task; pipeline run ${run.pipelineRunId}${run.error ? `, ${run.error.code}: ${run.error.message}` : `, ${run.status}`}`,
      ),
    );
  return true;
}
