import { test } from "node:test";
import assert from "node:assert/strict";
import { etagFor, httpDate } from "../../../../src/sim/batch/wire.js";

test("ETags are the .NET ticks of the last-modified time in hex, as in the official JobGet example", () => {
  assert.equal(etagFor("2016-11-19T00:05:27.5391608Z"), "0x8D4100FC49F0278");
  assert.equal(etagFor("2016-11-19T02:05:27.5391608+02:00"), "0x8D4100FC49F0278");
});

test("HTTP dates are RFC 1123", () => {
  assert.equal(httpDate("2017-02-17T00:00:00Z"), "Fri, 17 Feb 2017 00:00:00 GMT");
});
