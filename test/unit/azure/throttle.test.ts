import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError, EndpointUnreachableError } from "../../../src/azure/azureError.js";
import { ReadOnlyRefusalError } from "../../../src/azure/readOnlyGuard.js";
import { AccountThrottle, backoffDelay, classifyFailure } from "../../../src/azure/throttle.js";
import { ManualClock, settle } from "../../helpers/manualClock.js";

const throttled = (retryAfterMs: number) =>
  new AzureRequestError("Too many requests", 429, "TooManyRequests", retryAfterMs, "req-1");
const serverError = () => new AzureRequestError("Internal error", 500, "InternalError", undefined, undefined);
const refused = () =>
  new EndpointUnreachableError(
    "unreachable: connection refused (ECONNREFUSED) at https://127.0.0.1:41235",
    "ECONNREFUSED",
  );
const notFound = () =>
  new AzureRequestError("The specified pool does not exist.", 404, "PoolNotFound", undefined, undefined);

/** An operation that fails with the given errors first, then succeeds, noting when each try left. */
function scripted(clock: ManualClock, failures: AzureRequestError[]) {
  const sentAt: number[] = [];
  const operation = async () => {
    sentAt.push(clock.now());
    const failure = failures.shift();
    if (failure) throw failure;
    return "ok";
  };
  return { operation, sentAt };
}

test("a 429's Retry-After holds every request to the account until it elapses", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock });
  const start = clock.now();
  const first = scripted(clock, [throttled(5_000)]);
  const firstRun = throttle.run(first.operation);
  await settle();
  assert.deepEqual(first.sentAt, [start]);
  assert.equal(throttle.state().blockedBy, "throttled");
  assert.equal(throttle.state().blockedUntil, start + 5_000);
  assert.equal(throttle.state().lastError?.statusCode, 429);

  // Another request to the same account, issued while the Retry-After runs, waits as well.
  const other = scripted(clock, []);
  const otherRun = throttle.run(other.operation);
  await clock.advance(4_999);
  assert.deepEqual(other.sentAt, [], "nothing leaves before Retry-After elapses");
  assert.equal(first.sentAt.length, 1);
  assert.equal(throttle.state().waiting, 2);

  await clock.advance(1);
  assert.equal(await firstRun, "ok");
  assert.equal(await otherRun, "ok");
  assert.deepEqual(first.sentAt, [start, start + 5_000]);
  assert.deepEqual(other.sentAt, [start + 5_000]);
  assert.equal(throttle.state().blockedUntil, undefined);
  assert.equal(throttle.state().consecutiveFailures, 0);
  assert.equal(throttle.state().lastError, undefined);
});

test("a shorter Retry-After arriving later never shortens the block", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, maxAttempts: 1 });
  const start = clock.now();
  // Two requests in flight together; the service answers both with 429, the longer wait first.
  const answers: ((error: AzureRequestError) => void)[] = [];
  const pending = () => new Promise<never>((_, reject) => answers.push(reject));
  const runs = [throttle.run(pending), throttle.run(pending)].map((run) => assert.rejects(run));
  await settle();
  answers[0]?.(throttled(10_000));
  await settle();
  answers[1]?.(throttled(2_000));
  await Promise.all(runs);
  assert.equal(throttle.state().blockedUntil, start + 10_000);
});

test("backoff delays are jittered between half and all of an exponential ceiling, capped", () => {
  const low = () => 0;
  const high = () => 0.999_999;
  assert.equal(backoffDelay(1, 1_000, 60_000, low), 500);
  assert.ok(Math.abs(backoffDelay(1, 1_000, 60_000, high) - 1_000) < 1);
  assert.equal(backoffDelay(3, 1_000, 60_000, low), 2_000);
  assert.ok(backoffDelay(3, 1_000, 60_000, high) < 4_000);
  assert.equal(backoffDelay(20, 1_000, 60_000, low), 30_000);
  assert.ok(backoffDelay(20, 1_000, 60_000, high) <= 60_000);
  for (let failures = 1; failures <= 8; failures++) {
    const ceiling = Math.min(60_000, 1_000 * 2 ** (failures - 1));
    for (const roll of [0, 0.25, 0.5, 0.75, 0.99]) {
      const delay = backoffDelay(failures, 1_000, 60_000, () => roll);
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `${failures} failures, roll ${roll}: ${delay}`);
    }
  }
});

test("5xx failures back off with jitter before the retry, and success clears the state", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, backoffBaseMs: 1_000, random: () => 0.5 });
  const start = clock.now();
  const flaky = scripted(clock, [serverError(), serverError()]);
  const run = throttle.run(flaky.operation);
  await settle();
  assert.equal(throttle.state().blockedBy, "backoff");
  assert.equal(throttle.state().consecutiveFailures, 1);
  await clock.advance(10_000);
  assert.equal(await run, "ok");
  // 1st backoff: ceiling 1 s, half fixed + half × 0.5 = 750 ms; 2nd: ceiling 2 s → 1,500 ms.
  assert.deepEqual(flaky.sentAt, [start, start + 750, start + 750 + 1_500]);
  assert.equal(throttle.state().consecutiveFailures, 0);
});

test("a read is tried at most maxAttempts times, then the last error is thrown", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, maxAttempts: 2, random: () => 0 });
  const failing = scripted(clock, [serverError(), serverError(), serverError()]);
  const run = throttle.run(failing.operation);
  const rejected = assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.statusCode, 500);
    return true;
  });
  await clock.advance(60_000);
  await rejected;
  assert.equal(failing.sentAt.length, 2);
  assert.equal(throttle.state().consecutiveFailures, 2);
});

test("a 404 is the service answering: not retried, and not counted as account trouble", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock });
  const missing = scripted(clock, [notFound()]);
  await assert.rejects(throttle.run(missing.operation), /does not exist/);
  assert.equal(missing.sentAt.length, 1);
  assert.deepEqual(throttle.state(), { consecutiveFailures: 0, inFlight: 0, waiting: 0 });
});

test("writes are sent once, even when the failure would be retried for a read", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock });
  const write = scripted(clock, [serverError()]);
  await assert.rejects(throttle.run(write.operation, { retry: false }), /Internal error/);
  assert.equal(write.sentAt.length, 1);
});

test("no more than maxConcurrent requests are in flight; the next starts when one finishes", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, maxConcurrent: 4 });
  let inFlight = 0;
  let peak = 0;
  const finishers: (() => void)[] = [];
  const operation = () =>
    new Promise<void>((resolve) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      finishers.push(() => {
        inFlight -= 1;
        resolve();
      });
    });
  const runs = Array.from({ length: 10 }, () => throttle.run(operation));
  await settle();
  assert.equal(inFlight, 4);
  assert.deepEqual(
    { inFlight: throttle.state().inFlight, waiting: throttle.state().waiting },
    { inFlight: 4, waiting: 6 },
  );
  finishers.shift()?.();
  await settle();
  assert.equal(inFlight, 4, "a finished request hands its slot to the next");
  while (finishers.length > 0) {
    finishers.shift()?.();
    await settle();
  }
  await Promise.all(runs);
  assert.equal(peak, 4);
  assert.equal(throttle.state().inFlight, 0);
});

test("a request without an answer is aborted after the timeout and counts as a failure", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, timeoutMs: 30_000, maxAttempts: 1 });
  let seenSignal: AbortSignal | undefined;
  const hanging = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      seenSignal = signal;
      signal.addEventListener("abort", () => reject(new Error("aborted")));
    });
  const run = throttle.run(hanging);
  const rejected = assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.code, "RequestTimeout");
    assert.match(error.message, /no answer within 30 s/);
    return true;
  });
  await clock.advance(29_999);
  assert.equal(seenSignal?.aborted, false);
  await clock.advance(1);
  await rejected;
  assert.equal(seenSignal?.aborted, true, "the request itself is aborted, not just abandoned");
  assert.equal(throttle.state().blockedBy, "backoff");
  assert.equal(throttle.state().lastError?.code, "RequestTimeout");
});

test("a caller's abort ends the wait for the gate without counting as a failure", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, maxAttempts: 1 });
  await assert.rejects(throttle.run(scripted(clock, [throttled(60_000)]).operation));
  const abort = new AbortController();
  const waiting = scripted(clock, []);
  const run = throttle.run(waiting.operation, { signal: abort.signal });
  await settle();
  abort.abort();
  await assert.rejects(run);
  assert.equal(waiting.sentAt.length, 0);
  assert.equal(throttle.state().consecutiveFailures, 1);
  assert.equal(throttle.state().waiting, 0);
});

test("failures are classified by what they say about the account", () => {
  assert.equal(classifyFailure(throttled(1_000)), "retry-after");
  assert.equal(
    classifyFailure(new AzureRequestError("busy", 503, "ServerBusy", 2_000, undefined)),
    "retry-after",
  );
  assert.equal(
    classifyFailure(new AzureRequestError("busy", 429, "TooManyRequests", undefined, undefined)),
    "transient",
  );
  assert.equal(classifyFailure(serverError()), "transient");
  assert.equal(
    classifyFailure(new AzureRequestError("socket hang up", undefined, "ECONNRESET", undefined, undefined)),
    "transient",
  );
  assert.equal(classifyFailure(refused()), "unreachable");
  assert.equal(classifyFailure(notFound()), "final");
  assert.equal(
    classifyFailure(new AzureRequestError("conflict", 409, "PoolBeingResized", undefined, undefined)),
    "final",
  );
  assert.equal(
    classifyFailure(new ReadOnlyRefusalError("read-only mode: refused POST /pools/p/resize")),
    "final",
  );
});

test("an unreachable endpoint fails the read at once, then holds the next request behind a backoff", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, backoffBaseMs: 1_000, random: () => 0.5 });
  const start = clock.now();
  const down = scripted(clock, [refused(), refused()]);
  await assert.rejects(throttle.run(down.operation), EndpointUnreachableError);
  assert.deepEqual(down.sentAt, [start], "no retry inside the read: the caller hears of it at once");
  const state = throttle.state();
  assert.equal(state.blockedBy, "unreachable");
  assert.equal(state.lastFailure, "unreachable");
  assert.equal(state.blockedUntil, start + 750);
  // The next poll waits out the backoff, and a success clears everything.
  const next = assert.rejects(throttle.run(down.operation), EndpointUnreachableError);
  await clock.advance(750);
  await next;
  assert.deepEqual(down.sentAt, [start, start + 750]);
  await clock.advance(10_000);
  assert.equal(await throttle.run(down.operation), "ok");
  assert.deepEqual(throttle.state(), { consecutiveFailures: 0, inFlight: 0, waiting: 0 });
});

test("requests that fail together count as one failure: the backoff doubles per round, not per read", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, backoffBaseMs: 1_000, random: () => 0 });
  // An overview poll: three reads leave at once and are refused together.
  const round = () =>
    Promise.allSettled([1, 2, 3].map(() => throttle.run(scripted(clock, [refused()]).operation)));
  await round();
  assert.equal(throttle.state().consecutiveFailures, 1);
  assert.equal(throttle.state().blockedUntil, clock.now() + 500);
  await clock.advance(2_000);
  await round();
  assert.equal(throttle.state().consecutiveFailures, 2);
  assert.equal(throttle.state().blockedUntil, clock.now() + 1_000);
});

test("onChange tells of each failure as it happens and of the recovery, not of every success", async () => {
  const clock = new ManualClock();
  const throttle = new AccountThrottle({ clock, random: () => 0 });
  const seen: (string | undefined)[] = [];
  const stop = throttle.onChange(() => seen.push(throttle.state().blockedBy));
  const flaky = scripted(clock, [throttled(5_000)]);
  const run = throttle.run(flaky.operation);
  await settle();
  assert.deepEqual(seen, ["throttled"], "told while the read still waits to retry");
  await clock.advance(5_000);
  assert.equal(await run, "ok");
  assert.equal(await throttle.run(scripted(clock, []).operation), "ok");
  assert.deepEqual(seen, ["throttled", undefined], "one recovery, then quiet");
  stop();
  await assert.rejects(throttle.run(scripted(clock, [notFound()]).operation));
  assert.equal(seen.length, 2);
});
