import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { bucketIndex, sparkline, sumCounts, timelineBuckets, toSeries } from "../../../src/model/timeline.js";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";

// `:timeline` and the failure strip through the real dashboard against the demo account's incident
// morning, wired as `batchtop demo` wires it. The clock is frozen 26 minutes after the hand-over:
// transform_customers_hourly has failed since 35 minutes before it, and etl-highmem-e8's resize,
// started 6 minutes before it and stalled on the core quota, ended with its error 24 minutes after.

const MINUTE = 60_000;
const cells = "[·▁▂▃▄▅▆▇█]";

let demo: DemoDashboard;
let account: SimAccount;
let terminal: Terminal;
let handOver: number;
let now: number;

before(async () => {
  demo = await startDemoDashboard({
    scenario: "incident",
    readOnly: true,
    prepare: async (started) => {
      handOver = started.sim.world.now().getTime();
      started.sim.world.advance(26 * MINUTE);
      now = started.sim.world.now().getTime();
      // The demo workspace's Kusto parser loads on its first query: not inside a waitFor.
      await started.adapters.timeline?.counts({ durationMs: MINUTE }, MINUTE);
    },
  });
  ({ account, terminal } = demo);
});
after(() => demo.stop());

/** Waits longer than one waitFor: Log Analytics answers in its own time. */
async function until(pattern: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const frame = await terminal.waitFor(pattern).then(
      (shown) => shown,
      () => undefined,
    );
    if (frame !== undefined) return frame;
  }
  return terminal.waitFor(pattern);
}

/** The sparkline of the series labelled `label`, and the buckets where it is not empty. */
function seriesCells(frame: string, label: string): { line: string; busy: number[] } {
  const match = new RegExp(`${label}\\s+(${cells}{30}) \\d+`).exec(frame);
  assert.ok(match?.[1], `no series ${label} in:\n${frame}`);
  const busy = [...match[1]].flatMap((cell, index) => (cell === "·" ? [] : [index]));
  return { line: match[1], busy };
}

test("the strip under the header shows the last hour's failures as a sparkline on every screen", async () => {
  const frame = await until(new RegExp(`✗ failed in the last 1h ${cells}{30} \\d+`));
  const strip = new RegExp(`✗ failed in the last 1h (${cells}{30}) (\\d+)`).exec(frame);
  // The same failures Log Analytics counts per 2-minute bucket: activity runs and Batch tasks.
  const buckets = timelineBuckets("1h", now);
  const { rows } = await account.adapters.timeline!.counts(
    { start: new Date(buckets.startMs), end: new Date(now) },
    buckets.bucketMs,
  );
  const failures = toSeries(rows, buckets).filter(
    (one) => one.kind === "activity-failed" || one.kind === "task-failed",
  );
  const expected = sumCounts(failures, 30);
  assert.equal(strip?.[1], sparkline(expected));
  assert.equal(
    Number(strip?.[2]),
    expected.reduce((sum, n) => sum + n, 0),
  );
  assert.ok(expected.filter((n) => n > 0).length > 10, "the burst fills the hour");
});

test(":timeline shows the burst and the resize error in their buckets, lists a bucket, and lands on a task's log", async () => {
  await terminal.press(":", "timeline", keys.enter);
  let frame = await until(/error AccountCoreQuotaReached/);
  assert.match(frame, /last 1h in 30 buckets of 2m · counted by Log Analytics/);
  assert.match(frame, /pool resizes \(AzureDiagnostics PoolResizeStartEvent, PoolResizeCompleteEvent\)/);
  // Batch logs no node state events: the group says its nodes are Batch's, as they are now.
  assert.match(
    frame,
    /nodes turning unusable, preempted or start task failed \(Batch: the nodes in that state now\)/,
  );

  const hour = timelineBuckets("1h", now);
  const resizeEnd = bucketIndex(hour, handOver + 24 * MINUTE);
  assert.ok(resizeEnd !== undefined);
  const error = seriesCells(frame, "error AccountCoreQuotaReached");
  assert.equal(error.busy.length, 1, error.line);
  assert.ok(Math.abs((error.busy[0] ?? -9) - resizeEnd) <= 1, `${error.line} vs bucket ${resizeEnd}`);

  // 6 hours in 12-minute buckets: nothing failed before the schema change, everything after it.
  await terminal.press("t");
  frame = await until(/last 6h in 30 buckets of 12m/);
  frame = await until(/transform_customers_hourly\s+[·▁▂▃▄▅▆▇█]{30} \d+/);
  const breaks = bucketIndex(timelineBuckets("6h", now), handOver - 35 * MINUTE);
  assert.ok(breaks !== undefined);
  const burst = seriesCells(frame, "transform_customers_hourly");
  assert.equal(burst.busy[0], breaks, burst.line);
  assert.deepEqual(
    burst.busy,
    Array.from({ length: 30 - breaks }, (_, i) => breaks + i),
    burst.line,
  );

  // Back to the hour; ← to the resize error's bucket, Enter lists its events.
  await terminal.press("t", "t");
  frame = await until(/error AccountCoreQuotaReached/);
  const at = seriesCells(frame, "error AccountCoreQuotaReached").busy[0] ?? 0;
  for (let step = 29; step > at; step--) await terminal.press("h");
  await terminal.press(keys.enter);
  await until(/events \d\d:\d\d:\d\dZ.*newest first/);
  // The resize ended on the bucket's first second: the list's oldest, at its end.
  await terminal.press("G");
  frame = await until(/resize error\s+Batch\s+etl-highmem-e8 resize completed · AccountCoreQuotaReached/);
  assert.match(frame, /events \d\d:\d\d:\d\dZ–\d\d:\d\d:\d\dZ, newest first/);

  // Esc goes back to the chart; Enter lists the bucket again, from its newest event: the failure
  // burst's tasks are there too, and Enter on one opens its log.
  await terminal.press(keys.esc);
  await until(/▼ \d\d:\d\dZ/);
  await terminal.press(keys.enter);
  frame = await until(/› \d\d:\d\d:\d\dZ/);
  frame = await until(/task failed\s+Batch\s+adfv2-/);
  const rows = frame.split("\n").filter((line) => /[› ] \d\d:\d\d:\d\dZ /.test(line));
  const taskRow = rows.findIndex((line) => /task failed\s+Batch\s+adfv2-/.test(line));
  assert.ok(taskRow >= 0, frame);
  const [, jobId, taskId] =
    /task failed\s+Batch\s+(adfv2-[\w-]+) \/ ([\w-]+)/.exec(rows[taskRow] ?? "") ?? [];
  for (let step = 0; step < taskRow; step++) await terminal.press("j");
  await terminal.press(keys.enter);
  frame = await until(new RegExp(`found task ${taskId} of ${jobId}: its log is open`));
  await until(new RegExp(`Tasks of ${jobId}`));
});
