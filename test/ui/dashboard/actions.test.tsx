import { test } from "node:test";
import assert from "node:assert/strict";
import {
  dashboardTestHooks,
  runIds,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

async function start(options: HarnessOptions = {}): Promise<DashboardHarness> {
  harness = draw(options);
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return harness;
}

test("S asks for the new targets and previews the change; Esc sends nothing", async () => {
  const { terminal, sent } = await start();
  await terminal.press("j", "S");
  let frame = terminal.frame();
  assert.match(frame, /Resize pool etl-ok/);
  assert.match(frame, /Dedicated nodes +\[2▏\] +now 2, target 2/);
  assert.match(frame, /etl-ok already targets 2 dedicated and 0 spot nodes/);
  await terminal.press(keys.backspace, "5");
  frame = terminal.frame();
  assert.match(frame, /• dedicated nodes: 2 → 5/);
  assert.match(frame, /<Enter> choose +<Esc> cancel/);
  await terminal.press(keys.esc);
  assert.match(terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(sent, []);
});

test("Apply sends the resize once, records it, and the next poll confirms it", async () => {
  const { terminal, sent, journal, store } = await start();
  await terminal.press("j", "S", keys.backspace, "5", keys.tab, keys.tab, keys.tab, keys.tab, keys.tab);
  assert.match(terminal.frame(), /\[ Resize \]/, "Apply has focus");
  await terminal.press(keys.enter);
  await terminal.waitFor(/Resize pool etl-ok: sent; waiting for the account to show it/);
  assert.deepEqual(sent, [
    {
      kind: "rescale",
      poolId: "etl-ok",
      from: { dedicated: 2, spot: 0 },
      to: { dedicated: 5, spot: 0 },
      deallocation: "requeue",
    },
  ]);
  assert.equal(journal[0]?.outcome, "sent");
  assert.deepEqual(journal[0]?.changes, ["dedicated nodes: 2 → 5", "spot nodes: 0 → 0"]);
  const pool = store.account.pools.find((candidate) => candidate.id === "etl-ok");
  assert.ok(pool);
  Object.assign(pool, { targetDedicatedNodes: 5, allocationState: "resizing" });
  store.poll();
  await terminal.waitFor(/Resize pool etl-ok: accepted, resizing: dedicated 2 of 5/);
  Object.assign(pool, { currentDedicatedNodes: 5, allocationState: "steady" });
  store.poll();
  await terminal.waitFor(/Resize pool etl-ok: done, steady at dedicated 5 of 5/);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.detail]),
    [
      ["sent", undefined],
      ["done", "steady at dedicated 5 of 5"],
    ],
  );
});

test("a resize that stops short is reported as failed with Batch's resize error, and journaled", async () => {
  const { terminal, journal, store } = await start();
  await terminal.press(
    "j",
    "S",
    keys.backspace,
    "9",
    keys.tab,
    keys.tab,
    keys.tab,
    keys.tab,
    keys.tab,
    keys.enter,
  );
  await terminal.waitFor(/sent; waiting/);
  const pool = store.account.pools.find((candidate) => candidate.id === "etl-ok");
  assert.ok(pool);
  Object.assign(pool, {
    targetDedicatedNodes: 9,
    currentDedicatedNodes: 6,
    resizeErrors: [{ code: "AccountCoreQuotaReached", message: "The core quota is reached." }],
  });
  store.poll();
  await terminal.waitFor(
    /Resize pool etl-ok: failed, stopped at dedicated 6 of 9: AccountCoreQuotaReached: The core quota is reached\./,
  );
  assert.equal(journal.at(-1)?.outcome, "failed");
  assert.match(journal.at(-1)?.error ?? "", /AccountCoreQuotaReached/);
});

test("the resize dialog shows what the pool has and what it targets", async () => {
  const { terminal } = await start();
  await terminal.press("S");
  assert.match(terminal.frame(), /Dedicated nodes +\[8▏\] +now 3, target 8/);
});

test("a resize to zero says every node goes, and a resizing pool is refused with why", async () => {
  const { terminal, journal } = await start();
  await terminal.press("j", "S", keys.backspace, "0");
  assert.match(
    terminal.frame(),
    /! removes every node of the pool; running tasks stop now and run again from the start elsewhere/,
  );
  await terminal.press(keys.esc, "k", "S");
  assert.match(terminal.frame(), /etl-bad is resizing; Batch resizes only a steady pool/);
  await terminal.press(keys.tab, keys.tab, keys.tab, keys.tab, keys.tab, keys.enter);
  assert.match(terminal.frame(), /etl-bad is resizing/, "Apply refuses and the dialog stays");
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target, entry.error]),
    [["refused", "rescale", "pool etl-bad", "etl-bad is resizing; Batch resizes only a steady pool"]],
    "the refusal is in the audit journal",
  );
});

test("R on a failed task confirms first, and Enter on the default Cancel sends nothing", async () => {
  const { terminal, sent } = await start();
  await terminal.press(keys.tab, keys.tab, keys.tab, "j", "j", "R");
  const frame = terminal.frame();
  assert.match(frame, new RegExp(`Re-run task ${runIds.failedExit}`));
  assert.match(frame, /\(failed: FailureExitCode\)[\s║]+is reactivated/);
  // The fixture has no Log Analytics workspace: the pipeline re-run is absent, and says why.
  assert.match(frame, /not offered: Data Factory and Synapse are not reachable/);
  assert.match(frame, /! the pipeline will not see the result/);
  assert.match(frame, /\[ Cancel \]/);
  await terminal.press(keys.enter);
  assert.match(terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(sent, []);
});

test("R then Tab Tab and Enter reactivates the task; a task that did not fail is refused with why", async () => {
  const { terminal, sent } = await start();
  await terminal.press(keys.tab, keys.tab, keys.tab, "R");
  assert.match(
    terminal.frame(),
    new RegExp(`${runIds.running} is running; only a failed task can run again`),
  );
  await terminal.press("j", "j", "R", keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/: sent; waiting for the account to show it/);
  assert.deepEqual(sent, [
    { kind: "rerun", jobId: "adfv2-etl-bad", taskIds: [runIds.failedExit], failureCode: "FailureExitCode" },
  ]);
});

test("B reboots a node after confirmation and names the task it interrupts", async () => {
  const { terminal, sent } = await start();
  await terminal.press(keys.tab, "j", "j", "B");
  assert.match(terminal.frame(), /Reboot node tvm-bad-run/);
  assert.match(terminal.frame(), /! its running task stops and is requeued/);
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Reboot node tvm-bad-run: sent/);
  assert.deepEqual(sent, [{ kind: "reboot", poolId: "etl-bad", nodeIds: ["tvm-bad-run"], runningTasks: 1 }]);
});

test("an action the service refuses says so in its words, and the journal keeps the failure", async () => {
  const { terminal, journal } = await start({
    refuseActions: "409 TaskNotReactivatable: the job is terminating",
  });
  await terminal.press(keys.tab, keys.tab, keys.tab, "j", "j", "R", keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/Reactivate task [^:]+: refused: 409 TaskNotReactivatable: the job is terminating/);
  assert.equal(journal[0]?.outcome, "failed");
});

test(":audit shows what was sent from batchtop, newest first", async () => {
  const { terminal } = await start();
  await terminal.press(":", "audit", keys.enter);
  assert.match(terminal.frame(), /nothing tried from batchtop yet/);
  await terminal.press(
    keys.esc,
    "j",
    "S",
    keys.backspace,
    "3",
    keys.tab,
    keys.tab,
    keys.tab,
    keys.tab,
    keys.tab,
    keys.enter,
  );
  await terminal.waitFor(/sent; waiting/);
  await terminal.press(":", "audit", keys.enter);
  const frame = terminal.frame();
  assert.match(frame, /▸ Details of the audit journal/);
  assert.match(frame, /sent +rescale pool etl-ok: dedicated nodes: 2 → 3; spot nodes: 0 → 0/);
});

test("in read-only mode no dialog opens: the keys say read-only, and the journal keeps the refusal", async () => {
  const { terminal, sent, journal } = await start({ readOnlySource: "--read-only" });
  await terminal.press("S");
  assert.match(terminal.frame(), /read-only: scale is off \(--read-only\)/);
  assert.doesNotMatch(terminal.frame(), /Resize pool/);
  assert.deepEqual(sent, []);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["refused", "rescale", "pool etl-bad"]],
  );
  await terminal.press(":", "audit", keys.enter);
  assert.match(terminal.frame(), /refused +rescale pool etl-bad \(read-only: scale is off \(--read-only\)\)/);
});
