import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  runIds,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

/** The incident account with a second failing job, so the line names more than the job on screen. */
function accountFailingInTwoJobs() {
  const account = incidentAccount();
  account.tasksByJob = {
    ...account.tasksByJob,
    "adfv2-etl-ok": [
      {
        id: runIds.elsewhere,
        state: "completed",
        result: "failure",
        exitCode: 2,
        failure: { category: "usererror", code: "FailureExitCode" },
        retryCount: 0,
        requeueCount: 0,
        nodeId: "tvm-ok-1",
      },
    ],
  };
  return account;
}

test("the line under the header says where the account is failing, across jobs, as the snapshot does", async () => {
  harness = draw({ account: accountFailingInTwoJobs() });
  const frame = await harness.terminal.waitFor(/failed in the last 1h/);
  const lines = frame.split("\n");
  assert.match(lines[0] ?? "", /^batchtop contoso-batch/, "the header stays the first line");
  assert.match(
    lines[1] ?? "",
    /✗ failed in the last 1h \(<F> shows them\): adfv2-etl-bad: 2 failed: 1 FailureExitCode, 1 ResourceContainerAccessDenied · adfv2-etl-ok: 1 failed/,
  );
  assert.equal(lines.length, 48, "the panes give the line its row: nothing scrolls");
});

test("F opens the failed tasks of the job failing most; F again, those of the next failing job", async () => {
  harness = draw({ account: accountFailingInTwoJobs() });
  const { terminal } = harness;
  await terminal.waitFor(/failed in the last 1h/);
  await terminal.press("F");
  let frame = terminal.frame();
  assert.match(frame, /▸ Tasks of adfv2-etl-bad \(2 of 4\) · faults only/);
  assert.match(frame, new RegExp(runIds.failedAccess));
  assert.doesNotMatch(frame, new RegExp(runIds.succeeded), "only the failed tasks");
  await terminal.press("F");
  frame = terminal.frame();
  assert.match(frame, /▸ Tasks of adfv2-etl-ok \(1\) · faults only/);
  assert.match(frame, new RegExp(runIds.elsewhere));
});

test("with no failed task there is no line, and the panes keep every row", async () => {
  const account = incidentAccount();
  account.tasksByJob = { "adfv2-etl-ok": account.tasksByJob?.["adfv2-etl-ok"] ?? [] };
  harness = draw({ account });
  const frame = await harness.terminal.waitFor(/Pools \(2\)/);
  assert.doesNotMatch(frame, /failed in the last/);
  assert.match(frame.split("\n")[1] ?? "", /^[╭┏]/, "the panes start under the header");
  await harness.terminal.press("F");
  assert.match(harness.terminal.frame(), /no task failed in the last hour/);
});
