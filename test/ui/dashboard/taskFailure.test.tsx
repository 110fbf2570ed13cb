import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  runIds,
  tail,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

const container = "https://stdemo.blob.core.windows.net/adfjobs";
const identity =
  "/subscriptions/s/resourcegroups/rg/providers/microsoft.managedidentity/userassignedidentities/id-etl";

/** The incident account, with the access-denied task as the service reports it: details and command line. */
function accountWithDetails() {
  const account = incidentAccount();
  const tasks = account.tasksByJob?.["adfv2-etl-bad"] ?? [];
  account.tasksByJob = {
    ...account.tasksByJob,
    "adfv2-etl-bad": tasks.map((task) =>
      task.id === runIds.failedAccess
        ? {
            ...task,
            commandLine: "/bin/bash -c 'python3 -u transform.py'",
            failure: {
              category: "usererror",
              code: "ResourceContainerAccessDenied",
              message: "Access for one of the specified Azure Blob container(s) is denied",
              details: [
                { name: "ContainerUrl", value: container },
                { name: "IdentityReference", value: identity },
              ],
            },
          }
        : task,
    ),
  };
  return account;
}

async function start(account = accountWithDetails()): Promise<DashboardHarness> {
  harness = draw({ account });
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return harness;
}

test("a failed task's details show the service's failure details and the command line", async () => {
  const { terminal } = await start();
  await terminal.press(keys.tab, keys.tab, keys.tab, "j", "d");
  const frame = terminal.frame();
  assert.match(frame, new RegExp(`▸ Details of task ${runIds.failedAccess}`));
  assert.match(frame, /"commandLine": "\/bin\/bash -c 'python3 -u transform\.py'"/);
  assert.match(frame, /"details": \{/);
  assert.match(frame, new RegExp(`"ContainerUrl": "${container}"`));
  assert.match(frame, /"IdentityReference": "\/subscriptions\/s\/.*\/id-etl"/);
});

test("the log pane says why the task failed, naming the container and identity refused", async () => {
  const { terminal } = await start();
  await terminal.press(keys.tab, keys.tab, keys.tab, "j");
  const frame = terminal.frame();
  assert.match(
    frame,
    new RegExp(
      `✗ ResourceContainerAccessDenied · ContainerUrl ${container} · IdentityReference /subscriptions`,
    ),
  );
});

test("moving to the next failed task keeps the stream the operator chose", async () => {
  const account = accountWithDetails();
  account.tails = {
    ...account.tails,
    [`adfv2-etl-bad/${runIds.failedAccess}/stderr`]: tail(["pip: permission denied"]),
  };
  const { terminal, store } = await start(account);
  await terminal.press(keys.tab, keys.tab, keys.tab, "f", keys.enter, "e");
  assert.match(terminal.frame(), /pip: permission denied/, "stderr of the first failed task");
  await terminal.press(keys.shiftTab, "j");
  const frame = terminal.frame();
  assert.match(frame, new RegExp(`Log of ${runIds.failedExit} · stderr`));
  assert.match(frame, /KeyError: 'demand_id'/);
  assert.equal(store.getSnapshot().focus.stream, "stderr");
});
