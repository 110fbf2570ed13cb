import { test } from "node:test";
import assert from "node:assert/strict";
import {
  displayWidth,
  expandTabs,
  fitToWidth,
  truncateToWidth,
  wrapRanges,
} from "../../../../src/model/views/textWidth.js";

test("CJK and emoji take two cells, combining marks none", () => {
  assert.equal(displayWidth("abc"), 3);
  assert.equal(displayWidth("日本"), 4);
  assert.equal(displayWidth("👍"), 2);
  assert.equal(displayWidth("e\u0301"), 1);
});

test("a cut ends in an ellipsis and never splits a wide character", () => {
  assert.equal(truncateToWidth("pool-eastus2", 6), "pool-…");
  assert.equal(truncateToWidth("日本語テキスト", 6), "日本…");
  assert.equal(displayWidth(truncateToWidth("日本語テキスト", 6)), 5);
  assert.equal(truncateToWidth("short", 10), "short");
});

test("fitting pads to the exact width in cells, left or right", () => {
  assert.equal(fitToWidth("日本", 6), "日本  ");
  assert.equal(fitToWidth("42", 5, "right"), "   42");
  assert.equal(displayWidth(fitToWidth("日本語テキスト", 6)), 6);
});

test("wrapping counts cells: three CJK characters do not fit in five", () => {
  const text = "日本語テキスト";
  assert.deepEqual(
    wrapRanges(text, 5).map(([start, end]) => text.slice(start, end)),
    ["日本", "語テ", "キス", "ト"],
  );
  assert.deepEqual(wrapRanges("abcdefg", 3), [
    [0, 3],
    [3, 6],
    [6, 7],
  ]);
  assert.deepEqual(wrapRanges("", 10), [[0, 0]]);
});

test("a character wider than the width gets a row of its own instead of looping", () => {
  assert.deepEqual(wrapRanges("日本", 1), [
    [0, 1],
    [1, 2],
  ]);
});

test("combining marks stay with their letter across a wrap", () => {
  const text = "ab\u0301cd";
  assert.deepEqual(
    wrapRanges(text, 2).map(([start, end]) => text.slice(start, end)),
    ["ab\u0301", "cd"],
  );
});

test("tabs expand to the next stop of eight cells", () => {
  assert.equal(expandTabs("a\tb"), "a       b");
  assert.equal(expandTabs("日本\tx"), "日本    x");
});

test("no space is left dangling before the ellipsis", () => {
  assert.equal(truncateToWidth("completed exit 1", 11), "completed…");
  assert.equal(fitToWidth("completed exit 1", 11), "completed… ");
});

test("wrapped rows never exceed the width and lose no text, whatever the script", () => {
  const text = "ok 1\ufe0f\u20e3 café\u0301 👩‍💻 日本語 e\u0301x ✗ done";
  for (let width = 2; width <= 12; width += 1) {
    const rows = wrapRanges(text, width).map(([start, end]) => text.slice(start, end));
    assert.equal(rows.join(""), text);
    for (const row of rows) assert.ok(displayWidth(row) <= width, `${JSON.stringify(row)} at ${width}`);
  }
});

test("a cut keeps an emoji sequence whole", () => {
  assert.equal(truncateToWidth("ab👩‍💻cd", 4), "ab…");
  assert.equal(truncateToWidth("ab👩‍💻cd", 5), "ab👩‍💻…");
});
