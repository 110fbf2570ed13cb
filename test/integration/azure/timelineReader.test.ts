import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { TimelineReader } from "../../../src/azure/timelineReader.js";
import { bucketBounds, bucketIndex, timelineBuckets, toSeries } from "../../../src/model/timeline.js";
import { measure, type SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The timeline's queries against the demo workspace of the incident scenario: the transform
// pipeline breaks 35 minutes before the hand-over, etl-highmem-e8 starts a resize 6 minutes before
// it that the core quota stalls until its 30-minute timeout. Read-only throughout.

const MINUTE = 60_000;
let account: SimAccount;
let timeline: TimelineReader;

before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", seed: 3, readOnly: true });
  assert.ok(account.adapters.timeline);
  timeline = account.adapters.timeline;
  // Past the stalled resize's timeout: its completion with the quota error is logged.
  account.sim.world.advance(26 * MINUTE);
});
after(() => account.sim.stop());

test("counts per bucket: the failure burst and the resize error land in their buckets, summarised by the service", async (t) => {
  const now = account.sim.world.now().getTime();
  const handOver = now - 26 * MINUTE;
  const buckets = timelineBuckets("1h", now);
  const window = { start: new Date(buckets.startMs), end: new Date(now) };
  const traffic = await measure(account.sim, () => timeline.counts(window, buckets.bucketMs));
  t.diagnostic(
    `timeline counts: ${traffic.count} requests, ${traffic.responseBytes} response bytes, ${traffic.result.rows.length} rows`,
  );
  assert.equal(traffic.count, 3, "one query per table");
  assert.deepEqual(traffic.result.warnings, []);
  const series = toSeries(traffic.result.rows, buckets);

  // The burst began 61 minutes ago: the 6-hour chart (12-minute buckets) shows where.
  const wide = timelineBuckets("6h", now);
  const wideCounts = await timeline.counts(
    { start: new Date(wide.startMs), end: new Date(now) },
    wide.bucketMs,
  );
  const transform = toSeries(wideCounts.rows, wide).find(
    (one) => one.kind === "activity-failed" && one.key === "transform_customers_hourly",
  );
  assert.ok(transform, `series: ${series.map((one) => `${one.kind}:${one.key}`).join(", ")}`);
  assert.equal(transform.source, "ADFActivityRun");
  const breaksAt = bucketIndex(wide, handOver - 35 * MINUTE);
  assert.ok(breaksAt !== undefined);
  t.diagnostic(
    `transform_customers_hourly per 12 minutes: ${transform.counts.join(",")}; broke in bucket ${breaksAt}`,
  );
  // Nothing failed before the schema change broke it; every bucket after it has failures.
  assert.ok(
    transform.counts.slice(0, breaksAt).every((n) => n === 0),
    transform.counts.join(","),
  );
  assert.ok(
    transform.counts.slice(breaksAt + 1).every((n) => n > 0),
    transform.counts.join(","),
  );
  assert.ok(
    series.some((one) => one.source === "SynapseIntegrationActivityRuns" && one.key === "refresh_inventory"),
  );

  const taskFailures = series.filter((one) => one.kind === "task-failed");
  assert.ok(
    taskFailures.length > 0 && taskFailures.every((one) => one.source === "AzureDiagnostics TaskFailEvent"),
  );

  const resizeError = series.find((one) => one.kind === "resize-error");
  assert.ok(resizeError, "the stalled resize's completion carries its error");
  assert.equal(resizeError.key, "AccountCoreQuotaReached");
  // Started 6 minutes before the hand-over with a 30-minute timeout: it ends 24 minutes after.
  const endsIn = bucketIndex(buckets, handOver + 24 * MINUTE);
  assert.ok(endsIn !== undefined);
  const hits = resizeError.counts.flatMap((n, index) => (n > 0 ? [index] : []));
  assert.ok(
    hits.length === 1 && Math.abs((hits[0] ?? -9) - endsIn) <= 1,
    `resize error in ${hits.join(",")}, expected ${endsIn}`,
  );
  const starts = series.find((one) => one.kind === "resize-start");
  assert.ok(starts && starts.total >= 2, "both resizes started within the hour");
});

test("one bucket's events: a row per event, newest first, each naming where it lands", async () => {
  const now = account.sim.world.now().getTime();
  const buckets = timelineBuckets("1h", now);
  const { rows } = await timeline.counts(
    { start: new Date(buckets.startMs), end: new Date(now) },
    buckets.bucketMs,
  );
  const series = toSeries(rows, buckets);
  const resizeError = series.find((one) => one.kind === "resize-error");
  assert.ok(resizeError);
  const index = resizeError.counts.findIndex((n) => n > 0);
  const { startMs, endMs } = bucketBounds(buckets, index);
  const inBucket = series.reduce((sum, one) => sum + (one.counts[index] ?? 0), 0);
  const events = await timeline.events(new Date(startMs), new Date(endMs));
  assert.equal(events.items.length, inBucket, "the list holds what the chart counted");
  assert.ok(events.items.every((event, i) => i === 0 || events.items[i - 1]!.time >= event.time));
  assert.ok(events.items.every((event) => event.time.getTime() >= startMs && event.time.getTime() < endMs));
  const error = events.items.find((event) => event.kind === "resize-error");
  assert.ok(error);
  assert.deepEqual(error.landing, { kind: "pool", poolId: "etl-highmem-e8" });
  assert.match(error.summary, /AccountCoreQuotaReached/);

  // A bucket of the failure burst lists failed tasks that land on their task.
  const transform = series.find((one) => one.kind === "task-failed");
  assert.ok(transform);
  const busy = transform.counts.findIndex((n) => n > 0);
  const bounds = bucketBounds(buckets, busy);
  const burst = await timeline.events(new Date(bounds.startMs), new Date(bounds.endMs));
  const task = burst.items.find((event) => event.kind === "task-failed");
  assert.ok(task?.landing?.kind === "task", JSON.stringify(task));
  assert.match(task.landing.jobId, /^adfv2-/);
});
