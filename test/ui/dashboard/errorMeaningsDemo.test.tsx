import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { DashboardStore } from "../../../src/store/dashboardStore.js";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";

// What a code means, where the operator meets it, on the demo account's incident morning 25 minutes
// in (the account's clock is frozen; the test moves it): the stuck resize of etl-highmem-e8 has
// ended on the core quota, nodes of etl-linux-d4 are unusable with a full disk, and tasks fail.

const MINUTE = 60_000;

let demo: DemoDashboard;
let terminal: Terminal;
let store: DashboardStore;

before(async () => {
  demo = await startDemoDashboard({
    scenario: "incident",
    seed: 3,
    readOnly: true,
    prepare: (account) => account.sim.world.advance(25 * MINUTE),
    columns: 320,
    rows: 60,
  });
  ({ terminal, store } = demo);
});
after(() => demo.stop());

test("a pool's details explain its resize error: what it means, what to check, what fixes it, where to read more", async () => {
  await terminal.waitFor(/etl-highmem-e8/);
  await terminal.press("/", ..."highmem", keys.enter, "d");
  await terminal.waitFor(/Details of pool etl-highmem-e8/);
  // The resize errors sort after the pool's other fields: to the end of its details.
  await terminal.press("G");
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

test("the failure line above the tasks says what the leading code means", async () => {
  // From the nodes to the jobs; Enter on adfv2-etl-linux-d4 opens its tasks.
  await terminal.press(keys.esc, keys.tab, "/", "\u0015", ..."linux-d4", keys.enter, keys.enter);
  // Last on the line, after the counts and the orphaned task: the news comes first.
  const frame = await terminal.waitFor(/\d+ failed: \d+ FailureExitCode · .* · means: the task's/);
  assert.doesNotMatch(frame, /means: .*means: /, "one meaning on the line");
});

test("a failed task's details explain its pipeline's 2500 and its own FailureExitCode", async () => {
  // Faults only, so the first row is a failed task.
  await terminal.press("f", "d");
  await terminal.waitFor(/Details of task /);
  // Log Analytics answers a little later than Batch; its 2500 says only that the program failed.
  for (let attempt = 0; attempt < 10 && !/"activityRunError"/.test(terminal.frame()); attempt++) {
    store.refresh();
    await terminal.waitFor(/"activityRunError"/).catch(() => undefined);
  }
  const pipeline = await terminal.waitFor(/"code": "2500",/);
  assert.match(pipeline, /"means: generic Custom activity failure: .*the real cause is in the Batch task/);
  // The task's own failure sorts further down.
  for (let line = 0; line < 30 && !/"check: stderr\.txt, then stdout\.txt/.test(terminal.frame()); line++)
    await terminal.press("j");
  const task = terminal.frame();
  assert.match(task, /"code": "FailureExitCode",/);
  assert.match(task, /"means: the task's program ran and ended with an exit code that counts as failure"/);
  assert.match(task, /"check: stderr\.txt, then stdout\.txt/);
});
