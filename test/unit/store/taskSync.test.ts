import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import type { TaskListOptions } from "../../../src/azure/jobReads.js";
import { TaskSync } from "../../../src/store/taskSync.js";
import type { TaskRow, TaskStamp } from "../../../src/model/tasks.js";
import { ManualClock } from "../../helpers/manualClock.js";

const t0 = Date.parse("2026-11-22T03:00:00Z");

function task(id: string, state: string, atSeconds: number, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    id,
    state,
    retryCount: 0,
    requeueCount: 0,
    stateTransitionTime: new Date(t0 + atSeconds * 1000),
    ...extra,
  };
}

/** A job's tasks as the service holds them, answering like the filtered, paged task lists. */
class FakeJob {
  tasks = new Map<string, TaskRow>();
  /** The changedAfter bound of each row list that was not by id. */
  requests: (Date | undefined)[] = [];
  /** The ids of each row list by id. */
  idRequests: string[][] = [];
  stampListings = 0;
  /** Pages of any list to answer before one fails with a 503 (the one after answers again). */
  pagesBeforeFailure: number | undefined;

  put(...rows: TaskRow[]): void {
    for (const row of rows) this.tasks.set(row.id, row);
  }

  async *listTaskPages(_jobId: string, options: TaskListOptions = {}): AsyncIterable<TaskRow[]> {
    const { changedAfter, ids } = options;
    if (ids) this.idRequests.push([...ids]);
    else this.requests.push(changedAfter);
    const after = changedAfter?.getTime();
    yield* this.pages(
      [...this.tasks.values()].filter(
        (row) =>
          (after === undefined || (row.stateTransitionTime?.getTime() ?? 0) > after) &&
          (ids === undefined || ids.includes(row.id)),
      ),
    );
  }

  async *listTaskStamps(): AsyncIterable<TaskStamp[]> {
    this.stampListings += 1;
    yield* this.pages(
      [...this.tasks.values()].map(({ id, state, stateTransitionTime }) => ({
        id,
        state,
        stateTransitionTime,
      })),
    );
  }

  private async *pages<T>(items: T[]): AsyncIterable<T[]> {
    for (let start = 0; start < items.length || start === 0; start += 2) {
      if (this.pagesBeforeFailure !== undefined && this.pagesBeforeFailure-- === 0) {
        this.pagesBeforeFailure = undefined;
        throw new AzureRequestError("Server busy", 503, "ServerBusy", 1_000, undefined);
      }
      yield items.slice(start, start + 2);
    }
  }
}

test("the first cycle lists everything; the next asks only for changes since the newest, less the overlap", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10), task("b", "running", 20), task("c", "active", 30));
  const clock = new ManualClock(t0 + 60_000);
  const sync = new TaskSync(job, "adfv2-etl", { overlapMs: 5_000, clock });
  const first = await sync.sync();
  assert.equal(first.kind, "full");
  assert.deepEqual(first.changed.map((row) => row.id).sort(), ["a", "b", "c"]);

  job.put(task("b", "completed", 40, { result: "failure", exitCode: 1 }));
  const second = await sync.sync();
  assert.equal(second.kind, "incremental");
  assert.deepEqual(job.requests, [undefined, new Date(t0 + 25_000)]);
  assert.deepEqual(second.changedAfter, new Date(t0 + 25_000));
  // "c" is in the overlap window and comes back, but it did not change: only "b" is reported.
  assert.equal(second.received, 2);
  assert.deepEqual(
    second.changed.map((row) => row.id),
    ["b"],
  );
  assert.equal(sync.tasks().get("b")?.result, "failure");
  assert.equal(second.held, 3);
});

test("once the overlap has passed, a quiet job stops re-reading its last burst of changes", async () => {
  const job = new FakeJob();
  const burst = Array.from({ length: 50 }, (_, index) => task(`started-${index}`, "running", 100));
  job.put(task("old", "completed", 10), ...burst);
  const clock = new ManualClock(t0 + 100_000);
  const sync = new TaskSync(job, "j", { overlapMs: 30_000, clock });
  await sync.sync();

  await clock.advance(2_000);
  const early = await sync.sync();
  assert.equal(early.received, 50, "within the overlap, the burst is asked for again");
  assert.equal(early.changed.length, 0);

  await clock.advance(30_000);
  const settling = await sync.sync();
  assert.equal(settling.received, 50, "this cycle started late enough to settle the burst");
  const quiet = await sync.sync();
  assert.deepEqual(quiet.changedAfter, new Date(t0 + 100_000));
  assert.equal(quiet.received, 0);

  job.put(task("started-7", "completed", 160, { result: "success", exitCode: 0 }));
  const next = await sync.sync();
  assert.equal(next.received, 1);
  assert.deepEqual(
    next.changed.map((row) => row.id),
    ["started-7"],
  );
  // The new watermark is fresh again: its neighbourhood is re-read until the overlap passes.
  assert.deepEqual((await sync.sync()).changedAfter, new Date(t0 + 130_000));
});

test("an incremental cycle cannot see deletions; the periodic resync does", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10), task("b", "completed", 20));
  const clock = new ManualClock(t0);
  const sync = new TaskSync(job, "j", { fullResyncIntervalMs: 60_000, clock });
  await sync.sync();
  job.tasks.delete("a");
  await clock.advance(30_000);
  const incremental = await sync.sync();
  assert.equal(incremental.kind, "incremental");
  assert.deepEqual(incremental.removed, []);
  await clock.advance(30_000);
  const resync = await sync.sync();
  assert.equal(resync.kind, "resync");
  assert.deepEqual(resync.removed, ["a"]);
  assert.deepEqual([...sync.tasks().keys()], ["b"]);
  assert.equal(resync.received, 0, "nothing else changed: no row travelled");
});

test("a resync fetches the rows whose stamp moved and the new tasks; unchanged rows stay where they are", async () => {
  const job = new FakeJob();
  job.put(task("done", "completed", 10), task("running", "running", 20), task("queued", "active", 30));
  const clock = new ManualClock(t0 + 60_000);
  const sync = new TaskSync(job, "j", { clock });
  await sync.sync();
  const doneBefore = sync.tasks().get("done");

  job.put(task("running", "completed", 40, { result: "success", exitCode: 0 }), task("new", "active", 41));
  job.tasks.delete("queued");
  sync.requestFullResync();
  const resync = await sync.sync();
  assert.equal(resync.kind, "resync");
  assert.equal(resync.listed, 3);
  assert.deepEqual(resync.changed.map((row) => row.id).sort(), ["new", "running"]);
  assert.deepEqual(resync.removed, ["queued"]);
  assert.equal(resync.received, 2, "only the two stale rows travelled");
  assert.equal(resync.held, 3);
  assert.equal(sync.tasks().get("running")?.result, "success");
  assert.equal(sync.tasks().get("done"), doneBefore, "an unchanged row is kept, not replaced");
  // Both stale rows are the newest: one changed-since window, a millisecond below the older one.
  assert.deepEqual(resync.changedAfter, new Date(t0 + 40_000 - 1));
  assert.deepEqual(job.idRequests, []);
  assert.equal(job.stampListings, 1);
});

test("requestFullResync makes the next cycle a resync", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10));
  const sync = new TaskSync(job, "j", { clock: new ManualClock(t0) });
  assert.equal((await sync.sync()).kind, "full");
  assert.equal((await sync.sync()).kind, "incremental");
  sync.requestFullResync();
  assert.equal((await sync.sync()).kind, "resync");
  assert.equal((await sync.sync()).kind, "incremental");
});

test("with nothing held, the next cycle lists every row again rather than stamps first", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10));
  const sync = new TaskSync(job, "j", { clock: new ManualClock(t0) });
  await sync.sync();
  job.tasks.delete("a");
  sync.requestFullResync();
  assert.deepEqual((await sync.sync()).removed, ["a"]);
  job.put(task("b", "active", 20));
  const next = await sync.sync();
  assert.equal(next.kind, "full");
  assert.deepEqual(
    next.changed.map((row) => row.id),
    ["b"],
  );
});

test("a resync that fails halfway changes nothing, and the next cycle is a resync again", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10), task("b", "running", 20), task("c", "running", 30));
  const sync = new TaskSync(job, "j", { clock: new ManualClock(t0) });
  await sync.sync();
  job.tasks.delete("a");
  job.put(task("b", "completed", 50));
  sync.requestFullResync();
  // The stamps (one page) arrive; the stale rows do not.
  job.pagesBeforeFailure = 1;
  await assert.rejects(sync.sync(), /Server busy/);
  assert.deepEqual([...sync.tasks().keys()].sort(), ["a", "b", "c"]);
  assert.equal(sync.tasks().get("b")?.state, "running");
  const retried = await sync.sync();
  assert.equal(retried.kind, "resync");
  assert.deepEqual(retried.removed, ["a"]);
  assert.deepEqual(
    retried.changed.map((row) => row.id),
    ["b"],
  );
});

test("a cycle that fails halfway changes nothing, so the next asks for the same window", async () => {
  const job = new FakeJob();
  job.put(task("a", "completed", 10), task("b", "running", 20));
  const sync = new TaskSync(job, "j", { overlapMs: 0, clock: new ManualClock(t0) });
  await sync.sync();
  job.put(task("b", "completed", 50), task("c", "running", 51), task("d", "running", 52));
  job.pagesBeforeFailure = 0;
  await assert.rejects(sync.sync(), /Server busy/);
  assert.equal(sync.tasks().get("b")?.state, "running");
  const retried = await sync.sync();
  assert.deepEqual(job.requests.slice(1), [new Date(t0 + 20_000), new Date(t0 + 20_000)]);
  assert.deepEqual(retried.changed.map((row) => row.id).sort(), ["b", "c", "d"]);
});

test("held tasks stay within maxTasks: completed tasks that changed longest ago go first", async () => {
  const job = new FakeJob();
  const clock = new ManualClock(t0);
  // An old task still queued is worth more than recently completed ones.
  job.put(task("queued-long-ago", "active", 1));
  for (let index = 0; index < 3_000; index++) job.put(task(`done-${index}`, "completed", 100 + index));
  const sync = new TaskSync(job, "j", { maxTasks: 1_000, clock });
  const full = await sync.sync();
  // The bound allows a tenth of slack (at least 100), so trimming does not sort on every cycle.
  assert.ok(full.held <= 1_100, `held ${full.held}`);
  assert.ok(sync.tasks().has("queued-long-ago"));
  assert.ok(sync.tasks().has("done-2999"));
  assert.ok(!sync.tasks().has("done-0"));
  assert.equal(full.received, 3_001);

  for (let index = 0; index < 1_500; index++) job.put(task(`new-${index}`, "running", 10_000 + index));
  const incremental = await sync.sync();
  assert.ok(sync.tasks().size <= 1_100, `held ${sync.tasks().size}`);
  assert.ok(incremental.removed.length > 0);
  assert.ok(sync.tasks().has("new-1499"));
  for (const id of incremental.removed) assert.ok(!sync.tasks().has(id));
});

test("a resync fetches tasks not held only when the budget has room for them", async () => {
  const job = new FakeJob();
  for (let index = 0; index < 300; index++) job.put(task(`done-${index}`, "completed", 100 + index));
  const sync = new TaskSync(job, "j", { maxTasks: 100, clock: new ManualClock(t0) });
  await sync.sync();
  sync.requestFullResync();
  const quiet = await sync.sync();
  assert.equal(quiet.received, 0, "the tasks trimmed away are not fetched again");
  assert.deepEqual(quiet.changed, []);

  // Missed by the incremental cycles (stamped long ago): a task still queued is worth holding, an
  // old completed one is not.
  job.put(task("stuck", "active", 5), task("done-long-ago", "completed", 6));
  sync.requestFullResync();
  const resync = await sync.sync();
  assert.deepEqual(
    resync.changed.map((row) => row.id),
    ["stuck"],
  );
  assert.deepEqual(job.idRequests, [["stuck"]], "a straggler among unchanged tasks is fetched by id");
  assert.ok(!sync.tasks().has("done-long-ago"));
});

test("each cycle says whether the job has more tasks than are held", async () => {
  const job = new FakeJob();
  for (let index = 0; index < 50; index++) job.put(task(`done-${index}`, "completed", 100 + index));
  const sync = new TaskSync(job, "j", { maxTasks: 100, clock: new ManualClock(t0) });
  assert.equal((await sync.sync()).partial, false, "50 tasks fit in 100");

  for (let index = 0; index < 300; index++) job.put(task(`new-${index}`, "completed", 1_000 + index));
  const grown = await sync.sync();
  assert.equal(grown.partial, true, "the incremental cycle dropped tasks for room");
  assert.equal(sync.holdsPart(), true);
  assert.equal((await sync.sync()).partial, true, "a quiet cycle does not forget it");

  // Deleting down to what fits: the resync's listing is the whole job again.
  for (const id of [...job.tasks.keys()].slice(0, 300)) job.tasks.delete(id);
  sync.requestFullResync();
  const resync = await sync.sync();
  assert.equal(resync.kind, "resync");
  assert.equal(resync.partial, false);
});
