import { test } from "node:test";
import assert from "node:assert/strict";
import { formatClockTime, formatDuration } from "../../../../src/model/views/duration.js";

test("durations read compactly", () => {
  assert.equal(formatDuration(4_200), "4s");
  assert.equal(formatDuration(192_000), "3m12s");
  assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000), "2h05m");
  assert.equal(formatDuration(80 * 3_600_000), "3d");
  assert.equal(formatDuration(-5_000), "0s");
});

test("start times read in UTC, with the date only when it is not today", () => {
  const now = new Date("2025-05-21T15:00:00Z");
  assert.equal(formatClockTime(new Date("2025-05-21T14:03:22Z"), now), "14:03:22Z");
  assert.equal(formatClockTime(new Date("2025-05-20T23:59:10Z"), now), "05-20 23:59Z");
});
