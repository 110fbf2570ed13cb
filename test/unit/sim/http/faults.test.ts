import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFaultSpec } from "../../../../src/sim/http/faults.js";

test("a fault spec sets shares, latency and Retry-After", () => {
  assert.deepEqual(parseFaultSpec("throttle=0.1,unavailable=0.05,reset=0.01,latency=200,retry-after=3"), {
    throttle: 0.1,
    unavailable: 0.05,
    reset: 0.01,
    latencyMs: 200,
    retryAfterSeconds: 3,
    services: [],
  });
});

test("bad fault specs get a one-line reason naming the part", () => {
  assert.match(String(parseFaultSpec("throttle=2")), /throttle is a share of requests between 0 and 1/);
  assert.match(String(parseFaultSpec("explode=1")), /unknown fault "explode"/);
  assert.match(String(parseFaultSpec("latency=-5")), /"latency=-5" needs a non-negative number/);
  assert.match(String(parseFaultSpec("throttle")), /"throttle" needs a non-negative number/);
});
