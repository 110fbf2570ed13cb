import { test } from "node:test";
import assert from "node:assert/strict";
import {
  dashboardTestHooks,
  incidentAccount,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

// X stops a resize; D, E, X and O act on nodes (the marked ones, or the selected one); S chooses
// what becomes of tasks on removed nodes and the resize timeout. Every dialog opens on Cancel.

const draw = dashboardTestHooks();
const right = "\u001b[C";

async function start(options: HarnessOptions = {}): Promise<DashboardHarness> {
  const harness = draw(options);
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return harness;
}

/** The frame with the dialog's borders taken out, so a wrapped line reads as one. */
const unwrapped = (frame: string) => frame.replace(/\s*║\s*/g, " ");

test("X stops a resizing pool's resize after confirmation; Enter on the default Cancel sends nothing", async () => {
  const { terminal, sent, journal, store } = await start();
  await terminal.press("X");
  let frame = unwrapped(terminal.frame());
  assert.match(frame, /Stop the resize of pool etl-bad/);
  assert.match(frame, /the pool stops at what it has: dedicated 3, spot 0/);
  assert.match(frame, /\[ Cancel \]/);
  await terminal.press(keys.enter);
  assert.match(terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(sent, []);
  await terminal.press("X", keys.tab);
  assert.match(terminal.frame(), /\[ Stop resize \]/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/Stop the resize of pool etl-bad: sent/);
  assert.deepEqual(sent, [
    {
      kind: "stop-resize",
      poolId: "etl-bad",
      current: { dedicated: 3, spot: 0 },
      target: { dedicated: 8, spot: 0 },
    },
  ]);
  const pool = store.account.pools.find((candidate) => candidate.id === "etl-bad");
  assert.ok(pool);
  Object.assign(pool, { allocationState: "stopping", allocationStateTransitionTime: new Date() });
  store.poll();
  await terminal.waitFor(/Stop the resize of pool etl-bad: accepted, stopping: dedicated 3 of 8/);
  Object.assign(pool, {
    allocationState: "steady",
    allocationStateTransitionTime: new Date(Date.now() + 1000),
  });
  store.poll();
  await terminal.waitFor(/Stop the resize of pool etl-bad: done, steady at dedicated 3 of 8/);
  frame = terminal.frame();
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [
      ["sent", "stop-resize", "pool etl-bad"],
      ["done", "stop-resize", "pool etl-bad"],
    ],
  );
});

test("X on a steady pool is refused before sending, as Batch would (PoolNotResizing), and journaled", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press("j", "X");
  assert.match(terminal.frame(), /etl-ok is steady, not resizing: there is no resize to stop/);
  assert.doesNotMatch(terminal.frame(), /Stop the resize/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["refused", "stop-resize", "pool etl-ok"]],
  );
});

test("S sends the deallocation option chosen (one line on each) and the resize timeout typed", async () => {
  const { terminal, sent } = await start();
  await terminal.press("j", "S", keys.backspace, "1", keys.tab, keys.tab);
  let frame = terminal.frame();
  assert.match(frame, /Removed nodes +\[requeue▏\]/);
  assert.match(frame, /▸ requeue: running tasks stop now and run again from the start elsewhere/);
  assert.match(frame, / {2}taskcompletion: running tasks finish first; no new ones start there/);
  assert.match(frame, / {2}retaineddata: running tasks finish, their data kept until retention ends/);
  assert.match(frame, / {2}terminate: running tasks stop now and end as failed, not run again/);
  await terminal.press(right, right);
  frame = unwrapped(terminal.frame());
  assert.match(frame, /▸ retaineddata/);
  assert.match(frame, /! removes 1 node; running tasks finish, their data kept until retention ends/);
  await terminal.press(keys.tab, "4");
  assert.match(terminal.frame(), /Batch refuses a resize timeout under 5 minutes, got 4/);
  await terminal.press("5", keys.tab, keys.tab);
  frame = unwrapped(terminal.frame());
  assert.match(frame, /• resize timeout: 45 minutes/);
  assert.match(frame, /• nodes removed leave by retaineddata/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/Resize pool etl-ok: sent/);
  assert.deepEqual(sent, [
    {
      kind: "rescale",
      poolId: "etl-ok",
      from: { dedicated: 2, spot: 0 },
      to: { dedicated: 1, spot: 0 },
      deallocation: "retaineddata",
      resizeTimeoutMinutes: 45,
    },
  ]);
});

test("D disables scheduling with the option chosen, and the next poll confirms it", async () => {
  const { terminal, sent, journal, store } = await start();
  await terminal.press(keys.tab, "j", "j", "D");
  let frame = unwrapped(terminal.frame());
  assert.match(frame, /Disable scheduling on node tvm-bad-run of pool etl-bad/);
  assert.match(frame, /! 1 task running now \(requeue\)/);
  // What becomes of running tasks is said once, not in the changes and again in the danger line.
  assert.equal(frame.match(/stop now and run again from the start elsewhere/g)?.length, 1);
  assert.match(frame, /Running tasks +\[requeue\]/);
  assert.match(frame, /\[ Cancel \]/, "Cancel first");
  await terminal.press(keys.tab, right);
  frame = terminal.frame();
  assert.match(frame, /Running tasks +\[taskcompletion▏\]/);
  assert.doesNotMatch(frame, /retaineddata/, "scheduling off has three options, not four");
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Disable scheduling on node tvm-bad-run of pool etl-bad: sent/);
  assert.deepEqual(sent, [
    {
      kind: "disable-scheduling",
      poolId: "etl-bad",
      nodeIds: ["tvm-bad-run"],
      option: "taskcompletion",
      runningTasks: 1,
    },
  ]);
  const node = store.account.nodesByPool?.["etl-bad"]?.find((candidate) => candidate.id === "tvm-bad-run");
  assert.ok(node);
  node.schedulingState = "disabled";
  store.poll();
  await terminal.waitFor(/: done, the node takes no new tasks/);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target, entry.detail]),
    [
      ["sent", "disable-scheduling", "node tvm-bad-run of pool etl-bad", undefined],
      ["done", "disable-scheduling", "node tvm-bad-run of pool etl-bad", "the node takes no new tasks"],
    ],
  );
});

test("E on a node whose scheduling is enabled is refused; on a disabled one it confirms with Cancel first", async () => {
  const account = incidentAccount();
  const run = account.nodesByPool?.["etl-bad"]?.find((candidate) => candidate.id === "tvm-bad-run");
  assert.ok(run);
  run.schedulingState = "disabled";
  const { terminal, sent, journal } = await start({ account });
  await terminal.press(keys.tab, "j", "E");
  assert.match(terminal.frame(), /scheduling is already enabled; Batch enables it only where it is disabled/);
  assert.equal(journal.at(-1)?.outcome, "refused");
  await terminal.press("j", "E");
  assert.match(terminal.frame(), /Enable scheduling on node tvm-bad-run of pool etl-bad/);
  await terminal.press(keys.enter);
  assert.deepEqual(sent, [], "untouched Enter is Cancel");
  await terminal.press("E", keys.tab, keys.enter);
  await terminal.waitFor(/Enable scheduling on node tvm-bad-run of pool etl-bad: sent/);
  assert.deepEqual(sent, [{ kind: "enable-scheduling", poolId: "etl-bad", nodeIds: ["tvm-bad-run"] }]);
});

test("O reimages only an idle or running node, and X removes nodes only from a steady pool", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press(keys.tab, "O");
  assert.match(terminal.frame(), /Batch reimages a node that is idle or running/);
  await terminal.press("X");
  assert.match(terminal.frame(), /etl-bad is resizing; Batch removes nodes only from a steady pool/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action]),
    [
      ["refused", "reimage"],
      ["refused", "remove-nodes"],
    ],
  );
  await terminal.press("j", "j", "O");
  const frame = unwrapped(terminal.frame());
  assert.match(frame, /Reimage node tvm-bad-run of pool etl-bad/);
  assert.match(frame, /! files on the node are lost, task directories included; 1 task running/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/Reimage node tvm-bad-run of pool etl-bad: sent/);
  assert.deepEqual(sent, [
    { kind: "reimage", poolId: "etl-bad", nodeIds: ["tvm-bad-run"], option: "requeue", runningTasks: 1 },
  ]);
});

test("space marks nodes; X removes every marked node in one request after one confirmation listing them", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press("j", keys.tab, " ", "j", " ");
  let frame = terminal.frame();
  assert.match(frame, /Nodes of etl-ok.*2 marked/);
  assert.match(frame, /\* tvm-ok-1/);
  assert.match(frame, /\* tvm-ok-2/);
  await terminal.press("X");
  frame = unwrapped(terminal.frame());
  assert.match(frame, /Remove 2 nodes from pool etl-ok/);
  assert.match(frame, /• nodes: tvm-ok-1, tvm-ok-2/);
  assert.match(frame, /• 2 nodes leave the pool, and its target drops by 2/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/Remove 2 nodes from pool etl-ok: sent/);
  assert.deepEqual(sent, [
    {
      kind: "remove-nodes",
      poolId: "etl-ok",
      nodeIds: ["tvm-ok-1", "tvm-ok-2"],
      option: "requeue",
      runningTasks: 0,
    },
  ]);
  assert.equal(journal[0]?.target, "nodes tvm-ok-1, tvm-ok-2 of pool etl-ok");
  assert.doesNotMatch(terminal.frame(), /2 marked/, "the marks were for that action");
});

test("space marks nodes; B reboots every marked node after one confirmation, and journals them all", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press("j", keys.tab, " ", "j", " ", "B");
  const frame = unwrapped(terminal.frame());
  assert.match(frame, /Reboot 2 nodes of pool etl-ok/);
  assert.match(frame, /• nodes: tvm-ok-1, tvm-ok-2/);
  assert.match(frame, /• each restarts, one request per node/);
  assert.match(terminal.frame(), /\[ Cancel \]/, "Cancel first");
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Reboot 2 nodes of pool etl-ok: sent/);
  assert.deepEqual(sent, [
    { kind: "reboot", poolId: "etl-ok", nodeIds: ["tvm-ok-1", "tvm-ok-2"], runningTasks: 0 },
  ]);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["sent", "reboot", "nodes tvm-ok-1, tvm-ok-2 of pool etl-ok"]],
  );
  assert.doesNotMatch(terminal.frame(), /2 marked/, "the marks were for that action");
});

test("B on marks that include a node Batch would not reboot is refused, naming it, and journaled", async () => {
  const { terminal, sent, journal } = await start();
  await terminal.press(keys.tab, " ", "j", " ", "B");
  assert.match(
    terminal.frame(),
    /tvm-bad-stuck is starting; Batch reboots a node that is idle, running, offline or failed/,
  );
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action]),
    [["refused", "reboot"]],
  );
});

test("space again unmarks, Esc clears the marks before it goes back, and u clears them too", async () => {
  const { terminal } = await start();
  await terminal.press("j", keys.tab, " ", "j", " ", " ");
  assert.match(terminal.frame(), /1 marked/);
  await terminal.press(keys.esc);
  assert.doesNotMatch(terminal.frame(), /marked/);
  assert.match(terminal.frame(), /▸ Nodes of etl-ok/, "Esc cleared the marks and stayed in the nodes pane");
  await terminal.press(" ", "u");
  assert.doesNotMatch(terminal.frame(), /1 marked/);
  assert.match(terminal.frame(), /node marks cleared/);
});

test("in read-only mode the node actions and the stop are refused, journaled, and no dialog opens", async () => {
  const { terminal, sent, journal } = await start({ readOnlySource: "--read-only" });
  await terminal.press("X");
  assert.match(terminal.frame(), /read-only: stop resize is off \(--read-only\)/);
  await terminal.press(keys.tab, " ", "D");
  assert.match(terminal.frame(), /read-only: disable is off \(--read-only\)/);
  await terminal.press("E", "O", "X");
  assert.doesNotMatch(terminal.frame(), /Disable scheduling on|Reimage node|Remove node/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action]),
    [
      ["refused", "stop-resize"],
      ["refused", "disable-scheduling"],
      ["refused", "enable-scheduling"],
      ["refused", "reimage"],
      ["refused", "remove-nodes"],
    ],
  );
});
