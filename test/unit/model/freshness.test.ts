import { test } from "node:test";
import assert from "node:assert/strict";
import { describeFreshness } from "../../../src/model/freshness.js";

const now = 1_000_000;

test("fresh data says how old it is", () => {
  assert.deepEqual(describeFreshness({ fetchedAt: now - 3_000, intervalMs: 2_000, now }), {
    text: "3s ago",
    stale: false,
  });
});

test("a throttled account shows the age, the 429 and when it retries", () => {
  const freshness = describeFreshness({
    fetchedAt: now - 34_000,
    throttle: { blockedUntil: now + 12_000, blockedBy: "throttled", consecutiveFailures: 1 },
    intervalMs: 2_000,
    now,
  });
  assert.deepEqual(freshness, { text: "stale 34s: 429 throttled, retrying in 12s", stale: true });
});

test("a failed poll keeps the data but marks it stale with the service's words", () => {
  const freshness = describeFreshness({
    fetchedAt: now - 8_000,
    error: "HTTP 403 Forbidden: the identity lacks Reader on the account",
    intervalMs: 2_000,
    now,
  });
  assert.equal(freshness.text, "stale 8s: HTTP 403 Forbidden: the identity lacks Reader on the account");
  assert.equal(freshness.stale, true);
});

test("backoff after failures, and no data at all yet", () => {
  const freshness = describeFreshness({
    error: "connection reset",
    throttle: { blockedUntil: now + 4_000, blockedBy: "backoff", consecutiveFailures: 3 },
    intervalMs: 2_000,
    now,
  });
  assert.equal(freshness.text, "no data: backing off after 3 failures (connection reset), retrying in 4s");
  assert.deepEqual(describeFreshness({ intervalMs: 2_000, now }), { text: "loading…", stale: false });
});

test("polls that stop answering make old data stale even without an error", () => {
  const freshness = describeFreshness({ fetchedAt: now - 45_000, intervalMs: 2_000, now });
  assert.deepEqual(freshness, { text: "stale 45s: waiting for the service", stale: true });
});

test("a block that has passed is no longer reported", () => {
  const freshness = describeFreshness({
    fetchedAt: now - 1_000,
    throttle: { blockedUntil: now - 1, blockedBy: "throttled", consecutiveFailures: 0 },
    intervalMs: 2_000,
    now,
  });
  assert.equal(freshness.text, "1s ago");
});
