/**
 * `:timeline` as lines for the details pane: a header, a cursor over the selected bucket, one
 * sparkline per series grouped by what it counts (each group naming its table), and after Enter
 * the selected bucket's events, one per line.
 */
import { explainErrorCode, meansLine } from "../errorCodes/lookup.js";
import type { TimelineTarget } from "../navigation/uiState.js";
import { sanitizeInline } from "../sanitize.js";
import {
  bucketBounds,
  sparkline,
  type SeriesKind,
  type TimelineChart,
  type TimelineEvent,
  type TimelineSeries,
} from "../timeline.js";

/** What feeds the chart: Log Analytics' counts, or Batch's failures poll without a workspace. */
export interface TimelineSource {
  chart?: TimelineChart;
  error?: string;
  /** No workspace: the chart is Batch's failed tasks only, and the lines say so. */
  batchOnly?: { windowMs: number };
}

export interface TimelineEventsSource {
  /** Undefined until the bucket's events have been read. */
  items?: readonly TimelineEvent[];
  error?: string;
  truncated?: boolean;
  warnings?: readonly string[];
}

export interface TimelinePane {
  lines: string[];
  /** The line of the selected event: kept in view as j and k move it. */
  selectedLine?: number;
  /** The line that heads the events, brought to the top when Enter lists them. */
  eventsLine?: number;
}

/** Characters before the sparkline: a label column wide enough for most pipeline names. */
export const labelWidth = 36;

interface Group {
  title: string;
  kinds: readonly SeriesKind[];
  /** Said when the group has no series in the range. */
  empty: string;
}

function groupsFor(batchOnly: boolean): Group[] {
  if (batchOnly)
    return [
      {
        title: "Batch task failures by failure code (Batch tasks, by end time)",
        kinds: ["task-failed"],
        empty: "no failed task",
      },
    ];
  return [
    {
      title: "failed activity runs per pipeline (ADFActivityRun, SynapseIntegrationActivityRuns)",
      kinds: ["activity-failed"],
      empty: "no failed activity run",
    },
    {
      title: "Batch task failures by exit code (AzureDiagnostics TaskFailEvent: it logs no failure code)",
      kinds: ["task-failed"],
      empty: "no TaskFailEvent",
    },
    {
      title: "pool resizes (AzureDiagnostics PoolResizeStartEvent, PoolResizeCompleteEvent)",
      kinds: ["resize-error", "resize-start", "resize-complete"],
      empty: "no resize",
    },
    {
      // Batch logs no node state events: these are the nodes in those states now, by when they turned.
      title: "nodes turning unusable, preempted or start task failed (Batch: the nodes in that state now)",
      kinds: ["node-state"],
      empty: "no such node",
    },
  ];
}

function seriesLabel(series: TimelineSeries): string {
  switch (series.kind) {
    case "resize-error":
      return `error ${series.key}`;
    case "resize-start":
      return "started";
    case "resize-complete":
      return "completed";
    default:
      return series.key;
  }
}

/** The label column: cut with "…" when too long, always a space before the sparkline. */
function fit(text: string, width: number): string {
  const clean = sanitizeInline(text);
  return clean.length > width - 1 ? `${clean.slice(0, width - 2)}… ` : clean.padEnd(width);
}

/** "23:10Z" within a day, as the other panes write times. */
export function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)}Z`;
}

function seconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

const kindWords: Readonly<Record<SeriesKind, string>> = {
  "activity-failed": "activity failed",
  "task-failed": "task failed",
  "resize-error": "resize error",
  "resize-start": "resize started",
  "resize-complete": "resize completed",
  "node-state": "node state",
};

/** Where an event row came from, in a word: the table names are on the chart's group titles. */
function shortSource(source: string): string {
  if (source.startsWith("ADF")) return "ADF";
  if (source.startsWith("Batch nodes")) return "Nodes";
  if (source.startsWith("Synapse")) return "Synapse";
  return "Batch";
}

/** The chart's lines; the selected bucket's events below them after Enter. */
export function timelineLines(
  target: TimelineTarget,
  source: TimelineSource,
  events?: TimelineEventsSource,
): TimelinePane {
  const lines: string[] = [];
  const chart = source.chart;
  const origin = source.batchOnly
    ? "Batch alone: no Log Analytics workspace is set"
    : "counted by Log Analytics";
  if (!chart) {
    lines.push(`last ${target.range} · ${origin}`);
    lines.push(source.error ? `could not ask: ${sanitizeInline(source.error)}` : "asking…");
    return { lines };
  }
  const { buckets } = chart;
  const minutes = buckets.bucketMs / 60_000;
  lines.push(
    `last ${target.range} in ${buckets.count} buckets of ${minutes}m · ${origin} · ←→ bucket, Enter lists, t range`,
  );
  if (source.batchOnly)
    lines.push(
      `Set a workspace (--workspace-id, BATCHTOP_WORKSPACE_ID or a profile's workspaceId) for failed activity runs, pool resizes and the 6h and 24h ranges; Batch's failures poll reaches back ${Math.round(source.batchOnly.windowMs / 60_000)}m.`,
    );
  if (source.error) lines.push(`last ask failed, showing the one before: ${sanitizeInline(source.error)}`);
  for (const warning of chart.warnings) lines.push(`partial: ${sanitizeInline(warning)}`);

  const selected = Math.max(0, Math.min(buckets.count - 1, target.bucket));
  const bounds = bucketBounds(buckets, selected);
  const inBucket = chart.series.reduce((sum, series) => sum + (series.counts[selected] ?? 0), 0);
  // The axis: the first bucket's start under its cell, the last bucket's end over the last cell.
  const last = clock(buckets.startMs + buckets.count * buckets.bucketMs);
  lines.push(`${" ".repeat(labelWidth)}${clock(buckets.startMs).padEnd(buckets.count - last.length)}${last}`);
  lines.push(
    `${" ".repeat(labelWidth + selected)}▼ ${clock(bounds.startMs)}–${clock(bounds.startMs + buckets.bucketMs)}: ${inBucket} event${inBucket === 1 ? "" : "s"}`,
  );

  for (const group of groupsFor(source.batchOnly !== undefined)) {
    const members = chart.series.filter((series) => group.kinds.includes(series.kind));
    lines.push(group.title);
    if (members.length === 0) {
      lines.push(
        `  ${fit(group.empty, labelWidth - 2)}${sparkline(new Array<number>(buckets.count).fill(0))}`,
      );
      continue;
    }
    // One scale per group, so its series compare by height.
    const max = Math.max(...members.flatMap((series) => series.counts));
    for (const series of members) {
      lines.push(
        `  ${fit(seriesLabel(series), labelWidth - 2)}${sparkline(series.counts, max)} ${series.total}`,
      );
    }
  }

  if (!target.events) return { lines };
  lines.push("");
  const eventsLine = lines.length;
  lines.push(
    `events ${seconds(target.events.startMs)}–${seconds(target.events.endMs)}, newest first · j k, Enter lands, Esc back`,
  );
  if (!events || (events.items === undefined && !events.error)) {
    lines.push("asking…");
    return { lines, eventsLine };
  }
  if (events.error) lines.push(`could not ask: ${sanitizeInline(events.error)}`);
  for (const warning of events.warnings ?? []) lines.push(`partial: ${sanitizeInline(warning)}`);
  const items = events.items ?? [];
  if (items.length === 0 && !events.error) lines.push("nothing in this bucket");
  let selectedLine: number | undefined;
  items.forEach((event, index) => {
    const mark = index === target.events?.selected ? "›" : " ";
    if (mark === "›") selectedLine = lines.length;
    // What the code means, where the knowledge base knows it; an unknown code stays as it is.
    const known = event.code && explainErrorCode(event.code.family, event.code.code);
    lines.push(
      `${mark} ${seconds(event.time.getTime())} ${kindWords[event.kind].padEnd(16)} ${shortSource(event.source).padEnd(7)} ${sanitizeInline(event.summary)}${known ? ` · ${meansLine(known)}` : ""}`,
    );
  });
  if (events.truncated)
    lines.push("more in this bucket: the newest 200 of each table are listed (1h has the narrowest buckets)");
  return selectedLine === undefined ? { lines, eventsLine } : { lines, selectedLine, eventsLine };
}
