import assert from "node:assert/strict";
import { test } from "node:test";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount } from "./keyAccount.js";

test("j and k move the focused list's selection, G and g jump to its ends", () => {
  const keys = keyHarness({ account: keyAccount() });
  assert.equal(keys.ui.focused, "pools");
  keys.press("j");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-b");
  keys.press("G");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-c");
  keys.press("k");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-b");
  keys.press("g");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-a");
  keys.press(...named.down);
  assert.equal(keys.ui.lists.pools.selectedId, "etl-b");
});

test("Tab and Shift-Tab cycle the focus through the panes", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(...named.tab);
  assert.equal(keys.ui.focused, "nodes");
  keys.press(...named.shiftTab);
  keys.press(...named.shiftTab);
  assert.equal(keys.ui.focused, "details");
});

test("Enter goes down the drill-down: pool to nodes, node to the tasks that ran there", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(...named.enter);
  assert.equal(keys.ui.focused, "nodes");
  const node = keys.ctx.data.nodes.selectedRow?.id;
  keys.press(...named.enter);
  assert.equal(keys.ui.focused, "tasks");
  assert.equal(keys.ui.lists.jobs.selectedId, "adfv2-etl-a", "the ADF job of the pool");
  assert.equal(keys.ui.taskNodeId, node);
  keys.press(...named.esc);
  assert.equal(keys.ui.focused, "nodes");
});

test("Enter on a node of a pool no job runs on says so", () => {
  const account = keyAccount();
  account.nodesByPool = {
    "etl-c": [
      {
        id: "tvm-9",
        state: "idle",
        schedulingState: "enabled",
        runningTasksCount: 0,
        isDedicated: true,
        errors: [],
      },
    ],
  };
  account.jobs = account.jobs.filter((job) => job.id !== "nightly-c");
  const keys = keyHarness({ account });
  keys.press("G");
  keys.press(...named.enter);
  keys.press(...named.enter);
  assert.equal(keys.ui.focused, "nodes");
  assert.deepEqual(keys.flashes.at(-1), {
    text: "no job runs on etl-c, so no task ran on tvm-9",
    kind: "error",
  });
});

test("in the log, a move stops following and scrolls from the bottom, G follows again", () => {
  const lines = Array.from({ length: 100 }, (_, index) => `line ${index}`);
  // 14 rows: 3 of frame and title, 2 of status, so 9 of text; the bottom shows lines 91 to 99.
  const keys = keyHarness({ account: keyAccount(), lines });
  for (let step = 0; step < 4; step += 1) keys.press(...named.tab);
  assert.equal(keys.ui.focused, "log");
  keys.press("k");
  assert.equal(keys.ui.log.follow, false);
  assert.equal(keys.ui.log.anchor.line, 90);
  keys.press("G");
  assert.equal(keys.ui.log.follow, true);
});

test("a list pane that is not drawn still pages, by ten", () => {
  const account = keyAccount();
  account.pools = Array.from({ length: 30 }, (_, index) => ({
    ...account.pools[0]!,
    id: `pool-${String(index).padStart(2, "0")}`,
  }));
  const keys = keyHarness({ account, placements: new Map() });
  keys.press(...named.pageDown);
  assert.equal(keys.ui.lists.pools.selectedId, "pool-10");
});
