// `:timeline`'s keys in the details pane: ← → choose a bucket, t the range, Enter lists the bucket's
// events and then lands on the one selected (j k choose it), Esc closes the list before the pane.
import type { TimelineTarget } from "../../model/navigation/uiState.js";
import { sanitizeInline } from "../../model/sanitize.js";
import { bucketBounds, bucketsPerTimeline, nextRange } from "../../model/timeline.js";
import { detailsGeometry } from "../../model/views/paneGeometry.js";
import { anchorShowing, textTop } from "../../model/views/textView.js";
import { timelineData } from "../timelineData.js";
import { findAndLand, land } from "./findAndLand.js";
import { type KeyContext, info } from "./keyContext.js";

/** `:timeline`: the last hour, its newest bucket selected. */
export function showTimeline(ctx: KeyContext): void {
  ctx.dispatch({
    type: "details",
    target: { pane: "timeline", range: "1h", bucket: bucketsPerTimeline - 1 },
  });
  if (!ctx.snapshot.timelineFromLogs)
    info(
      ctx,
      "no Log Analytics workspace: the timeline shows Batch's failed tasks; --workspace-id shows the rest",
    );
}

function timelineTarget(ctx: KeyContext): TimelineTarget | undefined {
  const target = ctx.ui.details;
  return ctx.ui.focused === "details" && target?.pane === "timeline" ? target : undefined;
}

/** ← or →: the bucket before or after; an open list of events closes (it was the old bucket's). */
export function moveBucket(ctx: KeyContext, step: 1 | -1): void {
  const target = timelineTarget(ctx);
  if (!target) return;
  const bucket = Math.max(0, Math.min(bucketsPerTimeline - 1, target.bucket + step));
  const { events: _closed, ...chart } = target;
  ctx.dispatch({ type: "timeline", target: { ...chart, bucket }, anchor: textTop });
}

/** t: 1 h → 6 h → 24 h, the newest bucket selected. */
export function cycleRange(ctx: KeyContext): void {
  const target = timelineTarget(ctx);
  if (!target) return;
  const range = nextRange(target.range);
  ctx.dispatch({
    type: "timeline",
    target: { pane: "timeline", range, bucket: bucketsPerTimeline - 1 },
    anchor: textTop,
  });
  info(ctx, `timeline: the last ${range}`);
}

/** j or k with the events listed: the next or previous one, kept in view. False when none is listed. */
export function moveEvent(ctx: KeyContext, step: 1 | -1): boolean {
  const target = timelineTarget(ctx);
  if (!target?.events) return false;
  const { events } = timelineData(target, ctx.snapshot);
  if (events.length === 0) return true;
  const selected = Math.max(0, Math.min(events.length - 1, target.events.selected + step));
  const next: TimelineTarget = { ...target, events: { ...target.events, selected } };
  const pane = timelineData(next, ctx.snapshot).pane;
  const placement = ctx.placements.get("details");
  const geometry = placement ? detailsGeometry(placement.width, placement.height) : undefined;
  const line = pane.selectedLine;
  const anchor = ctx.ui.detailsAnchor;
  const inView =
    geometry === undefined ||
    line === undefined ||
    (line >= anchor.line && line < anchor.line + Math.max(1, geometry.height - 1));
  ctx.dispatch({
    type: "timeline",
    target: next,
    ...(inView || !geometry || line === undefined
      ? {}
      : { anchor: anchorShowing(pane.lines, geometry, line, 0) }),
  });
  return true;
}

/** Esc with the events listed: back to the chart. False when there is no list to close. */
export function closeEvents(ctx: KeyContext): boolean {
  const target = timelineTarget(ctx);
  if (!target?.events) return false;
  const { events: _closed, ...chart } = target;
  ctx.dispatch({ type: "timeline", target: chart, anchor: textTop });
  return true;
}

/** Enter: list the selected bucket's events, or land on the selected event. */
export function openTimeline(ctx: KeyContext): void {
  const target = timelineTarget(ctx);
  if (!target) return;
  const data = timelineData(target, ctx.snapshot);
  if (!target.events) {
    if (!data.chart) return info(ctx, "the timeline has not answered yet");
    const { startMs, endMs } = bucketBounds(data.chart.buckets, target.bucket);
    const pane = timelineData({ ...target, events: { startMs, endMs, selected: 0 } }, ctx.snapshot).pane;
    // The list starts below the chart: its heading goes to the top. Not clamped to the text as it is
    // now (the events are still being asked for): the pane clamps as it draws, so the heading rises
    // into place when they arrive.
    ctx.dispatch({
      type: "timeline",
      target: { ...target, events: { startMs, endMs, selected: 0 } },
      anchor: { line: pane.eventsLine ?? 0, row: 0 },
    });
    return;
  }
  const event = data.events[target.events.selected];
  if (!event) return info(ctx, "no event selected");
  const landing = event.landing;
  if (!landing) return info(ctx, `${sanitizeInline(event.summary)}: nowhere to land`);
  switch (landing.kind) {
    case "task":
      return land(ctx, { kind: "task", jobId: landing.jobId, taskId: landing.taskId });
    case "pool":
      return land(ctx, { kind: "pool", poolId: landing.poolId });
    case "node":
      return land(ctx, { kind: "node", poolId: landing.poolId, nodeId: landing.nodeId });
    case "activityRun":
      // A Custom activity's run id is its Batch task's id: `:find` lands on the task and its log.
      if (landing.activityType === "Custom") {
        void findAndLand(ctx, landing.activityRunId);
        return;
      }
      return info(
        ctx,
        `a ${sanitizeInline(landing.activityType)} activity runs outside Batch: ${sanitizeInline(event.summary)}`,
      );
  }
}
