import { test } from "node:test";
import assert from "node:assert/strict";
import { keyLabel, keyNameOf, parseKeyName, type KeyPress } from "../../../../src/model/keymap/keyNames.js";
import { keyPress } from "../../../helpers/keyPress.js";

const press = (input: string, key: Partial<KeyPress> = {}) => keyNameOf(input, keyPress(key));

test("characters are named by themselves, their case saying whether Shift was held", () => {
  assert.equal(press("j"), "j");
  // Ink sets shift for an upper-case letter; the letter already says so.
  assert.equal(press("G", { shift: true }), "G");
  assert.equal(press(":"), ":");
  assert.equal(press("?"), "?");
  assert.equal(press("/"), "/");
});

test("Ctrl and Meta prefix the key; Ctrl with a letter is always the lower-case letter", () => {
  assert.equal(press("c", { ctrl: true }), "ctrl+c");
  assert.equal(press("x", { meta: true }), "meta+x");
  assert.equal(press("X", { meta: true, shift: true }), "meta+X");
});

test("keys without a character are named as users write them", () => {
  assert.equal(press("", { upArrow: true }), "up");
  assert.equal(press("", { downArrow: true }), "down");
  assert.equal(press("", { pageUp: true }), "pageup");
  assert.equal(press("", { pageDown: true }), "pagedown");
  assert.equal(press("", { home: true }), "home");
  assert.equal(press("", { end: true }), "end");
  assert.equal(press("\r", { return: true }), "enter");
  assert.equal(press("", { tab: true }), "tab");
  assert.equal(press("", { tab: true, shift: true }), "shift+tab");
  assert.equal(press("", { upArrow: true, ctrl: true }), "ctrl+up");
  assert.equal(press(" "), "space");
});

test("Esc is plain esc although Ink marks it as meta", () => {
  assert.equal(press("", { escape: true, meta: true }), "esc");
});

test("the Backspace key is one key whether Ink calls it backspace or delete", () => {
  assert.equal(press("", { backspace: true }), "backspace");
  assert.equal(press("", { delete: true }), "backspace");
});

test("a paste and unnamed control characters are not keys", () => {
  assert.equal(press("a3f2-pasted"), undefined);
  assert.equal(press(""), undefined);
  assert.equal(press("\u001b"), undefined);
});

test("a key outside the basic plane is still one key", () => {
  assert.equal(press("é"), "é");
  assert.equal(press("😀"), "😀");
});

test("keys written in the config file are read into their canonical names", () => {
  assert.equal(parseKeyName("R"), "R");
  assert.equal(parseKeyName("Ctrl+R"), "ctrl+r");
  assert.equal(parseKeyName("control+r"), "ctrl+r");
  assert.equal(parseKeyName("shift+r"), "R");
  assert.equal(parseKeyName("alt+x"), "meta+x");
  assert.equal(parseKeyName("Shift+Tab"), "shift+tab");
  assert.equal(parseKeyName("PgDn"), "pagedown");
  assert.equal(parseKeyName("Escape"), "esc");
  assert.equal(parseKeyName("return"), "enter");
  assert.equal(parseKeyName("+"), "+");
  assert.equal(parseKeyName("meta++"), "meta++");
  assert.equal(parseKeyName("shift+ctrl+up"), "ctrl+shift+up");
});

test("Ctrl letters that terminals send as Tab, Enter and Backspace are bound as those keys", () => {
  assert.equal(parseKeyName("ctrl+i"), "tab");
  assert.equal(parseKeyName("ctrl+M"), "enter");
  assert.equal(parseKeyName("ctrl+h"), "backspace");
  assert.equal(parseKeyName("meta+ctrl+h"), "meta+backspace");
});

test("keys no terminal sends as one press are refused", () => {
  for (const text of [
    "ctrl+1",
    "shift+1",
    "ctrl+shift+r",
    "ctrl+esc",
    "hyper+x",
    "f13",
    "enterr",
    "shift+",
  ]) {
    assert.equal(parseKeyName(text), undefined, text);
  }
});

test("the help and the footer show keys the way keyboards label them", () => {
  assert.equal(keyLabel("down"), "↓");
  assert.equal(keyLabel("pageup"), "PgUp");
  assert.equal(keyLabel("shift+tab"), "Shift-Tab");
  assert.equal(keyLabel("ctrl+f"), "Ctrl-F");
  assert.equal(keyLabel("meta+x"), "Alt-x");
  assert.equal(keyLabel("G"), "G");
  assert.equal(keyLabel("+"), "+");
  assert.equal(keyLabel("ctrl++"), "Ctrl-+");
});
