import { test } from "node:test";
import assert from "node:assert/strict";
import { activityEnded, orphanNote, orphanedBy } from "../../../src/model/orphanedTasks.js";
import { activityRun } from "../../helpers/modelFixtures.js";

const ended = new Date("2026-12-07T09:48:00Z");
const now = new Date("2026-12-07T10:00:30Z");

test("a task still running, waiting or preparing while its activity run ended is orphaned", () => {
  for (const status of ["Failed", "Cancelled", "Succeeded", "TimedOut"]) {
    const run = activityRun({ status, end: ended });
    for (const state of ["running", "active", "preparing"])
      assert.equal(orphanedBy({ state }, run), run, `${state} under a ${status} activity`);
  }
});

test("a completed task, a task whose activity still runs, and a task without a run are not", () => {
  assert.equal(orphanedBy({ state: "completed" }, activityRun({ status: "Cancelled" })), undefined);
  for (const status of ["Queued", "InProgress"])
    assert.equal(orphanedBy({ state: "running" }, activityRun({ status })), undefined, status);
  assert.equal(orphanedBy({ state: "running" }, undefined), undefined);
  assert.equal(activityEnded({ status: "inprogress" }), false);
  assert.equal(activityEnded({ status: "cancelled" }), true, "statuses compare without case");
});

test("the note says how the activity ended and how long ago, from its End or else its logged time", () => {
  assert.equal(
    orphanNote(activityRun({ status: "Cancelled", end: ended }), now),
    "orphaned: Cancelled 12m ago",
  );
  // ADF's End of a run that has not ended is 1601-01-01: the time the status was logged stands in.
  const noEnd = activityRun({ status: "Failed", end: new Date("1601-01-01T00:00:00Z"), updated: ended });
  assert.equal(orphanNote(noEnd, now), "orphaned: Failed 12m ago");
  assert.equal(
    orphanNote(activityRun({ status: "Failed", end: new Date(now.getTime() - 40_000) }), now),
    "orphaned: Failed 40s ago",
  );
  assert.equal(
    orphanNote(activityRun({ status: "Failed", end: new Date(now.getTime() - 3 * 3_600_000) }), now),
    "orphaned: Failed 3h ago",
  );
});
