import { test } from "node:test";
import assert from "node:assert/strict";
import { editText } from "../../../../src/model/keymap/textEdit.js";
import { keyPress } from "../../../helpers/keyPress.js";

const press = keyPress;

test("typing adds the character to the end of the prompt", () => {
  assert.deepEqual(editText("po", "o", press()), { kind: "text", text: "poo" });
  assert.deepEqual(editText("", "G", press({ shift: true })), { kind: "text", text: "G" });
  assert.deepEqual(editText("find", " ", press()), { kind: "text", text: "find " });
});

test("a paste arrives whole, so an activity run id from an alert goes in at once", () => {
  const id = "9f0c2a55-1111-4a4a-9b9b-000000000001";
  assert.deepEqual(editText("find ", id, press()), { kind: "text", text: `find ${id}` });
});

test("control characters in typed or pasted text never reach the prompt", () => {
  assert.deepEqual(editText("", "abc\r\n", press()), { kind: "text", text: "abc" });
  assert.deepEqual(editText("x", "red\u0007\tblue", press()), { kind: "text", text: "xredblue" });
  assert.deepEqual(editText("x", "a\u0085b\u007f", press()), { kind: "text", text: "xab" });
  assert.deepEqual(editText("x", "\u0000\u001f", press()), { kind: "ignore" });
  assert.deepEqual(editText("x", "", press()), { kind: "ignore" });
});

test("Backspace and Delete remove the last character", () => {
  assert.deepEqual(editText("pools", "", press({ backspace: true })), { kind: "text", text: "pool" });
  // Most terminals send DEL for Backspace, which Ink reports as delete.
  assert.deepEqual(editText("pools", "", press({ delete: true })), { kind: "text", text: "pool" });
  assert.deepEqual(editText("", "", press({ backspace: true })), { kind: "text", text: "" });
});

test("Backspace removes an emoji whole, not half of it", () => {
  assert.deepEqual(editText("ok😀", "", press({ backspace: true })), { kind: "text", text: "ok" });
  assert.deepEqual(editText("é😀ü", "", press({ delete: true })), { kind: "text", text: "é😀" });
  assert.deepEqual(
    editText("a👩‍💻", "", press({ backspace: true })),
    { kind: "text", text: "a" },
    "a joined emoji",
  );
  assert.deepEqual(editText("a🇳🇱", "", press({ backspace: true })), { kind: "text", text: "a" }, "a flag");
});

test("Ctrl-U clears the prompt", () => {
  assert.deepEqual(editText("adfv2-prod", "u", press({ ctrl: true })), { kind: "text", text: "" });
});

test("Enter submits, Esc cancels and Tab asks for completion, whatever was typed with them", () => {
  assert.deepEqual(editText("pools", "\r", press({ return: true })), { kind: "submit" });
  // Ink marks Escape as meta too; it still cancels.
  assert.deepEqual(editText("pools", "", press({ escape: true, meta: true })), { kind: "cancel" });
  assert.deepEqual(editText("po", "\t", press({ tab: true })), { kind: "complete" });
});

test("arrows and other Ctrl or Alt combinations leave the text alone", () => {
  for (const key of [
    press({ upArrow: true }),
    press({ downArrow: true }),
    press({ leftArrow: true }),
    press({ rightArrow: true }),
  ]) {
    assert.deepEqual(editText("pools", "", key), { kind: "ignore" });
  }
  assert.deepEqual(editText("pools", "a", press({ ctrl: true })), { kind: "ignore" });
  assert.deepEqual(editText("pools", "c", press({ ctrl: true })), { kind: "ignore" });
  assert.deepEqual(editText("pools", "b", press({ meta: true })), { kind: "ignore" });
  assert.deepEqual(editText("pools", "u", press({ meta: true })), { kind: "ignore" }, "Alt-U does not clear");
});
