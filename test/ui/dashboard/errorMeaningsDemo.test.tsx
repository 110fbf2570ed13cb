import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import { startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// What a code means, where the operator meets it, on the demo account's incident morning 25 minutes
// in (the account's clock is frozen; the test moves it): the stuck resize of etl-highmem-e8 has
// ended on the core quota, nodes of etl-linux-d4 are unusable with a full disk, and tasks fail.

const MINUTE = 60_000;

let sim: SimAccount;
let terminal: Terminal;
let store: DashboardStore;

before(async () => {
  sim = await startSimAccount({ scenario: "incident", seed: 3, storage: false, readOnly: true });
  sim.sim.world.advance(25 * MINUTE);
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  store = createDashboardStore(
    {
      reader: sim.adapters.reader,
      throttleState: () => sim.adapters.throttles.batch.state(),
      throttleChanges: (listener) => sim.adapters.throttles.batch.onChange(listener),
    },
    { refreshMs: 1000 },
  );
  store.setFocus({});
  terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "demo" }}
      keymap={createKeymap({}, { readOnly: true }).keymap}
      theme={theme}
      services={{ themes: { names: [], load: () => Promise.resolve(theme) }, saveLog: async () => "" }}
    />,
    200,
    60,
  );
});
after(async () => {
  store.stop();
  terminal.unmount();
  await sim.sim.stop();
});

test("a pool's details explain its resize error: what it means, what to check, what fixes it, where to read more", async () => {
  await terminal.waitFor(/etl-highmem-e8/);
  await terminal.press("/", ..."highmem", keys.enter, "d");
  await terminal.waitFor(/Details of pool etl-highmem-e8/);
  const frame = await terminal.waitFor(/"code": "AccountCoreQuotaReached",/);
  assert.match(frame, /"means: the Batch account has no dedicated cores left/);
  assert.match(frame, /"check: the account's dedicated core quota/);
  assert.match(frame, /"fix: /);
  assert.match(frame, /"docs: https:\/\/learn\.microsoft\.com\/azure\/batch\/batch-quota-limit"/);
});

test("a node's details explain its error code", async () => {
  await terminal.press(keys.esc, "/", "\u0015", ..."linux", keys.enter, keys.tab, "d");
  await terminal.waitFor(/Details of node tvm/);
  const frame = await terminal.waitFor(/"code": "DiskFull",/);
  assert.match(frame, /"means: the node's temporary disk, where Batch keeps task files, is full/);
});

test("the failure line above the tasks says what the leading code means, and a task's details say it whole", async () => {
  // From the nodes to the jobs; Enter on adfv2-etl-linux-d4 opens its tasks.
  await terminal.press(keys.esc, keys.tab, "/", "\u0015", ..."linux-d4", keys.enter, keys.enter);
  const frame = await terminal.waitFor(/\d+ failed: .*FailureExitCode.* means: the task's program ran/);
  assert.doesNotMatch(frame, /means: .*means: /, "one meaning on the line");
  // Faults only, so the first row is a failed task.
  await terminal.press("f", "d");
  await terminal.waitFor(/Details of task /);
  const details = await terminal.waitFor(/"meaning": \[/);
  assert.match(details, /"code": "FailureExitCode",/);
  assert.match(details, /"check: stderr\.txt, then stdout\.txt/);
});
