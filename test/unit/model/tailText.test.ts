import { test } from "node:test";
import assert from "node:assert/strict";
import { TailText } from "../../../src/model/tailText.js";

const bytes = (text: string) => new TextEncoder().encode(text);

function readInPieces(data: Uint8Array, cuts: number[]): TailText {
  const text = new TailText();
  let start = 0;
  for (const cut of [...cuts, data.length]) {
    text.push(data.subarray(start, cut));
    start = cut;
  }
  return text;
}

test("a multi-byte character split between reads comes out whole, wherever the split falls", () => {
  const data = bytes("größe: 3 € 😀 done\nnext ünïcode line\n");
  for (let cut = 1; cut < data.length; cut++) {
    const text = readInPieces(data, [cut]);
    assert.deepEqual(text.lines, ["größe: 3 € 😀 done", "next ünïcode line"], `split at byte ${cut}`);
    assert.equal(text.partialLine, "");
  }
});

test("a four-byte character arriving one byte per read is carried over until complete", () => {
  const data = bytes("😀\n");
  const text = readInPieces(data, [1, 2, 3]);
  assert.deepEqual(text.lines, ["😀"]);
});

test("the unfinished last line is shown apart and completed by the next read", () => {
  const text = new TailText();
  text.push(bytes("first\nprogress 40%"));
  assert.deepEqual(text.lines, ["first"]);
  assert.equal(text.partialLine, "progress 40%");
  text.push(bytes(" ... 100%\n"));
  assert.deepEqual(text.lines, ["first", "progress 40% ... 100%"]);
  assert.equal(text.partialLine, "");
});

test("CRLF endings split between reads leave no carriage return behind", () => {
  const text = readInPieces(bytes("windows line\r\nsecond\r\n"), [13]);
  assert.deepEqual(text.lines, ["windows line", "second"]);
});

test("an escape sequence split between reads is removed whole", () => {
  const data = bytes("\u001b]52;c;ZXZpbA==\u0007copied? \u001b[31mred\u001b[0m\n");
  for (let cut = 1; cut < data.length; cut++) {
    assert.deepEqual(readInPieces(data, [cut]).lines, ["copied? red"], `split at byte ${cut}`);
  }
});

test("only the last maxLines lines are kept", () => {
  const text = new TailText({ maxLines: 3 });
  for (let line = 1; line <= 500; line++) text.push(bytes(`line ${line}\n`));
  assert.deepEqual(text.lines, ["line 498", "line 499", "line 500"]);
});

test("a file without line breaks cannot grow the buffer: long lines are broken", () => {
  const text = new TailText({ maxLineChars: 10 });
  text.push(bytes("a".repeat(25)));
  assert.deepEqual(text.lines, ["a".repeat(10), "a".repeat(10)]);
  assert.equal(text.partialLine, "a".repeat(5));
});

test("after a gap the fragment up to the next line break is dropped, mid-character starts included", () => {
  const text = new TailText();
  text.push(bytes("kept\nunfinished"));
  text.resumeAfterGap();
  // Starts inside "€" (3 bytes): the fragment, bad bytes and all, is not shown.
  text.push(bytes("€ tail of a skipped line\nwhole line\n").subarray(1));
  assert.deepEqual(text.lines, ["kept", "whole line"]);
});

test("reset forgets lines, the partial line and a half-read character", () => {
  const text = new TailText();
  text.push(bytes("old\nhalf"));
  text.push(bytes("€").subarray(0, 2));
  text.reset();
  text.push(bytes("new\n"));
  assert.deepEqual(text.lines, ["new"]);
  assert.equal(text.partialLine, "");
});

test("the lines array is the same object until something changes, so the UI can skip a render", () => {
  const text = new TailText();
  text.push(bytes("a\n"));
  const before = text.lines;
  text.push(bytes("partial"));
  assert.equal(text.lines, before);
  text.push(bytes("\n"));
  assert.notEqual(text.lines, before);
});
