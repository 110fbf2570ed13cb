import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatIsoDuration,
  isoDurationMinutes,
  minutesToIsoDuration,
  parseIsoDuration,
} from "../../../src/azure/isoDuration.js";

test("ARM's durations parse to milliseconds; months, years and junk do not", () => {
  assert.equal(parseIsoDuration("PT15M"), 15 * 60_000);
  assert.equal(parseIsoDuration("PT1H30M"), 90 * 60_000);
  assert.equal(parseIsoDuration("P1DT12H"), 36 * 3_600_000);
  assert.equal(parseIsoDuration("PT0.5S"), 500);
  for (const bad of ["P1M", "P1Y", "PT", "P", "15M", "P1DT", ""])
    assert.equal(parseIsoDuration(bad), undefined, bad);
});

test("formatting gives the shortest form and round-trips", () => {
  assert.equal(formatIsoDuration(0), "PT0S");
  assert.equal(formatIsoDuration(90 * 60_000), "PT1H30M");
  assert.equal(formatIsoDuration(24 * 3_600_000), "P1D");
  assert.equal(formatIsoDuration(26 * 3_600_000 + 1_500), "P1DT2H1.5S");
  for (const ms of [1, 59_000, 3_600_000, 7 * 24 * 3_600_000 + 61_000]) {
    assert.equal(parseIsoDuration(formatIsoDuration(ms)), ms);
  }
  assert.throws(() => formatIsoDuration(-1), RangeError);
  assert.equal(minutesToIsoDuration(20), "PT20M");
  assert.equal(isoDurationMinutes("PT1H"), 60);
  assert.equal(isoDurationMinutes(undefined), undefined);
});
