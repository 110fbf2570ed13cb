import { test } from "node:test";
import assert from "node:assert/strict";
import { timelineBuckets, toSeries, type TimelineCount } from "../../../../src/model/timeline.js";
import { labelWidth, timelineLines } from "../../../../src/model/views/timelineLines.js";

const now = Date.parse("2026-11-22T10:45:30Z");
const buckets = timelineBuckets("1h", now);
const row = (kind: TimelineCount["kind"], key: string, source: string, iso: string): TimelineCount => ({
  kind,
  key,
  source,
  time: new Date(iso),
  count: 1,
});
const chart = {
  buckets,
  series: toSeries(
    [
      row("activity-failed", "transform_customers_hourly", "ADFActivityRun", "2026-11-22T10:44:10Z"),
      row(
        "resize-error",
        "AccountCoreQuotaReached",
        "AzureDiagnostics PoolResizeCompleteEvent",
        "2026-11-22T10:30:00Z",
      ),
    ],
    buckets,
  ),
  warnings: [],
};

test("each group names its table; the resize error sits under its bucket; nodes say where they come from", () => {
  const { lines } = timelineLines({ pane: "timeline", range: "1h", bucket: 22 }, { chart });
  assert.match(lines[0] ?? "", /^last 1h in 30 buckets of 2m · counted by Log Analytics/);
  const cursor = lines.find((line) => line.includes("▼")) ?? "";
  assert.equal(cursor.indexOf("▼"), labelWidth + 22);
  assert.match(cursor, /▼ 10:30Z–10:32Z: 1 event$/);
  const error = lines.find((line) => line.includes("error AccountCoreQuotaReached")) ?? "";
  assert.equal(error.indexOf("█"), labelWidth + 22, "the cell under the cursor");
  assert.ok(
    lines.includes("failed activity runs per pipeline (ADFActivityRun, SynapseIntegrationActivityRuns)"),
  );
  assert.ok(
    lines.some((line) => /^ {2}no TaskFailEvent +·{30}$/.test(line)),
    "an empty group still draws its axis",
  );
  // Batch logs no node state events: the nodes in those states now stand in, and the title says so.
  assert.match(
    lines.at(-2) ?? "",
    /^nodes turning unusable, preempted or start task failed \(Batch: the nodes in that state now\)$/,
  );
  assert.match(lines.at(-1) ?? "", /^ {2}no such node +·{30}$/);
});

test("events: one line each, the selected one marked, service text neutralised, long labels cut", () => {
  const long = {
    ...chart,
    series: chart.series.map((one) => ({ ...one, key: `${one.key}_${"x".repeat(50)}` })),
  };
  const pane = timelineLines(
    { pane: "timeline", range: "1h", bucket: 29, events: { startMs: now - 60_000, endMs: now, selected: 1 } },
    { chart: long },
    {
      items: [
        {
          time: new Date(now - 1000),
          kind: "activity-failed",
          source: "ADFActivityRun",
          summary: "p / a (Web) · 2108",
        },
        {
          time: new Date(now - 2000),
          kind: "task-failed",
          source: "AzureDiagnostics TaskFailEvent",
          summary: "j / t\u001b]52;c;x\u0007 · exit 1",
        },
      ],
    },
  );
  const label = pane.lines.find((line) => line.includes("transform_customers_hourly")) ?? "";
  assert.equal(label.indexOf("…"), labelWidth - 2, "cut with a space before the sparkline");
  assert.ok(pane.selectedLine !== undefined);
  assert.match(pane.lines[pane.selectedLine] ?? "", /^› 10:45:28Z task failed +Batch +j \/ t.* · exit 1$/);
  assert.ok(!pane.lines.join("\n").includes("\u001b"), "no escape reaches the screen");
  assert.match(pane.lines[pane.eventsLine ?? 0] ?? "", /^events 10:44:30Z–10:45:30Z, newest first/);
});

test("without a workspace: how to set one, and Batch's failed tasks only", () => {
  const { lines } = timelineLines(
    { pane: "timeline", range: "6h", bucket: 29 },
    { chart: { ...chart, series: [] }, batchOnly: { windowMs: 3_600_000 } },
  );
  assert.match(lines.join("\n"), /Batch alone: no Log Analytics workspace is set/);
  assert.match(lines.join("\n"), /--workspace-id, BATCHTOP_WORKSPACE_ID or a profile's workspaceId/);
  assert.ok(!lines.some((line) => line.startsWith("pool resizes") || line.startsWith("nodes turning")));
});

test("an event's error code says what it means where the knowledge base knows it, and nothing is guessed", () => {
  const pane = timelineLines(
    { pane: "timeline", range: "1h", bucket: 29, events: { startMs: now - 60_000, endMs: now, selected: 0 } },
    { chart },
    {
      items: [
        {
          time: new Date(now - 1000),
          kind: "resize-error",
          source: "AzureDiagnostics PoolResizeCompleteEvent",
          summary: "etl resize completed · AccountCoreQuotaReached",
          code: { family: "poolResize", code: "AccountCoreQuotaReached" },
        },
        {
          time: new Date(now - 2000),
          kind: "activity-failed",
          source: "ADFActivityRun",
          summary: "p / a (Custom) · 9999",
          code: { family: "adfActivity", code: "9999" },
        },
      ],
    },
  );
  const rows = pane.lines.slice(pane.eventsLine);
  const quota = rows.find((line) => line.includes("AccountCoreQuotaReached")) ?? "";
  assert.match(quota, / · means: /);
  const unknown = rows.find((line) => line.includes("9999")) ?? "";
  assert.doesNotMatch(unknown, /means:/);
});
