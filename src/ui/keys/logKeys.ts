// The log pane's own keys: search and its steps, and saving what batchtop holds to a file.
import { compileSearch, findLogMatches, firstMatchFrom, stepMatch } from "../../model/views/logSearch.js";
import { logGeometry } from "../../model/views/paneGeometry.js";
import { anchorShowing, bottomAnchor } from "../../model/views/textView.js";
import { type KeyContext, info, fail, selected } from "./keyContext.js";
import { errorMessage } from "../../model/errorMessage.js";

export function searchStep(ctx: KeyContext, direction: 1 | -1): void {
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

export async function saveLog(ctx: KeyContext): Promise<void> {
  const startTask = ctx.ui.startTaskNode;
  const task = startTask ? `${startTask.nodeId}-starttask` : selected(ctx, "tasks")?.id;
  if (!task || ctx.lines.length === 0) {
    info(ctx, "nothing to save: the log is empty");
    return;
  }
  try {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const path = await ctx.services.saveLog(`${task}-${ctx.ui.log.stream}-${stamp}.log`, ctx.lines);
    info(ctx, `saved ${ctx.lines.length.toLocaleString("en-US")} lines to ${path}`);
  } catch (error) {
    fail(ctx, `could not save the log: ${errorMessage(error)}`);
  }
}

/** A new log search lands on the first match at or below the top of the view, as less does. */
export function startSearch(ctx: KeyContext, text: string): void {
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
