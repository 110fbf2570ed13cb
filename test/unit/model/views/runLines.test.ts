import { test } from "node:test";
import assert from "node:assert/strict";
import { runLines } from "../../../../src/model/views/runLines.js";
import { activityRun } from "../../../helpers/modelFixtures.js";

const run = activityRun({
  updated: new Date("2026-11-22T03:01:00Z"),
  start: new Date("2026-11-22T03:00:00Z"),
  end: new Date("2026-11-22T03:01:00Z"),
  error: { code: "2500", message: "Operation on target transform failed\u001b]0;x\u0007" },
});

test(":runs says it is asking until the first answer, then lists the runs, newest first", () => {
  assert.deepEqual(runLines("adfv2-etl", { loading: true }, "adfv2-etl"), [
    "asking Log Analytics for the pipeline runs of adfv2-etl's latest tasks…",
  ]);
  const lines = runLines(
    "adfv2-etl",
    { data: { byActivityRunId: new Map([["run-1", run]]), warnings: [] }, loading: false },
    "adfv2-etl",
  );
  assert.equal(
    lines[0],
    "1 activity runs of the latest tasks of adfv2-etl, from Log Analytics (minutes behind Batch)",
  );
  assert.match(
    lines[2] ?? "",
    /Failed +transform_customers_hourly \/ transform +run-1 +2500: Operation on target/,
  );
  assert.ok(!lines.join("\n").includes("\u001b"), "the service's words are neutralised");
});

test(":runs keeps the last answer when a query fails, and says so; another job's view says it left", () => {
  const lines = runLines(
    "adfv2-etl",
    { data: { byActivityRunId: new Map([["run-1", run]]), warnings: [] }, loading: false, error: "HTTP 503" },
    "adfv2-etl",
  );
  assert.match(lines[1] ?? "", /the last query failed, showing the one before: HTTP 503/);
  assert.match(runLines("adfv2-etl", { loading: false }, "adfv2-other")[0] ?? "", /no longer selected/);
});
