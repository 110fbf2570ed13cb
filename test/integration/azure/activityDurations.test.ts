import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { RunHistory } from "../../../src/azure/runHistory.js";
import { isHung, nearestRank, usualFromActivities } from "../../../src/model/hungTasks.js";
import { runEnd } from "../../../src/model/runs.js";
import { usualWindowMs } from "../../../src/store/polls/usualDurations.js";
import { measure, type SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The usual-duration query against the demo workspace of the incident scenario: Log Analytics (the
// demo's evaluator) summarises the week's succeeded runs into one p95 per pipeline activity, which
// must equal the p95 of the same runs listed one by one. The demo's history covers its lead-in hour
// and what has run since, not 7 days: compact_events runs every 5 minutes, so it has enough.

const pairs = [
  { pipelineName: "compact_events", activityName: "compact_partition" },
  { pipelineName: "ingest_sales_daily", activityName: "ingest_partition" },
  // Synapse's table answers the same query.
  { pipelineName: "refresh_inventory", activityName: "refresh_inventory_shard" },
  // Failing since the schema change, but it succeeded before it.
  { pipelineName: "transform_customers_hourly", activityName: "transform_customers" },
];

let account: SimAccount;
let history: RunHistory;

before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", seed: 3, readOnly: true });
  assert.ok(account.adapters.runHistory);
  history = account.adapters.runHistory;
});
after(() => account.sim.stop());

test("the p95 of each pipeline activity's succeeded runs comes back summarised, one row per activity", async (t) => {
  const window = { durationMs: usualWindowMs };
  const traffic = await measure(account.sim, () => history.activityDurations(pairs, window));
  t.diagnostic(
    `activityDurations: ${traffic.count} requests, ${traffic.responseBytes} response bytes, ` +
      `service ${traffic.requests.map((entry) => Math.round(entry.durationMs)).join(" + ")} ms`,
  );
  assert.equal(traffic.count, 2, "one query per table family");
  const { items, warnings } = traffic.result;
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    items.map((stat) => stat.pipelineName).sort(),
    pairs.map((pair) => pair.pipelineName).sort(),
    "one row per asked activity",
  );

  // The oracle: every run of the window listed, its latest state, succeeded ones' durations.
  const runs = await history.latestActivityRuns(window, { limit: 10_000 });
  for (const stat of items) {
    const durations = runs.items
      .filter(
        (run) =>
          run.pipelineName === stat.pipelineName &&
          run.activityName === stat.activityName &&
          run.status === "Succeeded",
      )
      .map((run) => runEnd(run.end)!.getTime() - run.start!.getTime())
      .sort((a, b) => a - b);
    assert.equal(stat.runs, durations.length, `${stat.pipelineName}: runs`);
    assert.equal(stat.p95Ms, nearestRank(durations, 95), `${stat.pipelineName}: p95`);
  }
  const compact = items.find((stat) => stat.pipelineName === "compact_events");
  assert.ok(compact && compact.runs >= 5, `compact_events succeeded ${compact?.runs} times`);
  assert.ok(compact.p95Ms >= 150_000 && compact.p95Ms <= 240_000, `p95 ${compact.p95Ms} ms`);
  t.diagnostic(`compact_events: p95 ${compact.p95Ms} ms over ${compact.runs} succeeded runs`);

  // Its stuck run's task is running, 20 minutes in: hung? by that usual.
  const stuck = runs.items.find(
    (run) => run.pipelineName === "compact_events" && run.status === "InProgress",
  );
  assert.ok(stuck);
  const [task] = await account.adapters.reader.listTasks("adfv2-etl-linux-d4", {
    ids: [stuck.activityRunId],
  });
  assert.equal(task?.state, "running");
  const usual = usualFromActivities(items)("compact_events", "compact_partition");
  assert.equal(isHung(task, usual, account.sim.world.now()), true);
});

test("an activity without succeeded runs is absent, and no activities sends no query", async () => {
  const result = await history.activityDurations(
    [{ pipelineName: "reconcile_ledger_daily", activityName: "reconcile_accounts" }],
    { durationMs: usualWindowMs },
  );
  assert.deepEqual(result, { items: [], warnings: [] });
  const none = await measure(account.sim, () => history.activityDurations([], { durationMs: usualWindowMs }));
  assert.equal(none.count, 0);
});
