import { test } from "node:test";
import assert from "node:assert/strict";
import {
  batchFailureCounts,
  batchFailureEvents,
  binStart,
  bucketBounds,
  bucketIndex,
  nextRange,
  nodeStateEvents,
  nodeStateRows,
  sparkline,
  sumCounts,
  timelineBuckets,
  toSeries,
  type TimelineCount,
} from "../../../src/model/timeline.js";
import type { NodeSummary } from "../../../src/model/nodes.js";
import type { TaskRow } from "../../../src/model/tasks.js";

const at = (iso: string) => Date.parse(iso);

test("buckets: 30 per range, aligned as Kusto's bin() aligns them, the last holding now", () => {
  const now = at("2026-11-22T10:45:30Z");
  const hour = timelineBuckets("1h", now);
  assert.equal(hour.bucketMs, 120_000);
  assert.equal(hour.count, 30);
  assert.equal(new Date(hour.startMs).toISOString(), "2026-11-22T09:46:00.000Z");
  assert.deepEqual(bucketBounds(hour, 29), { startMs: at("2026-11-22T10:44:00Z"), endMs: now + 1 });
  assert.equal(bucketIndex(hour, at("2026-11-22T10:44:00Z")), 29);
  assert.equal(bucketIndex(hour, at("2026-11-22T10:43:59.999Z")), 28);
  assert.equal(bucketIndex(hour, at("2026-11-22T09:45:59Z")), undefined);
  assert.equal(bucketIndex(hour, now + 1), undefined, "nothing after now");
  // 48-minute buckets do not divide a day: bin() counts them from 0001-01-01, not from midnight.
  const day = timelineBuckets("24h", now);
  assert.equal(day.bucketMs, 48 * 60_000);
  assert.equal(binStart(at("2026-11-22T10:45:30Z"), day.bucketMs), at("2026-11-22T10:24:00Z"));
  assert.equal(timelineBuckets("6h", now).bucketMs, 12 * 60_000);
  assert.deepEqual([nextRange("1h"), nextRange("6h"), nextRange("24h")], ["6h", "24h", "1h"]);
});

test("series: rows into counts per bucket, grouped by kind then busiest, rows outside dropped", () => {
  const buckets = timelineBuckets("1h", at("2026-11-22T10:45:30Z"));
  const row = (kind: TimelineCount["kind"], key: string, iso: string, count: number): TimelineCount => ({
    kind,
    key,
    source: "T",
    time: new Date(iso),
    count,
  });
  const series = toSeries(
    [
      row("resize-error", "AccountCoreQuotaReached", "2026-11-22T10:30:00Z", 1),
      row("activity-failed", "quiet", "2026-11-22T10:00:00Z", 1),
      row("activity-failed", "busy", "2026-11-22T10:00:00Z", 3),
      row("activity-failed", "busy", "2026-11-22T10:44:10Z", 2),
      row("activity-failed", "busy", "2026-11-22T08:00:00Z", 50),
    ],
    buckets,
  );
  assert.deepEqual(
    series.map((one) => [one.kind, one.key, one.total]),
    [
      ["activity-failed", "busy", 5],
      ["activity-failed", "quiet", 1],
      ["resize-error", "AccountCoreQuotaReached", 1],
    ],
  );
  assert.equal(series[0]?.counts[7], 3);
  assert.equal(series[0]?.counts[29], 2);
  assert.equal(series[2]?.counts[22], 1);
  assert.equal(sumCounts(series, 30)[7], 4);
});

test("sparklines: a dot for none, eight heights scaled to the largest (or a shared) maximum", () => {
  assert.equal(sparkline([0, 1, 2, 4, 8]), "·▁▂▄█");
  assert.equal(sparkline([0, 0]), "··");
  assert.equal(sparkline([1, 100], 100), "▁█", "one event still shows against a big one");
  assert.equal(sparkline([2], 8), "▂");
});

test("without a workspace, Batch's failed tasks by failure code and end time", () => {
  const task = (id: string, end: string, extra: Partial<TaskRow>): TaskRow => ({
    id,
    state: "completed",
    retryCount: 0,
    requeueCount: 0,
    result: "failure",
    endTime: new Date(end),
    ...extra,
  });
  const jobs = [
    {
      jobId: "adfv2-a",
      failed: [
        task("t1", "2026-11-22T10:30:10Z", { failure: { code: "FailureExitCode", category: "usererror" } }),
        task("t2", "2026-11-22T10:31:00Z", { exitCode: 3 }),
      ],
    },
  ];
  const buckets = timelineBuckets("1h", at("2026-11-22T10:45:30Z"));
  const series = toSeries(batchFailureCounts(jobs), buckets);
  assert.deepEqual(
    series.map((one) => [one.key, one.counts.indexOf(1)]),
    [
      ["exit 3", 22],
      ["FailureExitCode", 22],
    ],
  );
  const events = batchFailureEvents(jobs, at("2026-11-22T10:30:00Z"), at("2026-11-22T10:31:00Z"));
  assert.deepEqual(
    events.map((event) => event.landing),
    [{ kind: "task", jobId: "adfv2-a", taskId: "t1" }],
    "bucket ends are exclusive",
  );
});

test("nodes now unusable or preempted count where they turned, and a bucket lists them, landing on the node", () => {
  const turned = (id: string, state: string, iso: string) => ({
    id,
    state,
    stateTransitionTime: new Date(iso),
    errors: state === "unusable" ? [{ code: "DiskFull", message: "disk full" }] : [],
  });
  const pools = [
    {
      poolId: "etl",
      nodes: [
        turned("tvm-1", "unusable", "2026-11-22T10:40:10Z"),
        turned("tvm-2", "preempted", "2026-11-22T10:44:50Z"),
      ] as unknown as NodeSummary[],
    },
  ];
  const rows = nodeStateRows(pools);
  assert.deepEqual(
    rows.map((row) => [row.kind, row.key, row.time.toISOString()]),
    [
      ["node-state", "unusable", "2026-11-22T10:40:10.000Z"],
      ["node-state", "preempted", "2026-11-22T10:44:50.000Z"],
    ],
  );
  const events = nodeStateEvents(
    pools,
    Date.parse("2026-11-22T10:40:00Z"),
    Date.parse("2026-11-22T10:42:00Z"),
  );
  assert.deepEqual(
    events.map((event) => [event.summary, event.landing, event.code]),
    [
      [
        "etl / tvm-1 turned unusable · DiskFull",
        { kind: "node", poolId: "etl", nodeId: "tvm-1" },
        { family: "computeNode", code: "DiskFull" },
      ],
    ],
  );
});
