import assert from "node:assert/strict";
import { test } from "node:test";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount, runId } from "./keyAccount.js";

test("a burst on the panes is its keys, one by one", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press("jj");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-c");
  keys.press("\t\t");
  assert.equal(keys.ui.focused, "jobs");
});

test("a command and its Enter in one read run the command, and the keys after it reach the panes", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(":");
  keys.press("jobs\rj");
  assert.equal(keys.ui.input.kind, "panes");
  assert.equal(keys.ui.focused, "jobs");
  assert.equal(keys.ui.lists.jobs.selectedId, "nightly-b");
});

test("the whole of `:jobs` and Enter typed from the panes in one read runs too", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(":jobs\r");
  assert.equal(keys.ui.focused, "jobs");
});

test("a Tab inside a prompt's burst completes, and the text around it is typed", async () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(":");
  keys.press("the\td");
  assert.deepEqual(keys.ui.input, { kind: "command", text: "theme d", candidates: [] });
  keys.press("ark\r");
  assert.equal(keys.ui.input.kind, "panes");
  await keys.settle();
  assert.deepEqual(keys.themes, ["dark"]);
});

test("a filter takes a paste whole and applies it as typed; Enter in the same read closes it", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press("/");
  keys.press("etl-[bc]\r");
  assert.equal(keys.ui.input.kind, "panes");
  assert.equal(keys.ui.lists.pools.filter, "etl-[bc]");
  assert.deepEqual(
    keys.ctx.data.pools.rows.map((row) => row.id),
    ["etl-b", "etl-c"],
  );
  keys.press("j");
  assert.equal(keys.ui.lists.pools.selectedId, "etl-c");
});

test("Backspace in a burst deletes in the prompt rather than typing", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(":");
  keys.press("jobx\u007fs\r");
  assert.equal(keys.ui.focused, "jobs");
});

test("a burst into a dialog is its keys: focus moves and digits are typed in the field", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press("S");
  assert.equal(keys.ui.dialog?.kind, "rescale");
  keys.press("\u007f7");
  assert.equal(keys.ui.dialog?.kind === "rescale" && keys.ui.dialog.dedicated, "7");
  keys.press("\t\t");
  assert.equal(keys.ui.dialog?.focus, 2);
  assert.equal(keys.ui.lists.pools.selectedId, undefined, "the panes under the dialog did not move");
});

test("an activity run id pasted onto the panes finds its task and opens its log", async () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(` ${runId} `);
  await keys.settle();
  assert.equal(keys.ui.focused, "log");
  assert.equal(keys.ui.lists.tasks.selectedId, runId);
  assert.match(keys.flashes.at(-1)?.text ?? "", /found task/);
});

test("Enter alone in a prompt submits it", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press(":");
  keys.press("tasks");
  keys.press(...named.enter);
  assert.equal(keys.ui.focused, "tasks");
});
