// Keys that move: the selection in a list, the scroll of the log and the details, Enter down the
// drill-down, Tab between panes.
import { type CommandId } from "../../model/keymap/commands.js";
import { type ListPane } from "../../model/navigation/listSorts.js";
import { adfPoolName } from "../../model/views/jobRows.js";
import { detailsGeometry, logGeometry, paneBodyHeight } from "../../model/views/paneGeometry.js";
import { paneFocusOrder } from "../../model/views/paneLayout.js";
import { bottomAnchor, scrollText, textTop, type TextAnchor } from "../../model/views/textView.js";
import { moveInList, type ListMove } from "../../model/views/viewport.js";
import { type KeyContext, fail, selected } from "./keyContext.js";

export const listMoves: Partial<Record<CommandId, ListMove>> = {
  "nav.up": "up",
  "nav.down": "down",
  "nav.pageUp": "pageUp",
  "nav.pageDown": "pageDown",
  "nav.top": "top",
  "nav.bottom": "bottom",
};

/** Rows a list pane shows, for paging; a pane not drawn now pages by ten. */
function listHeight(ctx: KeyContext, pane: ListPane): number {
  const placement = ctx.placements.get(pane);
  return placement ? Math.max(1, paneBodyHeight(placement.height) - 2) : 10;
}

export function moveList(ctx: KeyContext, pane: ListPane, move: ListMove): void {
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

export function moveLog(ctx: KeyContext, move: ListMove): void {
  const placement = ctx.placements.get("log");
  if (!placement) return;
  const geometry = logGeometry(placement.width, placement.height, ctx.ui.log.wrap);
  // While following, the view sits at the bottom: scrolling starts from there.
  const from = ctx.ui.log.follow ? bottomAnchor(ctx.lines, geometry) : ctx.ui.log.anchor;
  const anchor = scrollBy(ctx.lines, geometry, from, move);
  ctx.dispatch({ type: "log", change: { anchor, follow: move === "bottom" } });
}

export function moveDetails(ctx: KeyContext, move: ListMove): void {
  const placement = ctx.placements.get("details");
  if (!placement) return;
  const geometry = detailsGeometry(placement.width, placement.height);
  ctx.dispatch({
    type: "scrollDetails",
    anchor: scrollBy(ctx.details, geometry, ctx.ui.detailsAnchor, move),
  });
}

/** Enter: one step down the drill-down, pool → nodes → tasks on that node, job → tasks → log. */
export function drillDown(ctx: KeyContext): void {
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

export function cycleFocus(ctx: KeyContext, step: 1 | -1): void {
  const index = paneFocusOrder.indexOf(ctx.ui.focused);
  const next = paneFocusOrder[(index + step + paneFocusOrder.length) % paneFocusOrder.length];
  if (next) ctx.dispatch({ type: "focus", pane: next });
}
