import { test } from "node:test";
import assert from "node:assert/strict";
import type {
  ActivityRunRecord,
  BatchEventRecord,
  PipelineRunRecord,
} from "../../../../src/sim/world/history.js";
import { MINUTE_MS } from "../../../../src/sim/world/time.js";
import { createWorld } from "../../../../src/sim/world/world.js";

test("history is time-ordered and holds pipeline runs, activity runs and Batch events", () => {
  const world = createWorld({ scenario: "incident" });
  world.advance(30 * MINUTE_MS);
  const history = world.history();
  for (let index = 1; index < history.length; index++)
    assert.ok(history[index - 1]!.time <= history[index]!.time);

  const operations = new Set(
    history.flatMap((record) => (record.kind === "batchEvent" ? [record.operationName] : [])),
  );
  const expected: BatchEventRecord["operationName"][] = [
    "PoolResizeStartEvent",
    "PoolResizeCompleteEvent",
    "TaskStartEvent",
    "TaskCompleteEvent",
    "TaskFailEvent",
  ];
  for (const name of expected) assert.ok(operations.has(name), name);

  const runs = history.filter((record): record is PipelineRunRecord => record.kind === "pipelineRun");
  const byRun = new Map<string, string[]>();
  for (const run of runs) byRun.set(run.runId, [...(byRun.get(run.runId) ?? []), run.status]);
  const complete = [...byRun.values()].filter((statuses) => statuses.length === 3);
  assert.ok(complete.some((statuses) => statuses.join() === "Queued,InProgress,Succeeded"));
  assert.ok(complete.some((statuses) => statuses.join() === "Queued,InProgress,Failed"));
  const failedRun = runs.find(
    (run) => run.status === "Failed" && run.pipelineName === "transform_customers_hourly",
  );
  assert.match(failedRun?.error?.message ?? "", /^Operation on target transform_customers failed: /);
  assert.ok(runs.some((run) => run.host.kind === "synapse" && run.host.name === "syn-contoso-analytics"));

  const activities = history.filter((record): record is ActivityRunRecord => record.kind === "activityRun");
  const failedCustom = activities.find(
    (record) => record.activityType === "Custom" && record.status === "Failed",
  );
  assert.equal(failedCustom?.error?.errorCode, "2500");
  assert.equal(failedCustom?.batchTask?.taskId, failedCustom?.activityRunId);
  assert.match(
    String((failedCustom?.output?.outputs as string[])[0]),
    new RegExp(`/adfjobs/${failedCustom?.activityRunId}/output/stdout\\.txt$`),
  );
  const web = activities.filter((record) => record.activityType === "WebActivity");
  assert.ok(web.some((record) => record.status === "Succeeded"));
  assert.ok(web.some((record) => record.status === "Failed" && record.error?.errorCode === "2108"));
  assert.ok(
    web.every((record) => record.batchTask === undefined),
    "Web activities run no Batch task",
  );
  assert.equal(String(web[0]?.input.url), "https://churn-scoring.westeurope.inference.ml.azure.com/jobs");
});
