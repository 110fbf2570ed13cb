import { test } from "node:test";
import assert from "node:assert/strict";
import type { ActivityRun, PipelineRun } from "@azure/arm-datafactory";
import type {
  ActivityRun as SynapseActivityRun,
  PipelineRun as SynapsePipelineRun,
} from "@azure/synapse-artifacts";
import { toFactoryActivityRun, toPipelineRunInfo } from "../../../src/azure/pipelineRunMapping.js";

const runId = "2f7fdb90-5df1-4b8e-ac2f-064cfa58202b";

test("a failed pipeline run maps with its group, invoker, parameters and neutralised message", () => {
  const run: PipelineRun = {
    runId,
    runGroupId: runId,
    isLatest: false,
    pipelineName: "transform_customers_hourly",
    parameters: { runDate: "2024-05-01", ignored: 3 as unknown as string },
    invokedBy: { name: "tr_customers_every_8_minutes", invokedByType: "ScheduleTrigger" },
    runStart: new Date("2024-05-01T07:20:00Z"),
    runEnd: new Date("2024-05-01T07:24:10Z"),
    lastUpdated: new Date("2024-05-01T07:24:10Z"),
    status: "Failed",
    message: "Operation on target transform_customers failed:\u001b]52;c;aGk=\u0007 boom",
  };
  const info = toPipelineRunInfo(run);
  assert.ok(info);
  assert.equal(info.status, "Failed");
  assert.equal(info.isLatest, false);
  assert.equal(info.runGroupId, runId);
  assert.deepEqual(info.invokedBy, { name: "tr_customers_every_8_minutes", kind: "ScheduleTrigger" });
  assert.deepEqual(info.parameters, { runDate: "2024-05-01" }, "only string parameters");
  assert.equal(info.start?.toISOString(), "2024-05-01T07:20:00.000Z");
  assert.ok(info.message && !info.message.includes("\u001b"), "no escape sequence reaches the screen");
});

test("a run still in progress has no end; a run without its ids is dropped", () => {
  const info = toPipelineRunInfo({ runId, pipelineName: "p", status: "InProgress", runEnd: new Date("x") });
  assert.ok(info);
  assert.equal(info.end, undefined, "an unparseable date is no date");
  assert.equal(info.isLatest, undefined);
  assert.equal(toPipelineRunInfo({ pipelineName: "p" }), undefined);
  assert.equal(toPipelineRunInfo({ runId }), undefined);
});

test("activity runs map with their error; the empty error of a succeeded run is no error", () => {
  const failed: ActivityRun = {
    pipelineName: "transform_customers_hourly",
    pipelineRunId: runId,
    activityName: "transform_customers",
    activityType: "Custom",
    activityRunId: "a1",
    status: "Failed",
    activityRunStart: new Date("2024-05-01T07:20:03Z"),
    activityRunEnd: new Date("2024-05-01T07:24:09Z"),
    error: {
      errorCode: "2500",
      message: "Hit unexpected exception and execution failed.",
      failureType: "UserError",
      target: "transform_customers",
    },
  };
  assert.deepEqual(toFactoryActivityRun(failed), {
    pipelineRunId: runId,
    activityName: "transform_customers",
    activityRunId: "a1",
    activityType: "Custom",
    status: "Failed",
    start: new Date("2024-05-01T07:20:03Z"),
    end: new Date("2024-05-01T07:24:09Z"),
    error: {
      code: "2500",
      message: "Hit unexpected exception and execution failed.",
      failureType: "UserError",
    },
  });
  const succeeded = toFactoryActivityRun({
    ...failed,
    status: "Succeeded",
    error: { errorCode: "", message: "", failureType: "", target: "transform_customers" },
  });
  assert.equal(succeeded?.error, undefined);
  const { activityRunId: _dropped, ...withoutId } = failed;
  assert.equal(toFactoryActivityRun(withoutId), undefined);
});

test("Synapse's runs and activity runs map through the same mapping, their free text neutralised", () => {
  const run: SynapsePipelineRun = {
    runId,
    runGroupId: runId,
    isLatest: true,
    pipelineName: "refresh_inventory",
    parameters: {},
    invokedBy: { name: "tr_inventory\u202e_every_12_minutes", invokedByType: "ScheduleTrigger" },
    runStart: new Date("2024-05-01T07:20:00Z"),
    status: "Failed",
    message: "Operation on target refresh_inventory_shard failed:\u001b]0;owned\u0007 KeyError",
  };
  const info = toPipelineRunInfo(run);
  assert.ok(info);
  assert.equal(info.pipelineName, "refresh_inventory");
  assert.ok(info.message && !info.message.includes("\u001b"), "no escape sequence reaches the screen");
  assert.ok(info.invokedBy && !info.invokedBy.name.includes("\u202e"), "no bidi override either");
  const activity: SynapseActivityRun = {
    pipelineName: "refresh_inventory",
    pipelineRunId: runId,
    activityName: "refresh_inventory_shard",
    activityType: "Custom",
    activityRunId: "a1",
    status: "Failed",
    activityRunStart: new Date("2024-05-01T07:20:05Z"),
    error: { errorCode: "2500", message: "exit code 1\r\u001b[2K", failureType: "UserError" },
  };
  const mapped = toFactoryActivityRun(activity);
  assert.equal(mapped?.error?.code, "2500");
  assert.ok(mapped?.error);
  assert.ok(!mapped.error.message.includes("\r") && !mapped.error.message.includes("\u001b"));
});
