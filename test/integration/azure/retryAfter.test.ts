import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { measure, startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// Scripted faults from the demo account; the request log's timestamps show when requests left.

let account: SimAccount;

before(async () => {
  account = await startSimAccount({
    scenario: "healthy",
    storage: false,
    readOnly: true,
    throttle: { backoffBaseMs: 200 },
  });
  // The first request also fetches a token; keep that out of the timing.
  await account.adapters.reader.listPools();
});
after(() => account.sim.stop());

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !condition(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 2));
  assert.ok(condition());
}

/** When the demo account started on a request: the log records when the answer was complete. */
const arrivedAt = (entry: { time: Date; durationMs: number }) => entry.time.getTime() - entry.durationMs;

test("after a 429 with Retry-After: 1, no request to the account leaves before a second has passed", async (t) => {
  const { sim, adapters } = account;
  const throttle = adapters.throttles.batch;
  sim.faults.injectNext("throttle", 1, 1);
  const traffic = await measure(sim, async () => {
    const pools = adapters.reader.listPools();
    await until(() => throttle.state().blockedBy === "throttled");
    // Other panes keep polling the same account meanwhile: they wait too.
    const others = Promise.all([adapters.reader.listJobs(), adapters.reader.poolNodeCounts()]);
    return Promise.all([pools, others]);
  });
  const [pools] = traffic.result;
  assert.ok(pools.length > 0, "the throttled read succeeded once allowed");

  const [refused, ...later] = traffic.requests;
  assert.equal(refused?.status, 429);
  assert.equal(refused?.fault, "throttle");
  assert.equal(later.length, 3);
  const refusedAt = refused!.time.getTime();
  // The log's clock has millisecond steps; a request started within the Retry-After would be ≥ 1 ms early.
  for (const entry of later) {
    assert.equal(entry.status, 200, `${entry.method} ${entry.path}`);
    assert.ok(
      arrivedAt(entry) >= refusedAt + 1000 - 1,
      `${entry.path} left ${arrivedAt(entry) - refusedAt} ms after the 429`,
    );
  }
  const firstAfter = Math.min(...later.map(arrivedAt)) - refusedAt;
  assert.equal(throttle.state().blockedUntil, undefined);
  assert.equal(throttle.state().consecutiveFailures, 0);
  t.diagnostic(
    `first request after the 429 (Retry-After: 1) reached the account ${firstAfter.toFixed(0)} ms later`,
  );
});

test("a 503 with Retry-After is honoured the same way", async () => {
  const { sim, adapters } = account;
  sim.faults.injectNext("unavailable", 1, 1);
  const traffic = await measure(sim, () => adapters.reader.listJobs());
  const [refused, retried] = traffic.requests;
  assert.equal(refused?.status, 503);
  assert.ok(arrivedAt(retried!) >= refused!.time.getTime() + 1000 - 1);
});

test("a reset connection is retried after a jittered backoff, and the throttle shows the trouble meanwhile", async () => {
  const { sim, adapters } = account;
  const throttle = adapters.throttles.batch;
  sim.faults.injectNext("reset", 1);
  const traffic = await measure(sim, async () => {
    const pools = adapters.reader.listPools();
    await until(() => throttle.state().blockedBy === "backoff");
    const state = throttle.state();
    assert.equal(state.consecutiveFailures, 1);
    assert.ok(state.lastError, "the store can show the last error");
    return pools;
  });
  assert.ok(traffic.result.length > 0);
  const [reset, retried] = traffic.requests;
  assert.equal(reset?.fault, "reset");
  // Backoff base 200 ms: the first retry waits between 100 and 200 ms.
  assert.ok(arrivedAt(retried!) - reset!.time.getTime() >= 100 - 1);
  assert.equal(throttle.state().consecutiveFailures, 0);
});

test("failures reach the caller as AzureRequestError with the service's own message", async () => {
  await assert.rejects(account.adapters.reader.listNodes("no-such-pool"), (error: unknown) => {
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, "PoolNotFound");
    assert.equal(error.message, "The specified pool does not exist.");
    return true;
  });
});
