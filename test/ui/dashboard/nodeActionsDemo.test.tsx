import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DashboardStore } from "../../../src/store/dashboardStore.js";
import { demoClients, type DemoClients } from "../../helpers/demoClients.js";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";

// X and D from the keyboard against the demo account's incident morning, wired as `showDashboard`
// wires it (real store, real adapters), and checked through the real SDK: the stuck resize of
// etl-highmem-e8 stops, and a spot node whose scheduling is off gets no new task. The account's
// clock is frozen; the test moves it.

const MINUTE = 60_000;

let demo: DemoDashboard;
let sim: SimAccount;
let directory: string;
let terminal: Terminal;
let store: DashboardStore;
let clients: DemoClients;

before(async () => {
  demo = await startDemoDashboard({ scenario: "incident", seed: 3, readOnly: false });
  ({ account: sim, directory, terminal, store } = demo);
  clients = demoClients(sim.sim);
});
after(() => demo.stop());

test("X stops the stuck resize of etl-highmem-e8, and the SDK sees the pool steady where it stood", async () => {
  await terminal.waitFor(/Pools \(4\)/);
  const before = await clients.batch.pool.get("etl-highmem-e8");
  assert.equal(before.allocationState, "resizing");
  await terminal.press("/", ..."highmem", keys.enter, "X");
  await terminal.waitFor(/Stop the resize of pool etl-highmem-e8/);
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Stop the resize of pool etl-highmem-e8: (sent|accepted)/);
  sim.sim.world.advance(MINUTE);
  store.refresh();
  await terminal.waitFor(/Stop the resize of pool etl-highmem-e8: done, steady at dedicated 4 of 12/);
  const after = await clients.batch.pool.get("etl-highmem-e8");
  assert.equal(after.allocationState, "steady");
  assert.equal(after.currentDedicatedNodes, before.currentDedicatedNodes);
  assert.ok(after.resizeErrors?.some((error) => error.code === "ResizeStopped"));
  const journal = await readFile(join(directory, "batchtop", "audit.jsonl"), "utf8");
  assert.match(journal, /"action":"stop-resize","target":"pool etl-highmem-e8".*"outcome":"sent"/);
});

test("D on an idle spot node disables its scheduling, and no new task runs there", async () => {
  const idle = (await clients.batch.computeNode.list("etl-spot-d2")).find((node) => node.state === "idle");
  assert.ok(idle?.id, "the spot pool has an idle node");
  await terminal.press(keys.esc, keys.esc, "/", ..."spot", keys.enter, keys.tab);
  await terminal.waitFor(/▸ Nodes of etl-spot-d2/);
  await terminal.press("/", ...idle.id, keys.enter, "D");
  await terminal.waitFor(/Disable scheduling on node/);
  await terminal.press(keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/Disable scheduling on node .*: (sent|done)/);
  const off = await clients.batch.computeNode.get("etl-spot-d2", idle.id);
  assert.equal(off.schedulingState, "disabled");
  assert.equal(off.state, "offline");

  const since = sim.sim.world.now().getTime();
  sim.sim.world.advance(120 * MINUTE);
  const tasks = await clients.batch.task.list("adfv2-etl-spot-d2");
  const started = tasks.filter((task) => (task.executionInfo?.startTime?.getTime() ?? 0) > since);
  assert.ok(started.length > 0, "new tasks ran on the pool meanwhile");
  assert.deepEqual(
    started.filter((task) => task.nodeInfo?.nodeId === idle.id).map((task) => task.id),
    [],
  );
  assert.equal((await clients.batch.computeNode.get("etl-spot-d2", idle.id)).runningTasksCount, 0);
});
