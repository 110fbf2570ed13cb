import { test } from "node:test";
import assert from "node:assert/strict";
import type { JobSummary } from "../../../../src/model/jobs.js";
import { adfPoolName, deriveJobViews, jobCells } from "../../../../src/model/views/jobRows.js";

function job(id: string, extra: Partial<JobSummary> = {}): JobSummary {
  return { id, state: "active", priority: 0, ...extra };
}

test("adfv2-<pool> jobs are ADF/Synapse workloads on that pool", () => {
  assert.equal(adfPoolName("adfv2-etl-pool"), "etl-pool");
  assert.equal(adfPoolName("ADFv2-Etl"), "Etl");
  assert.equal(adfPoolName("adfv2-"), undefined);
  assert.equal(adfPoolName("nightly-render"), undefined);
});

test("ADF jobs come first, marked, with their task counts when known", () => {
  const views = deriveJobViews(
    [job("render", { poolId: "gpu" }), job("adfv2-etl"), job("adfv2-batch")],
    new Map([["adfv2-etl", { active: 4, running: 2, completed: 10, succeeded: 7, failed: 3 }]]),
  );
  assert.deepEqual(
    views.map((view) => view.id),
    ["adfv2-batch", "adfv2-etl", "render"],
  );
  const etl = jobCells(views[1]!);
  assert.deepEqual(etl.workload, [{ text: "ADF", style: { kind: "token", token: "badge.adf" } }]);
  assert.deepEqual(etl.state, [{ text: "active", style: { kind: "jobState", state: "active" } }]);
  assert.equal(etl.pool, "", "the id names the pool already");
  assert.deepEqual([etl.active, etl.running, etl.succeeded], ["4", "2", "7"]);
  assert.deepEqual(etl.failed, [{ text: "3", style: { kind: "token", token: "status.error" } }]);
  const render = jobCells(views[2]!);
  assert.equal(render.workload, "");
  assert.equal(render.pool, "gpu");
  assert.deepEqual([render.active, render.failed], ["-", "-"]);
});
