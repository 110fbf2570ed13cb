import { test } from "node:test";
import assert from "node:assert/strict";
import { sameData } from "../../../src/model/sameData.js";

test("Maps and Sets are compared by what they hold, not by their JSON (which is always {})", () => {
  assert.equal(sameData(new Map(), new Map([["run-1", { status: "Failed" }]])), false);
  assert.equal(sameData(new Map([["a", 1]]), new Map([["a", 1]])), true);
  assert.equal(sameData(new Map([["a", 1]]), new Map([["a", 2]])), false);
  assert.equal(sameData(new Set(["a"]), new Set(["b"])), false);
  assert.equal(sameData({ byId: new Map([["a", [1, 2]]]) }, { byId: new Map([["a", [1, 2]]]) }), true);
});

test("dates by instant, arrays by order, objects by their own keys", () => {
  assert.equal(sameData(new Date(5), new Date(5)), true);
  assert.equal(sameData(new Date(5), new Date(6)), false);
  assert.equal(sameData([1, 2], [2, 1]), false);
  assert.equal(sameData({ a: 1, b: undefined }, { a: 1 }), false);
  assert.equal(sameData({ a: 1 }, { a: 1 }), true);
  assert.equal(sameData([], {}), false);
  assert.equal(sameData(null, undefined), false);
  assert.equal(sameData(Number.NaN, Number.NaN), true);
});
