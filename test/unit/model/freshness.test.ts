import { test } from "node:test";
import assert from "node:assert/strict";
import { accountBadge, describeFreshness } from "../../../src/model/freshness.js";

const now = 1_000_000;

test("fresh data says how often it is read, not its age, so a successful poll changes nothing", () => {
  for (const age of [0, 3_000, 10_000])
    assert.deepEqual(describeFreshness({ fetchedAt: now - age, intervalMs: 2_000, now }), {
      text: "every 2s",
      stale: false,
    });
  assert.equal(describeFreshness({ fetchedAt: now, intervalMs: 600_000, now }).text, "every 10m");
});

test("data turns stale the moment it passes the threshold, and counts every second from then", () => {
  const at = (age: number) => describeFreshness({ fetchedAt: now - age, intervalMs: 2_000, now });
  assert.deepEqual(at(12_000), { text: "every 2s", stale: false });
  assert.deepEqual(at(12_001), { text: "stale 12s: waiting for the service", stale: true });
  assert.equal(at(13_000).text, "stale 13s: waiting for the service");
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
  assert.equal(freshness.text, "every 2s");
});

const refused = "unreachable: connection refused (ECONNREFUSED) at https://127.0.0.1:41235";

test("an unreachable endpoint says so, with what was tried, from the first failure", () => {
  const first = describeFreshness({
    error: refused,
    throttle: {
      blockedUntil: now + 1_000,
      blockedBy: "unreachable",
      consecutiveFailures: 1,
      lastFailure: "unreachable",
    },
    intervalMs: 2_000,
    now,
  });
  assert.deepEqual(first, { text: `no data: ${refused}, retrying in 1s`, stale: true });
  const later = describeFreshness({
    fetchedAt: now - 40_000,
    error: refused,
    throttle: {
      blockedUntil: now + 29_000,
      blockedBy: "unreachable",
      consecutiveFailures: 6,
      lastFailure: "unreachable",
    },
    intervalMs: 2_000,
    now,
  });
  assert.equal(later.text, `stale 40s: ${refused}, retrying in 29s`);
  assert.doesNotMatch(later.text, /throttled|backing off/);
  // A pane whose own request still waits at the gate says what the others were told.
  const waiting = describeFreshness({
    throttle: {
      blockedUntil: now + 2_000,
      blockedBy: "unreachable",
      consecutiveFailures: 2,
      lastFailure: "unreachable",
      lastError: { message: refused },
    },
    intervalMs: 2_000,
    now,
  });
  assert.equal(waiting.text, `no data: ${refused}, retrying in 2s`);
});

test("the header badge: THROTTLED only for 429/503, UNREACHABLE until a request gets through", () => {
  const blocked = (blockedBy: "throttled" | "unavailable" | "unreachable" | "backoff") => ({
    blockedUntil: now + 5_000,
    blockedBy,
    consecutiveFailures: 1,
  });
  assert.equal(accountBadge(blocked("throttled"), now), "THROTTLED");
  assert.equal(accountBadge(blocked("unavailable"), now), "THROTTLED");
  assert.equal(accountBadge(blocked("unreachable"), now), "UNREACHABLE");
  assert.equal(accountBadge(blocked("backoff"), now), "BACKING OFF");
  // Between retries the gate is open, yet the endpoint is still unreachable: no flicker.
  assert.equal(
    accountBadge({ consecutiveFailures: 3, lastFailure: "unreachable", blockedBy: "unreachable" }, now),
    "UNREACHABLE",
  );
  assert.equal(accountBadge({ ...blocked("throttled"), blockedUntil: now - 1 }, now), undefined);
  assert.equal(accountBadge({ consecutiveFailures: 0 }, now), undefined);
  assert.equal(accountBadge(undefined, now), undefined);
});
