import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal } from "../../../src/actions/auditJournal.js";
import { createActionRunner } from "../../../src/actions/actionRunner.js";
import { createCycleTracker, type CycleTracker } from "../../../src/actions/cycleTracker.js";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { demoClients, identityResourceId } from "../../helpers/demoClients.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The cycle from the keyboard against the demo account, wired as `showDashboard` wires it (real
// store, real adapters, ARM pool management): in the `identity` scenario, identity-4-not-on-pool
// gets the node identity reference through ARM (the full set), then C cycles it, and its new nodes
// start and its tasks succeed. The account's clock is frozen; each wait of the cycle moves it on.

const MINUTE = 60_000;

let sim: SimAccount;
let directory: string;
let terminal: Terminal;
let store: DashboardStore;
let cycles: CycleTracker;

before(async () => {
  sim = await startManagedSimAccount({ scenario: "identity", seed: 4, readOnly: false });
  directory = await mkdtemp(join(tmpdir(), "batchtop-cycle-ui-"));
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const { reader, writer, poolManagement, poolManager } = sim.adapters;
  assert.ok(writer && poolManagement && poolManager);
  const attempts = createAttemptLog(
    createAuditJournal(join(directory, "audit.jsonl"), "audit.jsonl"),
    "demo",
  );
  cycles = createCycleTracker({
    ports: { reader, writer, management: poolManagement, manager: poolManager },
    attempts,
    account: "demo",
    wait: async () => sim.sim.world.advance(30_000),
  });
  store = createDashboardStore(
    {
      reader,
      throttleState: () => sim.adapters.throttles.batch.state(),
      throttleChanges: (listener) => sim.adapters.throttles.batch.onChange(listener),
      management: poolManagement,
    },
    { refreshMs: 1000 },
  );
  store.setFocus({});
  terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "demo" }}
      keymap={createKeymap({}, { readOnly: false }).keymap}
      theme={theme}
      services={{
        themes: { names: [], load: () => Promise.resolve(theme) },
        saveLog: async () => "",
        attempts,
        actions: createActionRunner(writer, attempts),
        cycles,
      }}
    />,
  );
});
after(async () => {
  cycles.stop();
  store.stop();
  terminal.unmount();
  sim.sim.stop();
  await rm(directory, { recursive: true, force: true });
});

async function nodeStates(poolId: string): Promise<string[]> {
  return (await sim.adapters.reader.listNodes(poolId)).map((node) => node.state);
}

test("C on identity-4-not-on-pool after attaching the reference identity heals it", async () => {
  const pool = "identity-4-not-on-pool";
  const clients = demoClients(sim.sim);
  const current = await clients.arm.poolOperations.get(clients.resourceGroup, clients.accountName, pool);
  const full = [
    ...Object.keys(current.identity?.userAssignedIdentities ?? {}),
    identityResourceId(sim.sim, "id-batchtop-nodes"),
  ];
  await clients.arm.poolOperations.update(clients.resourceGroup, clients.accountName, pool, {
    identity: {
      type: "UserAssigned",
      userAssignedIdentities: Object.fromEntries(full.map((id) => [id, {}])),
    },
  });
  assert.ok((await nodeStates(pool)).includes("unusable"), "attaching alone heals no existing node");

  await terminal.waitFor(/Pools \(4\)/);
  await terminal.press("/", ..."identity-4", keys.enter);
  await terminal.press("C");
  const frame = await terminal.waitFor(/Cycle the nodes of pool identity-4-not-on-pool/);
  assert.match(frame, /sent through ARM's scale settings/);
  assert.match(frame, /\[ Cancel \]/);
  // Cancel, the deallocation choice, the pool id when tasks run, Cycle.
  if (/Type the pool id/.test(frame)) await terminal.press(keys.tab, keys.tab, ...pool, keys.tab, keys.enter);
  else await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/cycle of identity-4-not-on-pool done: steady at 4 of 4/);

  for (
    let minute = 0;
    (await nodeStates(pool)).some((state) => state !== "idle" && state !== "running");
    minute++
  ) {
    assert.ok(minute < 10, `nodes not started: ${(await nodeStates(pool)).join()}`);
    sim.sim.world.advance(MINUTE);
  }
  const since = sim.sim.world.now();
  sim.sim.world.advance(15 * MINUTE);
  const tasks = await clients.batch.task.list(`adfv2-${pool}`, {
    taskListOptions: { filter: "state eq 'completed'" },
  });
  const outcomes = new Set(
    tasks
      .filter((task) => (task.stateTransitionTime?.getTime() ?? 0) > since.getTime())
      .map((task) => task.executionInfo?.failureInfo?.code ?? String(task.executionInfo?.result)),
  );
  assert.deepEqual([...outcomes], ["success"]);
});
