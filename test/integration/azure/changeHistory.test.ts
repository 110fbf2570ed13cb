import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ChangeHistory } from "../../../src/azure/changeHistory.js";
import { readChanges } from "../../../src/store/changesRead.js";
import { measure, type SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// `:changes`' queries against the demo workspace of the incident scenario: transform_customers_hourly
// (ADF) and refresh_inventory (Synapse) start failing 35 and 30 minutes before the hand-over, and
// etl-highmem-e8's resize, asked 6 minutes before, runs into the core quota.

const MINUTE = 60_000;
let account: SimAccount;
let history: ChangeHistory;
let now: Date;

before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", seed: 3, readOnly: true });
  assert.ok(account.adapters.changeHistory);
  history = account.adapters.changeHistory;
  now = account.sim.world.now();
});
after(() => account.sim.stop());

test("the pipelines that started failing in the last hour, with their first error, aggregated by the workspace", async (t) => {
  const since = new Date(now.getTime() - 60 * MINUTE);
  const traffic = await measure(account.sim, () => history.pipelinesStartedFailing(since, now));
  t.diagnostic(
    `${traffic.count} queries, ${traffic.responseBytes} response bytes, ${traffic.result.items.length} pipelines`,
  );
  assert.equal(traffic.count, 2, "one query per table family");
  const { items, warnings } = traffic.result;
  assert.deepEqual(warnings, []);
  const transform = items.find((row) => row.pipelineName === "transform_customers_hourly");
  assert.ok(transform, `transform_customers_hourly among ${items.map((row) => row.pipelineName).join(", ")}`);
  assert.ok(
    transform.firstFailedAt >= new Date(now.getTime() - 36 * MINUTE),
    transform.firstFailedAt.toISOString(),
  );
  assert.equal(transform.activityType, "Custom");
  assert.ok(transform.errorCode, "ADF logs the first failure's error code");
  assert.ok(transform.failedRuns >= 1);
  assert.ok(
    items.some((row) => row.pipelineName === "refresh_inventory"),
    "the Synapse pipeline too",
  );
  // A pipeline failing before the window and still failing did not start failing in it.
  const lateSince = new Date(now.getTime() - 10 * MINUTE);
  const late = await history.pipelinesStartedFailing(lateSince, now);
  assert.equal(
    late.items.some((row) => row.pipelineName === "transform_customers_hourly"),
    false,
  );
});

test("pool resize events and the whole list, newest first, from Batch and the workspace", async (t) => {
  // etl-highmem-e8's resize (asked 6 minutes before the hand-over, PT30M) times out on the quota.
  account.sim.world.advance(25 * MINUTE);
  now = account.sim.world.now();
  const since = new Date(now.getTime() - 60 * MINUTE);
  const events = await history.poolResizeEvents(since, now);
  assert.ok(events.items.some((event) => event.poolId === "etl-highmem-e8" && event.operation === "start"));
  const completed = events.items.find(
    (event) => event.poolId === "etl-highmem-e8" && event.operation === "complete",
  );
  assert.equal(completed?.resultCode, "AccountCoreQuotaReached");

  const started = performance.now();
  const traffic = await measure(account.sim, () =>
    readChanges({ reader: account.adapters.reader, changeHistory: history }, { sinceMs: 60 * MINUTE, now }),
  );
  const read = traffic.result;
  t.diagnostic(
    `readChanges: ${traffic.count} requests, ${traffic.responseBytes} response bytes, ${Math.round(performance.now() - started)} ms, ${read.changes.length} changes`,
  );
  assert.deepEqual(read.notes, []);
  const times = read.changes.map((change) => change.time.getTime());
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    "newest first",
  );
  const kinds = new Set(read.changes.map((change) => change.kind));
  for (const kind of ["pipeline-failing", "new-failure-code", "pool-resize-error", "node-state"] as const)
    assert.ok(kinds.has(kind), kind);
  const resize = read.changes.findIndex((change) => change.kind === "pool-resize-error");
  const failing = read.changes.findIndex((change) => change.subject === "transform_customers_hourly");
  assert.ok(resize >= 0 && resize < failing, "the resize error, 24 minutes after the hand-over, comes first");
});
