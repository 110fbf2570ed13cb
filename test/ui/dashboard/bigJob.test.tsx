import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bigJobAccount,
  oldestFailure,
  dashboardTestHooks,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

// A job larger than what batchtop holds, on the smallest usable screen: the tasks pane says what it
// holds of how many, counts failures from Batch, says where the selection is, and faults-only reaches
// failures the held tasks do not include.

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

test("a job larger than what is held says so, counts failures from Batch and shows the row", async () => {
  harness = draw({ account: bigJobAccount(), columns: 80, rows: 24 });
  await harness.terminal.waitFor(/Pools \(/);
  await harness.terminal.press(keys.tab, keys.tab, keys.tab);
  let frame = await harness.terminal.waitFor(/▸ Tasks of/);
  assert.match(frame, /▸ Tasks of adfv2-etl-pool-00 \(300 of 1,000\) · row 1 of 300/);
  // At 80 columns the line keeps what is held and Batch's count; the codes are cut first.
  assert.match(frame, /300 of 1,000 held: the newest · 136 failed \(Batch count\) · codes of the 30 he…/);
  await harness.terminal.press("j", "j", "j");
  assert.match(harness.terminal.frame(), /row 4 of 300/);
  await harness.terminal.press("G");
  frame = harness.terminal.frame();
  assert.match(frame, /row 300 of 300/);
  assert.doesNotMatch(frame, new RegExp(oldestFailure), "the oldest failure is not held");
  assert.ok(frame.split("\n").every((line) => line.length <= 80));
});

test("faults-only on a job larger than what is held lists every failure Batch reports", async () => {
  harness = draw({ account: bigJobAccount(), columns: 80, rows: 24 });
  await harness.terminal.waitFor(/Pools \(/);
  await harness.terminal.press(keys.tab, keys.tab, keys.tab, "f");
  let frame = await harness.terminal.waitFor(/faults only/);
  assert.equal(harness.store.focusHistory.at(-1)?.taskFaultsOnly, true, "the store is asked for them");
  assert.match(frame, /▸ Tasks of adfv2-etl-pool-00 \(136 of 1,000\) · row 1 of 136 · faults only/);
  assert.match(frame, /136 failed: 136 FailureExitCode/);
  await harness.terminal.press("G");
  frame = harness.terminal.frame();
  assert.match(frame, /row 136 of 136/);
  assert.match(frame, new RegExp(oldestFailure), "a failure older than every held task is reachable");
});
