import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DashboardStore } from "../../../src/store/dashboardStore.js";
import { demoClients, type DemoClients } from "../../helpers/demoClients.js";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";

// T from the keyboard against the demo account's incident morning, wired as `showDashboard` wires
// it (real store with Log Analytics, real adapters): reconcile_ledger_daily's activity failed at
// its 10-minute policy timeout while its Batch task hangs on. The tasks pane says so, T shows why
// the task may go, and the SDK sees it completed, ended by request.

let demo: DemoDashboard;
let sim: SimAccount;
let directory: string;
let terminal: Terminal;
let store: DashboardStore;
let clients: DemoClients;

before(async () => {
  demo = await startDemoDashboard({ scenario: "incident", seed: 3, readOnly: false, columns: 200 });
  ({ account: sim, directory, terminal, store } = demo);
  clients = demoClients(sim.sim);
});
after(() => demo.stop());

/** The frame with the dialog's borders and runs of spaces taken out, so a wrapped line reads as one. */
const unwrapped = (frame: string) => frame.replace(/\s*║\s*/g, " ").replace(/ +/g, " ");

test("T terminates the task that outlived its timed-out activity, saying why, and the SDK sees it ended", async () => {
  const jobId = "adfv2-etl-linux-d4";
  const hung = (await clients.batch.task.list(jobId)).filter(
    (task) => task.state === "running" && task.commandLine?.includes("reconcile.py"),
  );
  assert.equal(hung.length, 1, "reconcile_ledger_daily's task still runs");
  const taskId = hung[0]?.id ?? "";

  await terminal.waitFor(/Pools \(4\)/);
  await terminal.press(
    "/",
    ..."linux",
    keys.enter,
    keys.tab,
    keys.tab,
    "/",
    ..."linux",
    keys.enter,
    keys.tab,
  );
  await terminal.waitFor(/1 task outlived its pipeline activity/);
  await terminal.press("/", ..."orphaned", keys.enter);
  await terminal.waitFor(new RegExp(`Tasks of ${jobId} \\(1 of \\d+\\) · /orphaned`));
  assert.match(terminal.frame(), new RegExp(`${taskId} running .* orphaned: F`));

  await terminal.press("T");
  await terminal.waitFor(new RegExp(`Terminate task ${taskId}`));
  const dialog = unwrapped(terminal.frame());
  assert.match(
    dialog,
    new RegExp(`task ${taskId} of job ${jobId} stops now and completes as failed \\(TaskEnded\\)`),
  );
  assert.match(
    dialog,
    /its activity reconcile_accounts of pipeline reconcile_ledger_daily ended Failed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(ActivityTimedOut: The activity run exceeded its policy timeout of 0\.00:10:00 and was failed\.\): nothing waits for this task/,
  );
  assert.match(terminal.frame(), /\[ Cancel \] +Terminate/, "the dialog opens on Cancel");
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(new RegExp(`Terminate task ${taskId}: (sent|done)`));

  const ended = await clients.batch.task.get(jobId, taskId);
  assert.equal(ended.state, "completed");
  assert.equal(ended.executionInfo?.result, "failure");
  assert.equal(ended.executionInfo?.failureInfo?.code, "TaskEnded");
  assert.equal(ended.executionInfo?.exitCode, undefined, "ended by request, not by its program");
  store.refresh();
  await terminal.waitFor(new RegExp(`Terminate task ${taskId}: done, the task completed \\(TaskEnded\\)`));

  // Batch refuses to terminate a completed task, and so does the demo account.
  await assert.rejects(
    clients.batch.task.terminate(jobId, taskId),
    (error: { code?: string; statusCode?: number }) => {
      assert.equal(error.statusCode, 409);
      assert.equal(error.code, "TaskCompleted");
      return true;
    },
  );
  const journal = await readFile(join(directory, "batchtop", "audit.jsonl"), "utf8");
  assert.match(
    journal,
    new RegExp(`"action":"terminate-task","target":"task ${taskId} of job ${jobId}".*"outcome":"sent"`),
  );
  assert.match(journal, /nothing waits for this task/);
});
