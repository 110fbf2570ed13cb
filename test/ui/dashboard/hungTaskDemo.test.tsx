import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { wireDashboard } from "../../../src/cli/wireDashboard.js";
import type { AzureAdapters } from "../../../src/azure/azureAdapters.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import type { DashboardStore } from "../../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The incident morning's stuck compact_events task, as `batchtop demo` shows it: with the workspace
// its FAILURE column reads `hung?` with its ratio to the activity's usual duration (Log Analytics'
// p95 of the week), `s` to "× usual duration" puts it first, and its details give the evidence;
// without a workspace the mark and the line above the tasks say the usual is the job's own.

let account: SimAccount;
let stuckTaskId: string;

before(async () => {
  // The screen measures running tasks against the wall clock: the demo's frozen clock starts there.
  account = await startManagedSimAccount({ scenario: "incident", readOnly: true, startTime: new Date() });
  const { items } = await account.adapters.runHistory!.latestActivityRuns({ durationMs: 3_600_000 });
  const stuck = items.find((run) => run.pipelineName === "compact_events" && run.status === "InProgress");
  assert.ok(stuck, "compact_events has a run in progress");
  stuckTaskId = stuck.activityRunId;
});
after(async () => {
  await account.sim.stop();
});

async function dashboard(
  adapters: AzureAdapters,
  columns = 160,
): Promise<{ store: DashboardStore; terminal: Terminal }> {
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const wired = await wireDashboard(adapters, {
    env: { XDG_STATE_HOME: "/nonexistent", XDG_CONFIG_HOME: "/nonexistent" },
    account: "demo",
    refreshMs: 1000,
  });
  wired.store.setFocus({});
  const terminal = renderTerminal(
    <ThemedDashboard
      store={wired.store}
      header={{ account: "demo" }}
      keymap={createKeymap({}, { readOnly: true }).keymap}
      theme={theme}
      services={wired.services}
    />,
    columns,
  );
  return { store: wired.store, terminal };
}

/** The task ids of the tasks pane's rows, top to bottom. */
function taskRowIds(frame: string): string[] {
  return [...frame.matchAll(/\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g)].map(
    (match) => match[1]!,
  );
}

test("the stuck task reads hung? with its ratio, sorts first by × usual duration, and its details say why", async () => {
  const { store, terminal } = await dashboard(account.adapters);
  try {
    await terminal.waitFor(/adfv2-etl-linux-d4/);
    // The activity run id from the alert, pasted: batchtop finds the task and selects it.
    await terminal.press(stuckTaskId);
    await terminal.waitFor(/Tasks of adfv2-etl-linux-d4/);
    // No refresh asked: the runs follow the first tasks, the usual durations the first runs.
    await terminal.waitFor(/hung\? 5\.\d× usual/);
    assert.match(terminal.frame(), /1 task may be hung: running 5\.\d× its usual 4m/);

    // From the log the paste opened back to the tasks, then s to the fourth order.
    await terminal.press(keys.shiftTab);
    await terminal.press("s", "s", "s");
    await terminal.waitFor(/by × usual duration/);
    assert.equal(taskRowIds(terminal.frame())[0], stuckTaskId, "the highest ratio first");

    await terminal.press("d");
    await terminal.waitFor(/"durationVsUsual"/);
    const frame = terminal.frame();
    assert.match(frame, /"p95": "4m"/);
    assert.match(frame, /p95 of 11 succeeded runs of this pipeline activity in the last 7 days/);
    assert.match(frame, /"ratio": "5\.\d×"/);
  } finally {
    store.stop();
    terminal.unmount();
  }
});

test("without a workspace the mark comes from the job's own completed tasks, and says so", async () => {
  const { runHistory: _workspace, ...withoutWorkspace } = account.adapters;
  // Wide enough for the whole line above the tasks (at 160 columns its end is cut with "…").
  const { store, terminal } = await dashboard(withoutWorkspace, 200);
  try {
    await terminal.waitFor(/adfv2-etl-linux-d4/);
    await terminal.press(stuckTaskId);
    await terminal.waitFor(/Tasks of adfv2-etl-linux-d4/);
    await terminal.waitFor(/hung\? 5\.\d× job's/);
    assert.match(
      terminal.frame(),
      /1 task may be hung: running 5\.\d× its usual 4m \(usual from this job's 11 completed tasks/,
    );
  } finally {
    store.stop();
    terminal.unmount();
  }
});
