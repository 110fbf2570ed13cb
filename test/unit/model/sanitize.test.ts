import { test } from "node:test";
import assert from "node:assert/strict";
import { sanitizeInline, sanitizeLines } from "../../../src/model/sanitize.js";

test("OSC sequences that write the clipboard, set the title or make links are removed", () => {
  assert.equal(sanitizeInline("a\u001b]52;c;ZXZpbA==\u0007b"), "ab");
  assert.equal(sanitizeInline("a\u001b]0;pwned\u001b\\b"), "ab");
  assert.equal(sanitizeInline("\u001b]8;;https://evil\u0007click\u001b]8;;\u0007"), "click");
});

test("CSI colour and cursor sequences, C1 controls, CR, BS and BEL are removed", () => {
  assert.equal(sanitizeInline("\u001b[31mred\u001b[0m \u001b[2J\u001b[Hx"), "red x");
  assert.equal(sanitizeInline("ok\rfake\bmore\u0007\u009b31m!"), "ok fakemore!");
  assert.equal(sanitizeInline("pool\u0085id"), "poolid");
});

test("bidi overrides cannot reorder an id", () => {
  assert.equal(sanitizeInline("task\u202eexe.txt"), "taskexe.txt");
});

test("log text keeps its lines and tabs", () => {
  assert.deepEqual(sanitizeLines("one\ttab\r\ntwo\u001b[1m\nthree"), ["one\ttab", "two", "three"]);
});

test("a lone ESC at the end of a chunk does not survive", () => {
  assert.equal(sanitizeInline("tail\u001b"), "tail");
});
