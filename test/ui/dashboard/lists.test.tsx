import { test } from "node:test";
import assert from "node:assert/strict";
import { dashboardTestHooks, runIds, type DashboardHarness } from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

/** The frame's line that holds `text`. */
function lineWith(frame: string, text: string): string {
  return frame.split("\n").find((line) => line.includes(text)) ?? "";
}

test("pools show allocation, current/target, a bar of node states and the resize error code", async () => {
  harness = draw();
  const frame = await harness.terminal.waitFor(/AccountCoreQuotaReached/);
  const bad = lineWith(frame, "etl-bad ");
  assert.match(bad, /resizing +3\/8 +0\/0 ✗+◔+●+ .*AccountCoreQuotaReached/);
  assert.match(lineWith(frame, "etl-ok "), /steady +2\/2 +0\/0 ○+/);
});

test("f keeps only faults, and the title says how many are hidden", async () => {
  harness = draw();
  await harness.terminal.waitFor(/etl-ok /);
  await harness.terminal.press("f");
  const frame = harness.terminal.frame();
  assert.match(frame, /Pools \(1 of 2\) · faults only/);
  assert.doesNotMatch(lineWith(frame, "etl-ok "), /steady/);
  await harness.terminal.press("f");
  assert.match(harness.terminal.frame(), /Pools \(2\)/);
});

test("/ filters rows by a regular expression as it is typed; ! inverts; Esc clears it", async () => {
  harness = draw();
  await harness.terminal.waitFor(/etl-ok /);
  await harness.terminal.press("/", "o", "k");
  assert.match(harness.terminal.frame(), /\/ok▏/, "the prompt shows what is typed");
  assert.match(harness.terminal.frame(), /Pools \(1 of 2\) · \/ok/);
  await harness.terminal.press(keys.enter);
  assert.match(harness.terminal.frame(), /Nodes of etl-ok/, "the remaining row is selected");
  await harness.terminal.press("/", keys.backspace, keys.backspace, "!", "o", "k", keys.enter);
  assert.match(harness.terminal.frame(), /Pools \(1 of 2\) · \/!ok/);
  assert.match(harness.terminal.frame(), /Nodes of etl-bad/);
  await harness.terminal.press(keys.esc);
  assert.match(harness.terminal.frame(), /Pools \(2\)/);
});

test("Esc on the filter prompt puts back the filter that was there", async () => {
  harness = draw();
  await harness.terminal.waitFor(/etl-ok /);
  await harness.terminal.press("/", "b", "a", "d", keys.enter, "/", "x", "y", "z", keys.esc);
  assert.match(harness.terminal.frame(), /Pools \(1 of 2\) · \/bad/);
});

test("s steps through the orders and says which one is in force", async () => {
  harness = draw();
  await harness.terminal.waitFor(/etl-ok /);
  await harness.terminal.press("s");
  assert.match(harness.terminal.frame(), /pools sorted by faults first/);
  assert.match(harness.terminal.frame(), /Pools \(2\) · by faults first/);
});

test("Enter on a pool shows its nodes: heatmap with a legend, then the list, stuck nodes sortable by time in state", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Nodes of etl-bad/);
  await harness.terminal.press(keys.enter);
  let frame = harness.terminal.frame();
  assert.match(frame, /▸ Nodes of etl-bad \(3\)/);
  assert.match(frame, /✗ unusable 1 +◔ starting 1 +● running 1/);
  assert.match(lineWith(frame, "tvm-bad-broken"), /unusable +12m +0 .*ApplicationPackag/);
  await harness.terminal.press("t");
  frame = harness.terminal.frame();
  assert.match(frame, /by time in state/);
  const lines = frame.split("\n");
  const order = [/tvm-bad-stuck +starting/, /tvm-bad-broken +unusable/, /tvm-bad-run +running/].map((row) =>
    lines.findIndex((line) => row.test(line)),
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    "40 minutes starting comes first",
  );
});

test("Enter on a node shows the tasks that ran on it, and Esc goes back to the nodes", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Nodes of etl-bad/);
  // Nodes sort by state, trouble first: unusable, starting, then the running node.
  await harness.terminal.press(keys.enter, "j", "j", keys.enter);
  let frame = harness.terminal.frame();
  assert.match(frame, /▸ Tasks of adfv2-etl-bad on tvm-bad-run \(3\)/);
  assert.doesNotMatch(frame, new RegExp(runIds.failedAccess), "that task ran on another node");
  assert.match(frame, /1 failed: 1 FailureExitCode/);
  await harness.terminal.press(keys.esc);
  frame = harness.terminal.frame();
  assert.match(frame, /▸ Nodes of etl-bad/);
  assert.match(frame, /Tasks of adfv2-etl-bad \(4\)/, "back on the job's tasks");
});

test("jobs mark ADF workloads, list them first and show the selected job's task counts", async () => {
  harness = draw();
  const frame = await harness.terminal.waitFor(/adfv2-etl-bad +ADF/);
  assert.match(lineWith(frame, "adfv2-etl-bad "), /adfv2-etl-bad +ADF active +1 +2/);
  assert.ok(frame.indexOf("adfv2-etl-ok ") < frame.indexOf("nightly-report"));
  assert.doesNotMatch(lineWith(frame, "nightly-report"), /ADF/);
});

test("tasks are keyed by activity run id under a line that groups failures by code", async () => {
  harness = draw();
  const frame = await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  assert.match(frame, /2 failed: 1 FailureExitCode, 1 ResourceContainerAccessDenied/);
  assert.match(
    lineWith(frame, runIds.failedExit),
    /completed failure +1 FailureExitCode +tvm-bad-r\S* +1m00s/,
  );
  assert.match(lineWith(frame, runIds.running), /running +- +- +tvm-bad-r\S* +2m\b/);
});

test("Tab to the jobs, Enter on a job, then f on its tasks keeps only the failed ones", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad/);
  await harness.terminal.press(keys.tab, keys.tab, keys.enter, "f");
  const frame = harness.terminal.frame();
  assert.match(frame, /▸ Tasks of adfv2-etl-bad \(2 of 4\) · faults only/);
  assert.doesNotMatch(frame, new RegExp(runIds.succeeded));
});

test("Enter on a task opens its log tail", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad/);
  await harness.terminal.press(keys.tab, keys.tab, keys.tab, "j", "j", keys.enter);
  const frame = harness.terminal.frame();
  assert.match(frame, new RegExp(`▸ Log of ${runIds.failedExit}`));
  assert.match(frame, /ERROR: column demand_id missing/);
});

test("text from Azure cannot drive the terminal: escape sequences and bidi overrides are neutralised", async () => {
  harness = draw({
    account: {
      pools: [
        {
          id: "evil\u001b]0;owned\u0007pool",
          vmSize: "standard_d2s_v3\u202e",
          state: "active",
          allocationState: "steady",
          currentDedicatedNodes: 0,
          targetDedicatedNodes: 0,
          currentSpotNodes: 0,
          targetSpotNodes: 0,
          enableAutoScale: false,
          taskSlotsPerNode: 1,
          identityCount: 0,
          resizeErrors: [{ code: "Bad\u001b[2JCode", message: "x" }],
        },
      ],
      jobs: [],
    },
  });
  const frame = await harness.terminal.waitFor(/Pools \(1\)/);
  assert.ok(!frame.includes("\u001b"), "no escape character reaches the screen");
  assert.ok(!frame.includes("\u0007") && !frame.includes("\u202e"), "nor a bell or a bidi override");
  assert.match(frame, /evil/);
});

test("keys that arrive in one chunk (typed faster than they are read) each count", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Nodes of etl-bad/);
  await harness.terminal.press("\r", "jj\r");
  assert.match(harness.terminal.frame(), /▸ Tasks of adfv2-etl-bad on tvm-bad-run \(3\)/);
});
