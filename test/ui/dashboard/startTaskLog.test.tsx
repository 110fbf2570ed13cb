import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  tail,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { nodeSummary } from "../../helpers/modelFixtures.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

const node = "tvm-bad-starttask";

/** The incident account with a node whose start task failed, and what that start task wrote. */
function accountWithFailedStartTask() {
  const account = incidentAccount();
  account.nodesByPool = {
    ...account.nodesByPool,
    "etl-bad": [
      ...(account.nodesByPool?.["etl-bad"] ?? []),
      { ...nodeSummary(node, "starttaskfailed"), startTaskState: "completed", startTaskExitCode: 1 },
    ],
  };
  account.tails = {
    ...account.tails,
    [`etl-bad/${node}/startup/stdout`]: tail(["Collecting pandas==2.1.4", "Collecting pyodbc==5.9.9"], {
      source: { kind: "node", location: `${node}/startup/stdout.txt` },
    }),
    [`etl-bad/${node}/startup/stderr`]: tail(["ERROR: No matching distribution found for pyodbc==5.9.9"], {
      source: { kind: "node", location: `${node}/startup/stderr.txt` },
    }),
  };
  return account;
}

async function onFailedNode(): Promise<DashboardHarness> {
  harness = draw({ account: accountWithFailedStartTask() });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press(keys.enter, "/", ..."starttask", keys.enter);
  await terminal.waitFor(/Nodes of etl-bad \(1 of 4\)/);
  return harness;
}

test("l on a node whose start task failed opens its start task output in the log pane; e shows stderr", async () => {
  const { terminal, store } = await onFailedNode();
  await terminal.press("l");
  let frame = terminal.frame();
  assert.match(frame, new RegExp(`▸ Log of start task of ${node} · stdout`));
  assert.match(frame, new RegExp(`node file: ${node}/startup/stdout\\.txt`));
  assert.match(frame, /Collecting pyodbc==5\.9\.9/);
  assert.deepEqual(store.getSnapshot().focus.startTask, { poolId: "etl-bad", nodeId: node });
  assert.equal(store.getSnapshot().focus.taskId, undefined, "no task's log is tailed meanwhile");

  await terminal.press("e");
  frame = terminal.frame();
  assert.match(frame, new RegExp(`Log of start task of ${node} · stderr`));
  assert.match(frame, /ERROR: No matching distribution found for pyodbc==5\.9\.9/);
});

test("Esc goes back to the nodes and the log pane shows the selected task's log again", async () => {
  const { terminal, store } = await onFailedNode();
  await terminal.press("l", keys.esc);
  const frame = terminal.frame();
  assert.match(frame, /▸ Nodes of etl-bad/);
  assert.doesNotMatch(frame, /Log of start task/);
  assert.equal(store.getSnapshot().focus.startTask, undefined);
});

test("the key is in the help, named as a command", async () => {
  const { terminal } = await onFailedNode();
  await terminal.press("?");
  assert.match(terminal.frame(), /l +.*start task output/);
});
