import { test } from "node:test";
import assert from "node:assert/strict";
import { after } from "node:test";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import type { NodeSummary } from "../../../src/model/nodes.js";
import { createDashboardStore } from "../../../src/store/dashboardStore.js";
import { ClockContext } from "../../../src/ui/hooks/useClock.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { fakeBatchReader } from "../../helpers/fakeBatchReader.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import {
  dashboardTestHooks,
  incidentAccount,
  runIds,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import type { FakeAccount } from "../../helpers/fakeDashboardStore.js";
import { ManualScreenClock } from "../../helpers/manualScreenClock.js";
import { nodeSummary, poolSummary } from "../../helpers/modelFixtures.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";

// The screen draws a frame only when a string on it changes: the clock's beat, a poll bringing the
// same data and a moved selection cost nothing beyond the strings they change. Each test holds the
// screen's clock and the fake store's time in one ManualScreenClock, a second past the time the
// fixture's ages are counted from (its node entered "starting" 40 minutes before it: "40m").

const draw = dashboardTestHooks();
const clockAfterFixture = () => new ManualScreenClock(Date.now() + 1000);

/** The frame's line that holds `text`. */
function lineWith(frame: string, text: string): string {
  return frame.split("\n").find((line) => line.includes(text)) ?? "";
}

/** The incident account with its running task started `runningForMs` before the clock's time. */
function accountRunningFor(clock: ManualScreenClock, runningForMs: number): FakeAccount {
  const account = incidentAccount();
  const tasks = account.tasksByJob?.["adfv2-etl-bad"] ?? [];
  const started = new Date(clock.now() - runningForMs);
  account.tasksByJob = {
    ...account.tasksByJob,
    "adfv2-etl-bad": tasks.map((task) =>
      task.id === runIds.running ? { ...task, startTime: started, stateTransitionTime: started } : task,
    ),
  };
  return account;
}

async function drawnAt(clock: ManualScreenClock, account: FakeAccount): Promise<DashboardHarness> {
  const harness = draw({ account, clock });
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  await harness.terminal.settle(harness.terminal.frames().length);
  return harness;
}

/** Moves the clock a second at a time, letting Ink draw whatever each beat causes. */
async function advance(harness: DashboardHarness, clock: ManualScreenClock, ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += 1000) {
    const before = harness.terminal.frames().length;
    clock.advance(Math.min(1000, ms - passed));
    await harness.terminal.settle(before);
  }
}

test("ten seconds on a screen whose strings all hold still write no frame", async () => {
  const clock = clockAfterFixture();
  const harness = await drawnAt(clock, accountRunningFor(clock, 2 * 60_000));
  const { terminal } = harness;
  const frame = terminal.frame();
  assert.match(frame, /batchtop contoso-batch · westeurope · sub sub-123 +every 2s/);
  assert.match(frame, /Tasks of adfv2-etl-bad \(4\) · every 2s/);
  assert.match(lineWith(frame, runIds.running), /running .* 2m\b/);
  assert.match(lineWith(frame, "tvm-bad-stuck"), /starting +40m\b/);
  const before = terminal.frames().length;
  await advance(harness, clock, 10_000);
  assert.equal(terminal.frames().length, before, "no frame while no visible string changed");
});

test("a running task's age crossing 59s to 1m writes one frame, showing 1m", async () => {
  const clock = clockAfterFixture();
  const harness = await drawnAt(clock, accountRunningFor(clock, 58_500));
  const { terminal } = harness;
  assert.match(lineWith(terminal.frame(), runIds.running), /running .* 58s\b/);
  let before = terminal.frames().length;
  await advance(harness, clock, 1000);
  assert.equal(terminal.frames().length, before + 1, "59s is a new string: one frame");
  assert.match(lineWith(terminal.frame(), runIds.running), /running .* 59s\b/);
  before = terminal.frames().length;
  await advance(harness, clock, 1000);
  assert.equal(terminal.frames().length, before + 1);
  assert.match(lineWith(terminal.frame(), runIds.running), /running .* 1m\b/);
  // Until the panes turn stale (12 s after the fake store's one read), nothing else changes.
  before = terminal.frames().length;
  await advance(harness, clock, 9000);
  assert.equal(terminal.frames().length, before, "1m holds from one beat to the next");
});

test("a pane turns stale at the threshold, on that beat, and counts every second from then", async () => {
  const clock = clockAfterFixture();
  const harness = await drawnAt(clock, accountRunningFor(clock, 5 * 60_000));
  const { terminal } = harness;
  // The fake store polls only when told: its data was read at the clock's start. A 2 s rhythm is
  // stale past max(3 × 2 s, 2 s + 10 s) = 12 s.
  let before = terminal.frames().length;
  await advance(harness, clock, 12_000);
  assert.equal(terminal.frames().length, before, "still fresh at 12 s: nothing changed");
  assert.doesNotMatch(terminal.frame(), /stale/);
  before = terminal.frames().length;
  await advance(harness, clock, 1000);
  assert.ok(terminal.frames().length > before, "the beat past the threshold writes the staleness");
  const frame = terminal.frame();
  assert.match(frame, /sub sub-123 +stale 13s: waiting for the service/);
  assert.match(frame, /Pools \(2\) · stale 13s: waiting for the service/);
  assert.match(frame, /Tasks of adfv2-etl-bad \(4\) · stale 13s: waiting for/);
  await advance(harness, clock, 1000);
  assert.match(terminal.frame(), /Pools \(2\) · stale 14s: waiting for the service/);
});

/** A pool of `count` idle nodes whose rows count, by node id, how often their cells are read. */
function countingAccount(count: number, reads: Map<string, number>): FakeAccount {
  const nodes: NodeSummary[] = Array.from({ length: count }, (_, index) => {
    const node = nodeSummary(`tvm-${String(index).padStart(2, "0")}`);
    // The nodes pane's cells read the scheduling state; the derivations behind it do not.
    return Object.defineProperty({ ...node }, "schedulingState", {
      enumerable: true,
      get() {
        reads.set(node.id, (reads.get(node.id) ?? 0) + 1);
        return node.schedulingState;
      },
    });
  });
  return {
    pools: [poolSummary("etl", { currentDedicatedNodes: count, targetDedicatedNodes: count })],
    nodeCounts: [{ poolId: "etl", byState: { idle: count }, total: count }],
    jobs: [],
    nodesByPool: { etl: nodes },
  };
}

test("j in the nodes pane re-renders the two rows the selection moves between, no other", async () => {
  const reads = new Map<string, number>();
  const clock = clockAfterFixture();
  const harness = draw({ account: countingAccount(20, reads), clock });
  const { terminal } = harness;
  await terminal.waitFor(/Nodes of etl \(20\)/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/▸ Nodes of etl \(20\)/);
  assert.ok(reads.has("tvm-19"), "every visible row was drawn");
  reads.clear();
  await terminal.press("j");
  assert.match(lineWith(terminal.frame(), "Nodes of etl"), /row 2 of 20|\(20\)/);
  assert.deepEqual([...reads.keys()].sort(), ["tvm-00", "tvm-01"]);
});

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

test("the real store's polls bringing the same data write no frame, and keep the panes fresh", async () => {
  const clock = clockAfterFixture();
  const timers = new ManualTimers();
  const polls = { listPools: 0 };
  const nodes = [nodeSummary("tvm-1"), nodeSummary("tvm-2")];
  // Every answer is a new object holding the same data, as the service's answers are.
  const reader = fakeBatchReader({
    listPools: async () => {
      polls.listPools += 1;
      return [poolSummary("etl")];
    },
    poolNodeCounts: async () => [{ poolId: "etl", byState: { idle: 2 }, total: 2 }],
    listJobs: async () => [],
    listNodes: async () => nodes.map((node) => ({ ...node })),
    listNodesInStates: async () => [],
  });
  const store = createDashboardStore({ reader }, { refreshMs: 2000, now: clock.now, timers });
  store.setFocus({});
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const terminal: Terminal = renderTerminal(
    <ClockContext.Provider value={clock}>
      <ThemedDashboard
        store={store}
        header={{ account: "contoso-batch" }}
        keymap={createKeymap({}, { readOnly: true }).keymap}
        theme={theme}
        services={{ themes: { names: [], load: () => Promise.resolve(theme) }, saveLog: async () => "" }}
      />
    </ClockContext.Provider>,
  );
  cleanups.push(
    () => store.stop(),
    () => terminal.unmount(),
  );
  await terminal.waitFor(/Nodes of etl \(2\) · every 2s/);
  await terminal.settle(terminal.frames().length);
  const before = terminal.frames().length;
  const polled = polls.listPools;
  // Thirty seconds of polls every two, well past the 12 s a pane without them turns stale after.
  for (let second = 0; second < 30; second++) {
    const frames = terminal.frames().length;
    timers.advance(1000);
    clock.advance(1000);
    await terminal.settle(frames);
  }
  assert.ok(polls.listPools >= polled + 14, `the overview was polled (${polls.listPools - polled} times)`);
  assert.equal(terminal.frames().length, before, "no frame: nothing on screen changed");
  assert.match(terminal.frame(), /Pools \(1\) · every 2s/);
  assert.doesNotMatch(terminal.frame(), /stale/);
});

test("a sent action that no poll shows is reported at its minute's end, by the screen's clock", async () => {
  const clock = clockAfterFixture();
  const harness = await drawnAt(clock, accountRunningFor(clock, 5 * 60_000));
  const { terminal, journal } = harness;
  await terminal.press("j", "S", keys.backspace, "5", keys.tab, keys.tab, keys.tab, keys.tab, keys.tab);
  await terminal.press(keys.enter);
  await terminal.waitFor(/Resize pool etl-ok: sent; waiting for the account to show it/);
  await advance(harness, clock, 59_000);
  assert.doesNotMatch(terminal.frame(), /not shown yet/);
  // The action was stamped by the real clock, up to a few seconds after the screen's clock started.
  await advance(harness, clock, 6000);
  await terminal.waitFor(/Resize pool etl-ok: sent 60s ago and not shown yet; check the pane/);
  assert.deepEqual(
    journal.map((entry) => entry.outcome),
    ["sent", "unconfirmed"],
  );
});
