import { test } from "node:test";
import assert from "node:assert/strict";
import { formatAge, formatClockTime, formatDuration } from "../../../../src/model/views/duration.js";

test("durations read compactly", () => {
  assert.equal(formatDuration(4_200), "4s");
  assert.equal(formatDuration(192_000), "3m12s");
  assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000), "2h05m");
  assert.equal(formatDuration(80 * 3_600_000), "3d");
  assert.equal(formatDuration(-5_000), "0s");
});

test("ages that grow with the clock read coarsely, changing once a minute past the first", () => {
  assert.equal(formatAge(42_900), "42s");
  assert.equal(formatAge(59_999), "59s");
  assert.equal(formatAge(60_000), "1m");
  assert.equal(formatAge(12 * 60_000 + 59_000), "12m");
  assert.equal(formatAge(3 * 3_600_000 + 12 * 60_000 + 30_000), "3h12m");
  assert.equal(formatAge(3 * 3_600_000 + 5 * 60_000), "3h05m");
  assert.equal(formatAge(47 * 3_600_000 + 59 * 60_000), "47h59m");
  assert.equal(formatAge(48 * 3_600_000), "2d");
  assert.equal(formatAge(-5_000), "0s");
  // Within a minute past the first, every second reads the same.
  const minute = new Set(Array.from({ length: 60 }, (_, second) => formatAge(125 * 60_000 + second * 1000)));
  assert.deepEqual([...minute], ["2h05m"]);
});

test("start times read in UTC, with the date only when it is not today", () => {
  const now = new Date("2025-05-21T15:00:00Z");
  assert.equal(formatClockTime(new Date("2025-05-21T14:03:22Z"), now), "14:03:22Z");
  assert.equal(formatClockTime(new Date("2025-05-20T23:59:10Z"), now), "05-20 23:59Z");
});
