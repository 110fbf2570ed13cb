import assert from "node:assert/strict";
import { test } from "node:test";
import { createCycleTracker } from "../../../../src/actions/cycleTracker.js";
import { fakeCyclePorts } from "../../../helpers/fakeCyclePorts.js";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount } from "./keyAccount.js";

function harness() {
  const account = keyAccount();
  const ports = fakeCyclePorts(account);
  return keyHarness({
    account,
    cycles: (attempts) => createCycleTracker({ ports, attempts, account: "contoso", wait: ports.wait }),
  });
}

const offer = {
  text: "Attach id-nodes to pool etl-b: done, … press C to cycle the pool's nodes",
  kind: "info" as const,
};

test("C while an identity change's line offers the cycle plans that pool's cycle, from any pane", async () => {
  for (const moves of [[], [named.tab]] as const) {
    const keys = harness();
    assert.equal(keys.ui.lists.pools.selectedId ?? "etl-a", "etl-a");
    keys.ctx.dispatch({ type: "flash", flash: { ...offer, cycleOffer: "etl-b" } });
    for (const [input, key] of moves) keys.press(input, key);
    // Tab moved the focus and so ended the offer: only the line itself makes C mean etl-b.
    if (moves.length > 0) {
      keys.ctx.dispatch({ type: "flash", flash: { ...offer, cycleOffer: "etl-b" } });
      assert.notEqual(keys.ui.focused, "pools");
    }
    keys.press("C");
    await keys.settle();
    const dialog = keys.ui.dialog;
    assert.ok(dialog?.kind === "cycle", JSON.stringify(keys.flashes.at(-1)));
    assert.equal(dialog.plan.poolId, "etl-b");
    assert.equal(dialog.focus, 0, "Cancel focused");
  }
});

test("any other key ends the offer: C then cycles the selected pool", async () => {
  const keys = harness();
  keys.ctx.dispatch({ type: "flash", flash: { ...offer, cycleOffer: "etl-b" } });
  keys.press("j");
  keys.press("k");
  keys.press("C");
  await keys.settle();
  const dialog = keys.ui.dialog;
  assert.ok(dialog?.kind === "cycle");
  assert.equal(dialog.plan.poolId, "etl-a");
});
