import { test } from "node:test";
import assert from "node:assert/strict";
import {
  dashboardTestHooks,
  incidentAccount,
  runIds,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import { activityRun } from "../../helpers/modelFixtures.js";
import { keys } from "../../helpers/renderTerminal.js";

// T on the tasks pane: the tasks a pipeline no longer waits for are shown as such; the confirmation
// weighs terminating against the pipeline (an orphan may go; a running activity fails with it; no
// context is said); a completed task and read-only mode are refused and journaled. Opens on Cancel.

const draw = dashboardTestHooks();

/** The frame with the dialog's borders and runs of spaces taken out, so a wrapped line reads as one. */
const unwrapped = (frame: string) => frame.replace(/\s*║\s*/g, " ").replace(/ +/g, " ");

/** The incident account, with Log Analytics naming the running task's activity run in `status`. */
function withRun(status: string, end?: Date): HarnessOptions {
  const account = incidentAccount();
  account.runs = [
    activityRun({
      activityRunId: runIds.running,
      pipelineName: "reconcile_ledger_daily",
      pipelineRunId: "p-42",
      activityName: "reconcile_accounts",
      status,
      ...(end ? { end, updated: end } : {}),
    }),
  ];
  // Wide enough for the FAILURE column to show the whole note.
  return { account, columns: 300 };
}

async function start(options: HarnessOptions = {}): Promise<DashboardHarness> {
  const harness = draw(options);
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  // The tasks pane, on its first row: the running task (the most recently changed).
  await harness.terminal.press(keys.tab, keys.tab, keys.tab);
  return harness;
}

test("a running task whose activity was cancelled is marked in the list, and T says nothing waits for it", async () => {
  const { terminal, sent, journal } = await start(withRun("Cancelled", new Date(Date.now() - 12 * 60_000)));
  await terminal.waitFor(/orphaned: Cancelled 12m ago/);
  assert.match(terminal.frame(), /1 task outlived its pipeline activity \(\/orphaned, T terminates\)/);
  await terminal.press("T");
  const frame = unwrapped(terminal.frame());
  assert.match(frame, new RegExp(`Terminate task ${runIds.running}`));
  assert.match(
    frame,
    /its activity reconcile_accounts of pipeline reconcile_ledger_daily ended Cancelled at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: nothing waits for this task/,
  );
  assert.doesNotMatch(frame, /! /, "no danger: the pipeline does not wait for it");
  assert.match(terminal.frame(), /\[ Cancel \] +Terminate/, "Cancel first");
  await terminal.press(keys.enter);
  assert.equal(sent.length, 0, "Enter on Cancel sends nothing");
  await terminal.press("T", keys.tab, keys.enter);
  await terminal.waitFor(new RegExp(`Terminate task ${runIds.running}: sent`));
  assert.deepEqual(
    sent.map((plan) => plan.kind === "terminate-task" && [plan.jobId, plan.taskId, plan.reason.kind]),
    [["adfv2-etl-bad", runIds.running, "orphaned"]],
  );
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["sent", "terminate-task", `task ${runIds.running} of job adfv2-etl-bad`]],
  );
});

test("a task whose activity still runs: T warns that the activity and its pipeline run fail with it", async () => {
  const { terminal } = await start(withRun("InProgress"));
  assert.doesNotMatch(terminal.frame(), /outlived/);
  await terminal.press("T");
  assert.match(
    unwrapped(terminal.frame()),
    /! its activity reconcile_accounts of pipeline reconcile_ledger_daily is InProgress: terminating fails that activity, and so the pipeline run p-42/,
  );
});

test("without a pipeline context T says batchtop cannot tell; a completed task is refused and journaled", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press("T");
  assert.match(unwrapped(terminal.frame()), /no pipeline run is known for this task/);
  await terminal.press(keys.esc, "j", "T");
  assert.match(
    terminal.frame(),
    new RegExp(`${runIds.failedAccess} already completed; Batch terminates only a task that has not`),
  );
  assert.doesNotMatch(terminal.frame(), /Terminate task/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["refused", "terminate-task", `task ${runIds.failedAccess} of job adfv2-etl-bad`]],
  );
});

test("in read-only mode T is refused, journaled, and no dialog opens", async () => {
  const { terminal, sent, journal } = await start({ ...withRun("Cancelled"), readOnlySource: "--read-only" });
  await terminal.press("T");
  assert.match(terminal.frame(), /read-only: terminate is off \(--read-only\)/);
  assert.doesNotMatch(terminal.frame(), /Terminate task/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["refused", "terminate-task", `task ${runIds.running} of job adfv2-etl-bad`]],
  );
});
