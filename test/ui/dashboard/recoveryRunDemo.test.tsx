import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pipelineHostFromResourceId, type PipelineHostRef } from "../../../src/model/pipelineRuns.js";
import type { DashboardStore } from "../../../src/store/dashboardStore.js";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";

// R from the keyboard against the demo account's incident morning, wired as `batchtop demo` wires it:
// the failed transform_customers task is re-run as the pipeline sees it (a recovery run from the
// failed activity), the new run and its new task are followed, the selection lands on the new task,
// and Data Factory and Log Analytics, read through the SDKs, show the recovery.

const MINUTE = 60_000;

let demo: DemoDashboard;
let account: SimAccount;
let directory: string;
let terminal: Terminal;
let store: DashboardStore;

before(async () => {
  demo = await startDemoDashboard({ scenario: "incident", readOnly: false });
  ({ account, directory, terminal, store } = demo);
});
after(() => demo.stop());

/**
 * Waits for the screen to show `pattern`, asking the store to poll again meanwhile: the recovery's
 * follow polls every 5 s, longer than one `waitFor`, and a poll asked for while one runs is skipped.
 */
async function polledUntil(pattern: RegExp): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    store.refresh();
    if (
      await terminal.waitFor(pattern).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await terminal.waitFor(pattern);
}

/** The newest failed transform_customers task whose pipeline run failed, as Log Analytics and the factory tell it. */
async function failedTransformTask(): Promise<{ host: PipelineHostRef; runId: string; taskId: string }> {
  const { adapters } = account;
  const { items } = await adapters.runHistory!.latestActivityRuns({ durationMs: 60 * MINUTE });
  for (const row of items) {
    if (row.activityName !== "transform_customers" || row.status !== "Failed" || !row.resourceId) continue;
    const host = pipelineHostFromResourceId(row.resourceId);
    assert.ok(host);
    const run = await adapters.pipelineRunReader!.getPipelineRun(host, row.pipelineRunId);
    if (run.status === "Failed" && run.isLatest !== false)
      return { host, runId: run.runId, taskId: row.activityRunId };
  }
  assert.fail("the incident has a failed transform_customers run");
}

test("R re-runs the failed activity's pipeline run: the recovery run and its new task are followed, and the new task is selected", async () => {
  const failed = await failedTransformTask();
  const jobs = await account.adapters.reader.listJobs();
  let jobId: string | undefined;
  for (const job of jobs)
    if ((await account.adapters.reader.listTasks(job.id, { ids: [failed.taskId] })).length > 0)
      jobId = job.id;
  assert.ok(jobId, "the failed activity ran as a Batch task");
  // The bug is fixed before the re-run, as an operator would after reading stderr.
  account.sim.world.fixPipeline("transform_customers_hourly");

  await terminal.waitFor(/Jobs \(/);
  // As an operator browses: the job, its faults only, then a filter down to the failed task. Nothing
  // is selected by hand (the first row is), and both narrowings would hide the new task.
  await terminal.press(":", ..."jobs", keys.enter, "/", ...jobId, keys.enter, keys.enter);
  await terminal.waitFor(new RegExp(`▸ Tasks of ${jobId}`));
  await terminal.press("f", "/", ...failed.taskId, keys.enter);
  await terminal.waitFor(new RegExp(`Tasks of ${jobId} \\(1 of \\d+\\)`));
  // Log Analytics answers on its own rhythm; the dialog needs its row.
  store.refresh();
  await terminal.waitFor(/transform_customers_hourly/);
  await terminal.press("R");
  await terminal.waitFor(/Re-run task/);
  await terminal.waitFor(/a recovery run of run [0-9a-f]{8}…[\s║]+from[\s║]+transform_customers/);
  assert.match(terminal.frame(), /\(•\) Re-run the pipeline from the failed activity/);
  assert.match(terminal.frame(), /! the pipeline will not see the result/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  // The follow may already have read the new run by the time the screen is drawn.
  await terminal.waitFor(/Re-run the pipeline from the failed activity: (sent|accepted)/);

  const journal = await readFile(join(directory, "batchtop", "audit.jsonl"), "utf8");
  const newRunId = /"detail":"new pipeline runs: ([0-9a-f-]+)"/.exec(journal)?.[1];
  assert.ok(newRunId, `the journal names the new pipeline run: ${journal}`);
  assert.match(journal, /"action":"recovery-run".*"outcome":"sent"/);

  // Data Factory, through the SDK: a new run grouped with the failed one, which is no longer the latest.
  const reader = account.adapters.pipelineRunReader!;
  const recovery = await reader.getPipelineRun(failed.host, newRunId);
  const reference = await reader.getPipelineRun(failed.host, failed.runId);
  assert.equal(recovery.runGroupId, reference.runGroupId);
  assert.equal(reference.isLatest, false);

  // The run starts its Custom activity again as a new task; the selection moves onto it.
  for (let step = 0; step < 3; step++) {
    account.sim.world.advance(MINUTE);
    store.refresh();
  }
  const activities = await reader.activityRuns(failed.host, recovery);
  // The log pane follows the selection: it shows one of the new tasks, not the failed one.
  await polledUntil(new RegExp(`Log of (${activities.map((activity) => activity.activityRunId).join("|")})`));
  const newTask = /Log of ([0-9a-f-]+)/.exec(terminal.frame())?.[1];
  assert.ok(newTask && newTask !== failed.taskId);
  // transform_customers fans out in two partitions: both run again, each as a new task.
  assert.deepEqual(
    activities.map((activity) => activity.activityName),
    ["transform_customers", "transform_customers"],
  );
  assert.ok(activities.some((activity) => activity.activityRunId === newTask));
  assert.ok(activities.every((activity) => activity.activityRunId !== failed.taskId));
  await terminal.press(keys.enter);
  await terminal.waitFor(new RegExp(`▸ Log of ${newTask}`));

  // The new task succeeds (the bug was fixed), and the recovery run ends Succeeded.
  for (let step = 0; step < 30; step++) {
    account.sim.world.advance(MINUTE);
    const run = await reader.getPipelineRun(failed.host, newRunId);
    if (run.status === "Succeeded") break;
  }
  await polledUntil(/Re-run the pipeline from the failed activity: done/);
  const [task] = await account.adapters.reader.listTasks(jobId, { ids: [newTask] });
  assert.equal(task?.state, "completed");
  assert.equal(task?.result, "success");

  // Log Analytics has the new activity run, in the new pipeline run.
  const logged = await account.adapters.runHistory!.activityRunsByIds([newTask], { durationMs: 60 * MINUTE });
  assert.deepEqual(
    logged.items.map((row) => [row.pipelineRunId, row.status]),
    [[newRunId, "Succeeded"]],
  );
});

test("marked tasks of two failed pipeline runs are re-run in one confirmation: one recovery run per pipeline run", async () => {
  const { adapters, sim } = account;
  const reader = adapters.pipelineRunReader!;
  const { items } = await adapters.runHistory!.latestActivityRuns({ durationMs: 3 * 60 * MINUTE });
  // Failed transform_customers tasks by pipeline run, for runs not recovered yet.
  const byRun = new Map<string, string[]>();
  let host: PipelineHostRef | undefined;
  for (const row of items) {
    if (row.activityName !== "transform_customers" || row.status !== "Failed" || !row.resourceId) continue;
    host = pipelineHostFromResourceId(row.resourceId);
    assert.ok(host);
    const run = await reader.getPipelineRun(host, row.pipelineRunId);
    if (run.status !== "Failed" || run.isLatest === false) continue;
    byRun.set(row.pipelineRunId, [...(byRun.get(row.pipelineRunId) ?? []), row.activityRunId]);
  }
  const runs = [...byRun].filter(([, tasks]) => tasks.length === 2).slice(0, 2);
  assert.equal(runs.length, 2, "the incident has two more failed runs, each with two failed partitions");
  const [[runA, tasksA], [runB, tasksB]] = runs as [[string, string[]], [string, string[]]];
  const marked = [...tasksA, tasksB[0]!];

  await terminal.press(keys.shiftTab);
  for (const taskId of marked) await terminal.press("/", "\u0015", ...taskId, keys.enter, " ");
  await terminal.press("/", "\u0015", keys.enter);
  store.refresh();
  await terminal.press("R");
  await terminal.waitFor(/Re-run 3 marked tasks/);
  await terminal.waitFor(/Re-run their pipelines from the failed activities/);
  await terminal.waitFor(
    new RegExp(
      `run ${runA.slice(0, 8)}…[\\s\\S]*run ${runB.slice(0, 8)}…|run ${runB.slice(0, 8)}…[\\s\\S]*run ${runA.slice(0, 8)}…`,
    ),
  );
  const mark = sim.requestLog.mark();
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/Re-run 2 pipeline runs from their failed activities: (sent|accepted)/);
  const created = sim.requestLog
    .since(mark)
    .filter((entry) => entry.method === "POST" && /\/createRun$/i.test(entry.path));
  assert.equal(created.length, 2, "one recovery run per pipeline run, not one per task");
  for (const reference of [runA, runB]) {
    const group = await reader.getPipelineRun(host!, reference);
    assert.equal(group.isLatest, false, `run ${reference} was recovered`);
  }
});
