import { test } from "node:test";
import assert from "node:assert/strict";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { parseOcpRange } from "../../../../src/sim/batch/fileRange.js";

const code = (expected: string) => (error: unknown) =>
  error instanceof SimServiceError && error.code === expected;

test("ocp-range reads closed, open and suffix ranges, clamping to the file", () => {
  assert.equal(parseOcpRange(undefined, 10), undefined);
  assert.deepEqual(parseOcpRange("bytes=2-5", 10), { start: 2, end: 5 });
  assert.deepEqual(parseOcpRange("bytes=2-500", 10), { start: 2, end: 9 });
  assert.deepEqual(parseOcpRange("bytes=7-", 10), { start: 7, end: 9 });
  assert.deepEqual(parseOcpRange("bytes=-3", 10), { start: 7, end: 9 });
  assert.deepEqual(parseOcpRange("BYTES = 0 - 0", 10), { start: 0, end: 0 });
});

test("malformed ranges are 400 InvalidHeaderValue naming ocp-range", () => {
  for (const header of ["bytes=", "bytes=-", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=0-1,3-4"]) {
    assert.throws(() => parseOcpRange(header, 10), code("InvalidHeaderValue"), header);
  }
});

test("ranges starting past the end are 416 InvalidRange", () => {
  assert.throws(() => parseOcpRange("bytes=10-20", 10), code("InvalidRange"));
  assert.throws(() => parseOcpRange("bytes=0-", 0), code("InvalidRange"));
  assert.throws(() => parseOcpRange("bytes=-0", 10), code("InvalidRange"));
});
