import { test } from "node:test";
import assert from "node:assert/strict";
import { planResync, planRowFetch } from "../../../src/store/taskResyncPlan.js";
import type { TaskRow, TaskStamp } from "../../../src/model/tasks.js";

const t0 = Date.parse("2026-11-22T03:00:00Z");

function stamp(id: string, state: string, atSeconds: number): TaskStamp {
  return { id, state, stateTransitionTime: new Date(t0 + atSeconds * 1000) };
}

function row(id: string, state: string, atSeconds: number): TaskRow {
  return { ...stamp(id, state, atSeconds), retryCount: 0, requeueCount: 0 };
}

function byId<T extends { id: string }>(...items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

test("planResync: deleted, moved, unchanged", () => {
  const held = byId(row("same", "completed", 10), row("moved", "running", 20), row("deleted", "active", 30));
  const listed = byId(
    stamp("same", "completed", 10),
    stamp("moved", "completed", 40),
    stamp("new", "active", 41),
  );
  const plan = planResync(held, listed, 1_000);
  assert.deepEqual(plan.removed, ["deleted"]);
  assert.deepEqual(
    plan.stale.map((task) => task.id),
    ["moved", "new"],
  );
});

test("planResync: a task not held is fetched only if it ranks among the maxTasks worth holding", () => {
  const held = byId(row("recent", "completed", 100), row("running", "running", 50));
  const listed = byId(
    stamp("recent", "completed", 100),
    stamp("running", "running", 50),
    stamp("old-done", "completed", 1),
    stamp("old-queued", "active", 2),
    stamp("newer-done", "completed", 90),
  );
  // The three worth most: the two unfinished tasks, then the latest completed one.
  const plan = planResync(held, listed, 3);
  assert.deepEqual(
    plan.stale.map((task) => task.id),
    ["old-queued"],
  );
  assert.deepEqual(
    planResync(held, listed, 10).stale.map((task) => task.id),
    ["old-done", "old-queued", "newer-done"],
    "with room for all, every task not held is fetched",
  );
});

test("planRowFetch: the newest stale rows by one changed-since window, a straggler by id", () => {
  const listed = byId(
    ...Array.from({ length: 100 }, (_, index) => stamp(`old-${index}`, "completed", index)),
    stamp("new-1", "running", 500),
    stamp("new-2", "completed", 501),
  );
  const stale = [listed.get("old-3")!, listed.get("new-1")!, listed.get("new-2")!];
  const fetch = planRowFetch(listed, stale);
  assert.deepEqual(fetch.changedAfter, new Date(t0 + 500_000 - 1));
  assert.deepEqual(fetch.ids, ["old-3"]);
});

test("planRowFetch: the window reaches as deep as half of what it returns is stale", () => {
  // Newest first: s, u, s, u, u, s. Down to the third stale row, 3 of 6 are stale.
  const listed = byId(
    stamp("s1", "running", 60),
    stamp("u1", "running", 50),
    stamp("s2", "running", 40),
    stamp("u2", "running", 30),
    stamp("u3", "running", 20),
    stamp("s3", "running", 10),
    stamp("u4", "running", 5),
  );
  const stale = ["s1", "s2", "s3"].map((id) => listed.get(id)!);
  assert.deepEqual(planRowFetch(listed, stale), { changedAfter: new Date(t0 + 10_000 - 1), ids: [] });
  // With one more unchanged task beside the oldest, reaching it would return more unchanged than stale.
  listed.set("u5", stamp("u5", "running", 10));
  assert.deepEqual(planRowFetch(listed, stale), { changedAfter: new Date(t0 + 40_000 - 1), ids: ["s3"] });
});

test("planRowFetch: nothing stale, nothing to fetch", () => {
  const listed = byId(stamp("a", "completed", 1));
  assert.deepEqual(planRowFetch(listed, []), { ids: [] });
});
