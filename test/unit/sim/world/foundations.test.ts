import { test } from "node:test";
import assert from "node:assert/strict";
import { eTagAt } from "../../../../src/sim/world/ids.js";
import { Random, hash32 } from "../../../../src/sim/world/random.js";
import { isoAt, parseIsoDuration } from "../../../../src/sim/world/time.js";

test("the same seed gives the same numbers, a different seed different ones", () => {
  const draw = (seed: number) => Array.from({ length: 5 }, () => new Random(seed).nextUint32());
  const first = new Random(42);
  const second = new Random(42);
  assert.deepEqual(
    Array.from({ length: 20 }, () => first.next()),
    Array.from({ length: 20 }, () => second.next()),
  );
  assert.notDeepEqual(draw(1), draw(2));
  assert.equal(hash32("adfv2-etl"), hash32("adfv2-etl"));
  assert.notEqual(hash32("a", 1), hash32("a", 2));
});

test("GUIDs and hex ids have the service's shapes", () => {
  const rng = new Random(3);
  for (let i = 0; i < 100; i++)
    assert.match(rng.guid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(rng.hex(64), /^[0-9a-f]{64}$/);
});

test("isoAt formats exactly as Date.toISOString", () => {
  const rng = new Random(9);
  const samples = [
    0,
    Date.parse("2000-02-29T23:59:59.999Z"),
    Date.parse("2024-12-31T00:00:00.000Z"),
    253_402_300_799_999,
  ];
  for (let i = 0; i < 2000; i++) samples.push(Math.floor(rng.next() * 253_402_300_799_999));
  for (const ms of samples) assert.equal(isoAt(ms), new Date(ms).toISOString());
  assert.equal(isoAt(-1), new Date(-1).toISOString());
});

test("eTags are the modification time in .NET ticks, as the service's", () => {
  // PoolList_Basic example: lastModified 2016-11-21T18:26:39.7108787Z has eTag 0x8D4123BEF87D233.
  assert.equal(eTagAt(Date.parse("2016-11-21T18:26:39.710Z"), 8787), "0x8D4123BEF87D233");
});

test("ISO durations parse to milliseconds and malformed ones are refused", () => {
  assert.equal(parseIsoDuration("PT15M"), 15 * 60_000);
  assert.equal(parseIsoDuration("P1DT2H30S"), 26 * 3_600_000 + 30_000);
  assert.equal(parseIsoDuration("P"), undefined);
  assert.equal(parseIsoDuration("PT"), undefined);
  assert.equal(parseIsoDuration("15 minutes"), undefined);
});
