import assert from "node:assert/strict";
import { test } from "node:test";
import { dialogFocus, dialogFocusCount } from "../../../../src/model/navigation/dialogFocus.js";
import type { Dialog } from "../../../../src/model/navigation/uiState.js";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount } from "./keyAccount.js";

test("a resize dialog focuses its four fields, then Cancel and Apply; a confirmation only the buttons", () => {
  const rescale: Dialog = {
    kind: "rescale",
    poolId: "p",
    dedicated: "1",
    spot: "0",
    deallocation: "requeue",
    timeout: "",
    focus: 0,
  };
  assert.equal(dialogFocusCount(rescale), 6);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((focus) => dialogFocus({ ...rescale, focus })),
    ["dedicated", "spot", "deallocation", "timeout", "cancel", "apply"],
  );
  const confirm: Dialog = { kind: "confirm", focus: 0, plan: { kind: "rerun", jobId: "j", taskIds: ["t"] } };
  assert.equal(dialogFocusCount(confirm), 2);
  assert.deepEqual(
    [0, 1, 5].map((focus) => dialogFocus({ ...confirm, focus })),
    ["cancel", "apply", "cancel"],
  );
  // Removing an identity asks for its name first.
  const removal: Dialog = {
    kind: "confirm",
    focus: 0,
    typed: "",
    plan: { kind: "detach-identity", poolId: "p", identity: "/x/userAssignedIdentities/id-a", before: [] },
  };
  assert.deepEqual(
    [0, 1, 2].map((focus) => dialogFocus({ ...removal, focus })),
    ["typed", "cancel", "apply"],
  );
});

test("in a dialog, Tab and Shift-Tab go round its elements and Enter in a field goes on to the next", () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press("S");
  keys.press(...named.shiftTab);
  assert.equal(keys.ui.dialog?.focus, 5, "from the first field back round to Apply");
  keys.press(...named.tab);
  assert.equal(keys.ui.dialog?.focus, 0);
  keys.press(...named.enter);
  assert.equal(keys.ui.dialog?.focus, 1, "Enter in a field sends nothing");
  for (let field = 0; field < 3; field++) keys.press(...named.enter);
  assert.equal(keys.ui.dialog?.focus, 4, "past the deallocation option and the timeout to Cancel");
  keys.press(...named.enter);
  assert.equal(keys.ui.dialog, undefined, "Enter on Cancel closes");
  assert.equal(keys.flashes.at(-1)?.text, "cancelled: nothing was changed");
  assert.deepEqual(keys.sent, []);
});

test("Enter on Apply sends the plan once and polls at once", async () => {
  const keys = keyHarness({ account: keyAccount() });
  keys.press("S");
  keys.press("\u007f5\t\t\t\t\t");
  keys.press(...named.enter);
  await keys.settle();
  assert.equal(keys.sent.length, 1);
  assert.deepEqual(keys.sent[0], {
    kind: "rescale",
    poolId: "etl-a",
    from: { dedicated: 2, spot: 0 },
    to: { dedicated: 5, spot: 0 },
    deallocation: "requeue",
  });
  assert.equal(keys.store.refreshes, 1);
  assert.equal(keys.ui.pending.length, 1);
});

test("an action key in a read-only session is refused, says why, and the refusal is journaled", async () => {
  const keys = keyHarness({ account: keyAccount(), readOnlySource: "policy /etc/batchtop/policy.json" });
  keys.press("S");
  await keys.settle();
  assert.equal(keys.ui.dialog, undefined);
  assert.deepEqual(keys.flashes.at(-1), {
    text: "read-only: scale is off (policy /etc/batchtop/policy.json)",
    kind: "error",
  });
  assert.equal(keys.journal.length, 1);
  assert.deepEqual(
    { ...keys.journal[0], time: undefined },
    {
      time: undefined,
      account: "contoso-batch",
      action: "rescale",
      target: "pool etl-a",
      changes: [],
      outcome: "refused",
      error: "read-only: scale is off (policy /etc/batchtop/policy.json)",
    },
  );
});

test("without a way to send, an action key is refused and journaled even if the keymap offers it", async () => {
  const keys = keyHarness({ account: keyAccount(), withoutRunner: true });
  keys.press(...named.tab);
  keys.press("B");
  await keys.settle();
  assert.equal(keys.ui.dialog, undefined);
  assert.match(keys.flashes.at(-1)?.text ?? "", /^read-only: sending changes is off/);
  assert.equal(keys.journal[0]?.action, "reboot");
  assert.equal(keys.journal[0]?.outcome, "refused");
});
