import { test } from "node:test";
import assert from "node:assert/strict";
import { formatCount, formatRowPosition } from "../../../../src/model/views/numberFormat.js";

test("counts read with thousands separators", () => {
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(7), "7");
  assert.equal(formatCount(999), "999");
  assert.equal(formatCount(1000), "1,000");
  assert.equal(formatCount(52_000), "52,000");
  assert.equal(formatCount(100_000), "100,000");
  assert.equal(formatCount(1_234_567), "1,234,567");
  assert.equal(formatCount(-1783), "-1,783");
  assert.equal(formatCount(12.9), "12", "a count has no fraction");
});

test("a row position counts from one", () => {
  assert.equal(formatRowPosition(1203, 52_000), "row 1,204 of 52,000");
  assert.equal(formatRowPosition(0, 3), "row 1 of 3");
});
