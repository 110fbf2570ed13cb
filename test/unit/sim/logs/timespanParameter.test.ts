import { test } from "node:test";
import assert from "node:assert/strict";
import { parseIsoDuration, parseTimespanParameter } from "../../../../src/sim/logs/timespanParameter.js";

const now = new Date("2026-11-22T12:00:00Z");
const at = (iso: string) => Date.parse(iso);

test("ISO 8601 durations", () => {
  assert.equal(parseIsoDuration("PT1H"), 3_600_000);
  assert.equal(parseIsoDuration("P1D"), 86_400_000);
  assert.equal(parseIsoDuration("P3DT12H"), 3.5 * 86_400_000);
  assert.equal(parseIsoDuration("PT5M30S"), 330_000);
  assert.equal(parseIsoDuration("P1W"), 7 * 86_400_000);
  for (const invalid of ["P", "PT", "1h", "P1M", "P1Y", ""])
    assert.equal(parseIsoDuration(invalid), undefined, invalid);
});

test("a bare duration ends now", () => {
  assert.deepEqual(parseTimespanParameter("PT1H", now), {
    start: at("2026-11-22T11:00:00Z"),
    end: now.getTime(),
  });
});

test("the interval forms the SDK sends: start/end, start/duration, duration/end", () => {
  assert.deepEqual(parseTimespanParameter("2026-11-22T08:00:00.000Z/2026-11-22T10:00:00.000Z", now), {
    start: at("2026-11-22T08:00:00Z"),
    end: at("2026-11-22T10:00:00Z"),
  });
  assert.deepEqual(parseTimespanParameter("2026-11-22T08:00:00.000Z/PT30M", now), {
    start: at("2026-11-22T08:00:00Z"),
    end: at("2026-11-22T08:30:00Z"),
  });
  assert.deepEqual(parseTimespanParameter("P1D/2026-11-22T10:00:00Z", now), {
    start: at("2026-11-21T10:00:00Z"),
    end: at("2026-11-22T10:00:00Z"),
  });
});

test("anything else is not a timespan", () => {
  for (const invalid of [
    "yesterday",
    "2026-11-22T10:00:00Z/2026-11-22T08:00:00Z",
    "a/b",
    "PT1H/PT2H",
    "x/y/z",
  ]) {
    assert.equal(parseTimespanParameter(invalid, now), undefined, invalid);
  }
});
