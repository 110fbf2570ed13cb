import { test } from "node:test";
import assert from "node:assert/strict";
import { createCycleTracker, type CycleTracker } from "../../../src/actions/cycleTracker.js";
import type { AuditEntry } from "../../../src/actions/auditJournal.js";
import type { CyclePlan } from "../../../src/model/actions/cyclePlan.js";
import {
  dashboardTestHooks,
  incidentAccount,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import type { FakeAccount } from "../../helpers/fakeDashboardStore.js";
import { fakeCyclePorts, type FakeCyclePorts } from "../../helpers/fakeCyclePorts.js";
import { keys } from "../../helpers/renderTerminal.js";

// C on a pool: the cycle's plan with Cancel focused, the pool id typed when tasks run, progress in
// the pool's row, a rescale refused while it runs, and a cycle an earlier session left unfinished.
// The cycle runs for real on a fake account: the test moves the pool on and lets it read again.

const draw = dashboardTestHooks();

interface CycleHarness extends DashboardHarness {
  ports: FakeCyclePorts;
  account: FakeAccount;
  cycles(): CycleTracker;
}

let tracker: CycleTracker | undefined;

async function start(options: HarnessOptions = {}, account = incidentAccount()): Promise<CycleHarness> {
  tracker?.stop();
  const ports = fakeCyclePorts(account);
  const harness = draw({
    account,
    cycles: (attempts) => {
      tracker = createCycleTracker({ ports, attempts, account: "contoso-batch", wait: ports.wait });
      return tracker;
    },
    ...options,
  });
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return {
    ...harness,
    ports,
    account,
    cycles: () => {
      assert.ok(tracker);
      return tracker;
    },
  };
}

const poolOf = (account: FakeAccount, id: string) => {
  const pool = account.pools.find((candidate) => candidate.id === id);
  assert.ok(pool);
  return pool;
};

test("C opens the plan with Cancel focused; Enter on the untouched dialog changes nothing", async () => {
  const { terminal, ports, journal } = await start();
  await terminal.press("j", "C");
  const frame = await terminal.waitFor(/Cycle the nodes of pool etl-ok/);
  assert.match(frame, /• 1\. scale to 0: dedicated 2 → 0, spot 0 → 0/);
  assert.match(frame, /• 2\. wait until the pool is steady at 0 nodes/);
  assert.match(frame, /• 3\. scale back: dedicated 0 → 2, spot 0 → 0/);
  assert.match(frame, /sent through the data plane's resize/);
  assert.match(
    frame,
    /nodes leaving \(requeue\): running tasks stop now and run again from the start elsewhere/,
  );
  assert.match(frame, /\[ Cancel \]/);
  assert.doesNotMatch(frame, /Type the pool id/, "no task runs: Cycle is enough");
  await terminal.press(keys.enter);
  assert.match(terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(ports.resizes, []);
  assert.deepEqual(journal, []);
});

test("with tasks running, what happens to them is said and Cycle needs the pool id typed", async () => {
  const account = incidentAccount();
  const node = account.nodesByPool?.["etl-ok"]?.[0];
  assert.ok(node);
  node.runningTasksCount = 2;
  const { terminal, ports } = await start({}, account);
  await terminal.press("j", "C");
  await terminal.waitFor(/Cycle the nodes of pool etl-ok/);
  // The danger line wraps in the dialog: read it as one line.
  const danger = terminal.frame().replace(/\s*║\s*/g, " ");
  assert.match(
    danger,
    /! 2 tasks running: running tasks stop now and run again from the start elsewhere;.* type the pool\s+id to confirm/,
  );
  assert.match(terminal.frame(), /Type the pool id +\[\]/);
  // Cancel, the deallocation choice (→ once: taskcompletion), the typed id, Cycle.
  await terminal.press(keys.tab, "\u001b[C");
  assert.match(terminal.frame(), /Nodes leave by +\[taskcompletion▏\]/);
  assert.match(terminal.frame(), /▸ taskcompletion: running tasks finish first/);
  await terminal.press(keys.tab, keys.tab);
  assert.match(terminal.frame(), /\[ Cycle \]/);
  await terminal.press(keys.enter);
  assert.match(terminal.frame(), /tasks are running on etl-ok: type the pool id to cycle it/);
  assert.deepEqual(ports.resizes, []);
  await terminal.press(keys.shiftTab, "e", "t", "l", "-", "o", "k", keys.tab, keys.enter);
  await terminal.waitFor(/cycle of etl-ok: scaling to 0/);
  assert.deepEqual(ports.resizes, [
    ["etl-ok", { targetDedicatedNodes: 0, targetSpotNodes: 0, nodeDeallocationOption: "taskcompletion" }],
  ]);
});

test("the row shows the cycle's progress, a rescale or a second cycle of the pool is refused, and the end is said", async () => {
  const { terminal, ports, account, journal } = await start();
  await terminal.press("j", "C");
  await terminal.waitFor(/Cycle the nodes of pool etl-ok/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/etl-ok .*cycling: to 0, 2 left/);
  await terminal.press("S");
  assert.match(
    terminal.frame(),
    /etl-ok is being cycled \(to 0, 2 left\); a change now would fight the cycle/,
  );
  assert.doesNotMatch(terminal.frame(), /Resize pool/);
  await terminal.press("C");
  assert.match(terminal.frame(), /etl-ok is being cycled/);
  assert.doesNotMatch(terminal.frame(), /Cycle the nodes of pool/);
  assert.deepEqual(
    journal.filter((entry) => entry.outcome === "refused").map((entry) => [entry.action, entry.target]),
    [
      ["rescale", "pool etl-ok"],
      ["cycle", "pool etl-ok"],
    ],
  );
  // The account reaches 0 nodes: the cycle scales back and counts the new nodes in.
  const pool = poolOf(account, "etl-ok");
  Object.assign(pool, {
    currentDedicatedNodes: 0,
    allocationState: "steady",
    allocationStateTransitionTime: new Date(1),
  });
  await ports.step();
  await terminal.waitFor(/etl-ok .*cycling: 0 of 2/);
  Object.assign(pool, { currentDedicatedNodes: 1 });
  await ports.step();
  await terminal.waitFor(/etl-ok .*cycling: 1 of 2/);
  Object.assign(pool, {
    currentDedicatedNodes: 2,
    allocationState: "steady",
    allocationStateTransitionTime: new Date(2),
  });
  await ports.step();
  await terminal.waitFor(/cycle of etl-ok done: steady at 2 of 2/);
  assert.doesNotMatch(terminal.frame(), /cycling:/);
  assert.deepEqual(
    ports.resizes.map(([, resize]) => resize.targetDedicatedNodes),
    [0, 2],
  );
  assert.deepEqual(
    journal.filter((entry) => entry.cycle).map((entry) => `${entry.cycle?.step} ${entry.outcome}`),
    ["down sent", "down-settled done", "up sent", "settled done"],
  );
});

test("a step refused mid-cycle leaves the pool marked unfinished, and C finishes it from there", async () => {
  const { terminal, ports, account, journal } = await start();
  await terminal.press("j", "C");
  await terminal.waitFor(/Cycle the nodes of pool etl-ok/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/etl-ok .*cycling: to 0, 2 left/);
  const pool = poolOf(account, "etl-ok");
  Object.assign(pool, { currentDedicatedNodes: 0, allocationState: "steady" });
  ports.refuseNext("PoolNotSteady: the pool is not steady");
  await ports.step();
  await terminal.waitFor(
    /cycle of etl-ok stopped: PoolNotSteady: the pool is not steady; C on the pool to finish or abandon it/,
  );
  assert.match(terminal.frame(), /etl-ok .*cycle unfinished: C/);
  await terminal.press("C");
  assert.match(
    await terminal.waitFor(/Unfinished cycle of pool etl-ok/),
    /finish: scale back to dedicated 2, spot 0/,
  );
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/etl-ok .*cycling: 0 of 2/);
  Object.assign(pool, {
    currentDedicatedNodes: 2,
    allocationState: "steady",
    allocationStateTransitionTime: new Date(3),
  });
  await ports.step();
  await terminal.waitFor(/cycle of etl-ok done: steady at 2 of 2/);
  assert.deepEqual(
    ports.resizes.map(([, resize]) => resize.targetDedicatedNodes),
    [0, 2],
    "the scale to 0 is not sent again",
  );
  assert.deepEqual(
    journal.filter((entry) => entry.cycle).map((entry) => `${entry.cycle?.step} ${entry.outcome}`),
    ["down sent", "down-settled done", "up failed", "up sent", "settled done"],
  );
});

const leftPlan: CyclePlan = {
  kind: "cycle",
  poolId: "etl-ok",
  route: "data-plane",
  before: { dedicated: 2, spot: 0 },
  targets: { dedicated: 2, spot: 0 },
  deallocation: "requeue",
  runningTasks: 0,
};

const earlierSession: AuditEntry = {
  time: "2026-11-22T02:00:00.000Z",
  account: "contoso-batch",
  action: "cycle",
  target: "pool etl-ok",
  changes: [],
  outcome: "sent",
  detail: "scaling to 0 nodes",
  cycle: { id: "c-1", step: "down", plan: leftPlan },
};

test("a cycle an earlier session left unfinished is told at the start, shown on its pool, and C offers to finish or abandon it", async () => {
  const account = incidentAccount();
  Object.assign(poolOf(account, "etl-ok"), { currentDedicatedNodes: 0, targetDedicatedNodes: 0 });
  const { terminal, journal, ports } = await start({ journal: [earlierSession] }, account);
  await terminal.waitFor(/pool etl-ok left mid-cycle by an earlier session: C on it to finish or abandon/);
  assert.match(terminal.frame(), /etl-ok .*cycle unfinished: C/);
  await terminal.press("j", "S");
  assert.match(terminal.frame(), /etl-ok has an unfinished cycle \(scaling to 0 was sent; not seen to end\)/);
  await terminal.press("C");
  let frame = await terminal.waitFor(/Unfinished cycle of pool etl-ok/);
  assert.match(frame, /begun 2026-11-22T02:00:00.000Z; scaling to 0 was sent; not seen to end/);
  assert.match(frame, /finish: wait until steady at 0, then scale back to dedicated 2, spot 0/);
  assert.match(frame, /\[ Cancel \] +Abandon +Finish/);
  await terminal.press(keys.enter);
  assert.match(terminal.frame(), /cancelled: nothing was changed/);
  await terminal.press("C", keys.tab);
  assert.match(terminal.frame(), /\[ Abandon \]/);
  await terminal.press(keys.enter);
  frame = await terminal.waitFor(/cycle of etl-ok abandoned: the pool is left as it is/);
  assert.doesNotMatch(frame, /cycle unfinished/);
  assert.equal(journal.at(-1)?.cycle?.step, "abandon");
  assert.match(
    journal.at(-1)?.detail ?? "",
    /abandoned by the operator; the pool is left steady with 0 dedicated and 0 spot nodes/,
  );
  assert.deepEqual(ports.resizes, [], "abandoning sends nothing");
});

test("in read-only mode C is not offered: pressing it is refused and journalled", async () => {
  const { terminal, journal } = await start({ readOnlySource: "--read-only" });
  assert.doesNotMatch(terminal.frame(), /C cycle/);
  await terminal.press("C");
  assert.match(terminal.frame(), /read-only: cycle is off \(--read-only\)/);
  assert.doesNotMatch(terminal.frame(), /Cycle the nodes/);
  assert.deepEqual(
    journal.map((entry) => [entry.outcome, entry.action, entry.target]),
    [["refused", "cycle", "pool etl-bad"]],
  );
});
