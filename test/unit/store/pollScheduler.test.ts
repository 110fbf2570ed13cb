import { test } from "node:test";
import assert from "node:assert/strict";
import { PollScheduler } from "../../../src/store/pollScheduler.js";
import { settle } from "../../helpers/manualClock.js";
import { ManualTimers } from "../../helpers/manualTimers.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

test("a wanted job runs at once, then its interval after each run finishes", async () => {
  const timers = new ManualTimers();
  const scheduler = new PollScheduler(timers);
  let runs = 0;
  scheduler.want([{ key: "pools", intervalMs: 2000, run: async () => void runs++ }]);
  assert.equal(runs, 1);
  await settle();
  timers.advance(1999);
  assert.equal(runs, 1);
  timers.advance(1);
  assert.equal(runs, 2);
  scheduler.stop();
});

test("a slow poll never overlaps itself, and a refresh while it runs is ignored", async () => {
  const timers = new ManualTimers();
  const scheduler = new PollScheduler(timers);
  const slow = deferred();
  let runs = 0;
  scheduler.want([
    {
      key: "tasks",
      intervalMs: 1000,
      run: () => {
        runs++;
        return slow.promise;
      },
    },
  ]);
  timers.advance(10_000);
  scheduler.pollNow("tasks");
  assert.equal(runs, 1);
  assert.equal(scheduler.running("tasks"), true);
  slow.resolve();
  await settle();
  assert.equal(scheduler.running("tasks"), false);
  scheduler.pollNow("tasks");
  assert.equal(runs, 2);
  scheduler.stop();
});

test("a poll asked for soon runs now when idle, or once more right after the run in flight", async () => {
  const timers = new ManualTimers();
  const scheduler = new PollScheduler(timers);
  const gates = [deferred(), deferred()];
  let runs = 0;
  scheduler.want([
    { key: "runs", intervalMs: 30_000, run: () => gates[runs++]?.promise ?? Promise.resolve() },
  ]);
  scheduler.pollSoon("runs");
  scheduler.pollSoon("runs");
  assert.equal(runs, 1, "not twice at once");
  gates[0]?.resolve();
  await settle();
  assert.equal(runs, 2, "again as soon as the first run finished, not 30 s later");
  gates[1]?.resolve();
  await settle();
  assert.equal(runs, 2, "once: two asks while running make one more run");
  scheduler.pollSoon("runs");
  assert.equal(runs, 3, "idle: at once");
  await settle();
  timers.advance(30_000);
  assert.equal(runs, 4, "and the rhythm goes on from there");
  scheduler.stop();
});

test("jobs that leave the wanted set stop and are aborted; kept ones keep their rhythm", async () => {
  const timers = new ManualTimers();
  const scheduler = new PollScheduler(timers);
  const signals: AbortSignal[] = [];
  const hang = deferred();
  let overviewRuns = 0;
  const overview = { key: "overview", intervalMs: 2000, run: async () => void overviewRuns++ };
  scheduler.want([
    overview,
    { key: "nodes:a", intervalMs: 2000, run: (signal) => (signals.push(signal), hang.promise) },
  ]);
  await settle();
  scheduler.want([overview]);
  assert.equal(signals[0]?.aborted, true);
  assert.equal(overviewRuns, 1, "the overview was not restarted by the new wanted set");
  timers.advance(2000);
  assert.equal(overviewRuns, 2);
  scheduler.stop();
  timers.advance(10_000);
  assert.equal(overviewRuns, 2, "nothing runs after stop");
  assert.equal(timers.scheduled, 0);
});

test("a failing job keeps its rhythm", async () => {
  const timers = new ManualTimers();
  const scheduler = new PollScheduler(timers);
  let runs = 0;
  scheduler.want([
    {
      key: "flaky",
      intervalMs: 500,
      run: async () => {
        runs++;
        throw new Error("boom");
      },
    },
  ]);
  await settle();
  timers.advance(500);
  await settle();
  timers.advance(500);
  assert.equal(runs, 3);
  scheduler.stop();
});
