import { test } from "node:test";
import assert from "node:assert/strict";
import { adfjobsUrls, toActivityRun, toTaskFailEvent } from "../../../src/azure/runRows.js";
import { runEnd } from "../../../src/model/runs.js";

const notEnded = new Date("1601-01-01T00:00:00Z");

test("End = 1601-01-01 is ADF's 'not ended yet', not an end time", () => {
  assert.equal(runEnd(notEnded), undefined);
  assert.equal(runEnd(undefined), undefined);
  assert.equal(runEnd(new Date(Number.NaN)), undefined);
  const ended = new Date("2026-11-22T02:59:49Z");
  assert.equal(runEnd(ended), ended);
});

const adfRow = {
  TimeGenerated: new Date("2026-11-22T02:58:22Z"),
  PipelineName: "transform_customers_hourly",
  PipelineRunId: "p-1",
  ActivityName: "transform_customers",
  ActivityRunId: "a-1",
  ActivityType: "Custom",
  Status: "InProgress",
  Start: new Date("2026-11-22T02:58:22Z"),
  End: notEnded,
  ErrorCode: "",
  ErrorMessage: "",
  FailureType: "",
  Output: "",
};

test("a run in progress: no end, no error, no outputs yet", () => {
  assert.deepEqual(toActivityRun(adfRow, "adf"), {
    source: "adf",
    pipelineName: "transform_customers_hourly",
    pipelineRunId: "p-1",
    activityName: "transform_customers",
    activityRunId: "a-1",
    activityType: "Custom",
    status: "InProgress",
    updated: new Date("2026-11-22T02:58:22Z"),
    start: new Date("2026-11-22T02:58:22Z"),
    outputUrls: [],
  });
});

test("a failed run: its end, ADF's error and the adfjobs copies of its output", () => {
  const blobs = "https://st.blob.core.windows.net/adfjobs/a-1/output";
  const run = toActivityRun(
    {
      ...adfRow,
      Status: "Failed",
      End: new Date("2026-11-22T02:59:49Z"),
      ErrorCode: "2500",
      ErrorMessage: "Hit unexpected exception and execution failed.",
      FailureType: "UserError",
      Output: JSON.stringify({ exitcode: 1, outputs: [`${blobs}/stdout.txt`, `${blobs}/stderr.txt`] }),
    },
    "adf",
  );
  assert.deepEqual(run.end, new Date("2026-11-22T02:59:49Z"));
  assert.deepEqual(run.error, {
    code: "2500",
    message: "Hit unexpected exception and execution failed.",
    failureType: "UserError",
  });
  assert.deepEqual(run.outputUrls, [`${blobs}/stdout.txt`, `${blobs}/stderr.txt`]);
});

test("a Synapse row has no error or output columns at all", () => {
  const {
    ErrorCode: _code,
    ErrorMessage: _message,
    FailureType: _type,
    Output: _output,
    ...synapseRow
  } = adfRow;
  const run = toActivityRun({ ...synapseRow, Status: "Succeeded" }, "synapse");
  assert.equal(run.source, "synapse");
  assert.equal(run.error, undefined);
  assert.deepEqual(run.outputUrls, []);
});

test("adfjobs URLs: only the adfjobs copies, from JSON text or a dynamic value; nothing from junk", () => {
  const stdout = "https://st.blob.core.windows.net/adfjobs/g/output/stdout.txt";
  assert.deepEqual(adfjobsUrls({ outputs: [stdout, "https://elsewhere/x", 3] }), [stdout]);
  assert.deepEqual(adfjobsUrls(JSON.stringify({ outputs: [stdout] })), [stdout]);
  assert.deepEqual(adfjobsUrls('{"outputs": ["https://st.blob'), [], "truncated text");
  assert.deepEqual(adfjobsUrls({ name: "job", properties: {} }), [], "a Web activity's output");
  assert.deepEqual(adfjobsUrls(null), []);
});

test("a TaskFailEvent row: numbers from the _d columns, exit code 0 kept", () => {
  const event = toTaskFailEvent({
    TimeGenerated: new Date("2026-11-22T02:59:49Z"),
    Resource: "BATCHTOPDEMO",
    id_s: "a-1",
    jobId_s: "adfv2-etl",
    nodeInfo_poolId_s: "etl",
    nodeInfo_nodeId_s: "tvm-1",
    executionInfo_exitCode_d: 0,
    executionInfo_retryCount_d: 2,
    executionInfo_requeueCount_d: null,
    executionInfo_startTime_t: new Date("2026-11-22T02:59:06Z"),
    executionInfo_endTime_t: null,
  });
  assert.deepEqual(event, {
    time: new Date("2026-11-22T02:59:49Z"),
    accountName: "BATCHTOPDEMO",
    taskId: "a-1",
    jobId: "adfv2-etl",
    poolId: "etl",
    nodeId: "tvm-1",
    exitCode: 0,
    retryCount: 2,
    requeueCount: 0,
    startTime: new Date("2026-11-22T02:59:06Z"),
  });
});
