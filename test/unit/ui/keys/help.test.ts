import assert from "node:assert/strict";
import { test } from "node:test";
import type { Key } from "ink";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount } from "./keyAccount.js";

const helpOffset = (keys: ReturnType<typeof keyHarness>) =>
  keys.ui.input.kind === "help" ? keys.ui.input.offset : undefined;

test("the help scrolls with the moves as bound by default, and stays within its lines", () => {
  const keys = keyHarness({ account: keyAccount(), helpLength: 40 });
  keys.press("?");
  assert.equal(helpOffset(keys), 0);
  keys.press("j");
  keys.press(...named.down);
  assert.equal(helpOffset(keys), 2);
  keys.press("k");
  assert.equal(helpOffset(keys), 1);
  keys.press(...named.pageDown);
  assert.equal(helpOffset(keys), 11);
  keys.press("G");
  assert.equal(helpOffset(keys), 39);
  keys.press("j");
  assert.equal(helpOffset(keys), 39);
  keys.press("g");
  keys.press("k");
  assert.equal(helpOffset(keys), 0);
  assert.equal(keys.ui.lists.pools.selectedId, undefined, "the panes under the help did not move");
});

test("the help closes with the help key, back, or quit, and quit then does not leave batchtop", () => {
  const closers: (readonly [string, Partial<Key>])[] = [["?", {}], named.esc, ["q", {}]];
  for (const [input, key] of closers) {
    const keys = keyHarness({ account: keyAccount() });
    keys.press("?");
    keys.press(input, key);
    assert.equal(keys.ui.input.kind, "panes", input || "esc");
    assert.equal(keys.exits, 0);
  }
});

test("rebinding nav.down moves the help too: the new key scrolls it, the old one no longer does", () => {
  const keys = keyHarness({ account: keyAccount(), keys: { "nav.down": ["x"], "app.help": ["h"] } });
  keys.press("h");
  keys.press("x");
  assert.equal(helpOffset(keys), 1);
  keys.press("j");
  assert.equal(helpOffset(keys), 1);
  keys.press("h");
  assert.equal(keys.ui.input.kind, "panes");
});
