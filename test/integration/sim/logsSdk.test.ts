import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BatchServiceClient } from "@azure/batch";
import { ManagedIdentityCredential } from "@azure/identity";
import { LogsQueryClient, LogsQueryResultStatus, type QueryTimeInterval } from "@azure/monitor-query-logs";
import { createBatchClient } from "../../../src/azure/batchClient.js";
import { trustPolicy } from "../../../src/azure/transport.js";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";

// The demo workspace's Log Analytics tables, filled from the incident scenario's world, read through
// the real @azure/monitor-query-logs client over HTTPS with managed identity tokens, and checked
// against the same account's Batch data plane through @azure/batch.

const lastDay: QueryTimeInterval = { duration: "P1D" };

let sim: Simulator;
let logs: LogsQueryClient;
let batch: BatchServiceClient;

before(async () => {
  sim = await startSimulator({
    scenario: "incident",
    seed: 3,
    speed: 0,
    storage: false,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
  // ManagedIdentityCredential reads the App Service variables when it is constructed.
  process.env.IDENTITY_ENDPOINT = sim.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sim.env.IDENTITY_HEADER;
  const credential = new ManagedIdentityCredential();
  logs = new LogsQueryClient(credential, {
    endpoint: sim.env.BATCHTOP_LOGS_ENDPOINT,
    credentials: { scopes: ["https://api.loganalytics.io/.default"] },
    additionalPolicies: [{ policy: trustPolicy({ ca: sim.certificates.caPem })!, position: "perCall" }],
  });
  batch = createBatchClient(sim.env.AZURE_BATCH_ENDPOINT, credential, { ca: sim.certificates.caPem });
});
after(() => sim.stop());

/** The primary table of a successful query, as objects keyed by column name. */
async function query(
  text: string,
  timespan: QueryTimeInterval = lastDay,
): Promise<Record<string, unknown>[]> {
  const result = await logs.queryWorkspace(sim.env.BATCHTOP_WORKSPACE_ID, text, timespan);
  if (result.status !== LogsQueryResultStatus.Success) assert.fail(`partial result for ${text}`);
  const [table] = result.tables;
  assert.ok(table, text);
  return table.rows.map((row) =>
    Object.fromEntries(table.columnDescriptors.map((column, index) => [column.name, row[index]])),
  );
}

const kqlList = (values: readonly unknown[]) => values.map((value) => `"${String(value)}"`).join(", ");

test("the failing pipeline's activity runs failed as Batch tasks named by their activity run id", async () => {
  const failed = await query(`ADFActivityRun
    | where PipelineName == "transform_customers_hourly"
    | summarize arg_max(TimeGenerated, *) by ActivityRunId
    | where Status == "Failed"
    | project ActivityRunId, ActivityType, ErrorCode, FailureType, Output, ResourceId`);
  assert.ok(failed.length >= 2, `failed transform runs: ${failed.length}`);
  for (const run of failed.slice(0, 3)) {
    const id = String(run["ActivityRunId"]);
    assert.equal(run["ActivityType"], "Custom");
    assert.equal(run["ErrorCode"], "2500");
    assert.equal(run["FailureType"], "UserError");
    assert.equal(
      run["ResourceId"],
      `/SUBSCRIPTIONS/${sim.env.AZURE_SUBSCRIPTION_ID}/RESOURCEGROUPS/RG-BATCHTOP-DEMO/PROVIDERS/MICROSOFT.DATAFACTORY/FACTORIES/ADF-CONTOSO-ETL`,
    );
    const outputs = (JSON.parse(String(run["Output"])) as { outputs: string[] }).outputs;
    assert.ok(outputs[0]?.endsWith(`/adfjobs/${id}/output/stdout.txt`), outputs[0]);
    const task = await batch.task.get("adfv2-etl-linux-d4", id);
    assert.equal(task.id, id);
    assert.equal(task.state, "completed");
    assert.equal(task.executionInfo?.result, "failure");
  }
});

test("summarize by bin() counts finished activity runs per 10 minutes", async () => {
  const finished = 'ADFActivityRun | where Status in ("Succeeded", "Failed")';
  const buckets = await query(
    `${finished} | summarize runs = count() by bin(TimeGenerated, 10m), Status | order by TimeGenerated asc`,
  );
  assert.ok(buckets.length > 2);
  for (const bucket of buckets) {
    assert.ok(bucket["TimeGenerated"] instanceof Date);
    assert.equal(bucket["TimeGenerated"].getTime() % 600_000, 0);
  }
  assert.deepEqual(new Set(buckets.map((bucket) => bucket["Status"])), new Set(["Succeeded", "Failed"]));
  const [total] = await query(`${finished} | count`);
  assert.equal(
    buckets.reduce((sum, bucket) => sum + Number(bucket["runs"]), 0),
    total?.["Count"],
  );
});

test("the timespan restricts rows by TimeGenerated, and new transitions appear as time passes", async () => {
  const counting = "ADFActivityRun | summarize rows = count(), earliest = min(TimeGenerated)";
  const [day] = await query(counting);
  const [quarter] = await query(counting, { duration: "PT15M" });
  const now = sim.world.now().getTime();
  assert.ok(Number(quarter?.["rows"]) > 0 && Number(quarter?.["rows"]) < Number(day?.["rows"]));
  assert.ok((quarter?.["earliest"] as Date).getTime() >= now - 15 * 60_000);

  const interval = { startTime: new Date(now - 30 * 60_000), endTime: new Date(now - 20 * 60_000) };
  const [window] = await query(
    "ADFActivityRun | summarize earliest = min(TimeGenerated), latest = max(TimeGenerated)",
    interval,
  );
  assert.ok((window?.["earliest"] as Date).getTime() >= interval.startTime.getTime());
  assert.ok((window?.["latest"] as Date).getTime() <= interval.endTime.getTime());

  sim.world.advance(10 * 60_000);
  const [later] = await query(counting);
  assert.ok(Number(later?.["rows"]) > Number(day?.["rows"]));
});

test("Synapse-hosted runs are in the SynapseIntegration tables, with dynamic columns parsed", async () => {
  const runs = await query(`SynapseIntegrationActivityRuns
    | summarize arg_max(TimeGenerated, *) by ActivityRunId
    | summarize runs = count() by PipelineName, ActivityType`);
  assert.deepEqual(
    runs.map((row) => [row["PipelineName"], row["ActivityType"]]),
    [["refresh_inventory", "Custom"]],
  );
  const [pipeline] = await query(
    'SynapseIntegrationPipelineRuns | where Status == "Succeeded" | project RunId, Category, Parameters, Predecessors | take 1',
  );
  assert.equal(pipeline?.["Category"], "IntegrationPipelineRuns");
  assert.match(String((pipeline?.["Parameters"] as { runDate: string }).runDate), /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(pipeline?.["Predecessors"], [
    { Name: "tr_inventory_every_12_minutes", InvokedByType: "ScheduleTrigger" },
  ]);
});

test("AzureDiagnostics holds the Batch TaskFailEvents, upload failures with exit code 0 included", async () => {
  const failures = await query(`AzureDiagnostics
    | where ResourceProvider == "MICROSOFT.BATCH" and Category == "ServiceLog" and OperationName == "TaskFailEvent"
    | project id_s, jobId_s, nodeInfo_poolId_s, executionInfo_exitCode_d, executionInfo_result_s`);
  assert.ok(failures.length > 0);
  for (const failure of failures) {
    assert.equal(failure["jobId_s"], `adfv2-${String(failure["nodeInfo_poolId_s"])}`);
    assert.equal(failure["executionInfo_result_s"], "Failure");
  }
  assert.ok(failures.some((failure) => failure["executionInfo_exitCode_d"] === 0));
  const failedActivities = await query(
    `ADFActivityRun | where Status == "Failed" and ActivityType == "Custom" | project ActivityRunId, ErrorCode`,
  );
  const taskIds = new Set(failures.map((failure) => failure["id_s"]));
  // An activity its policy timeout failed has no failed task: ADF left the task running.
  const timedOut = failedActivities.filter((activity) => activity["ErrorCode"] === "ActivityTimedOut");
  assert.equal(timedOut.length, 1, "reconcile_ledger_daily timed out");
  for (const activity of timedOut) assert.equal(taskIds.has(activity["ActivityRunId"]), false);
  const programFailures = failedActivities.filter((activity) => !timedOut.includes(activity));
  assert.ok(programFailures.length > 0);
  for (const activity of programFailures) assert.ok(taskIds.has(activity["ActivityRunId"]));
});

test("Web activities calling the Azure ML batch endpoint have rows and no Batch task", async () => {
  const web = await query(`ADFActivityRun
    | where ActivityType == "WebActivity"
    | summarize arg_max(TimeGenerated, *) by ActivityRunId
    | project ActivityRunId, Status, Input, ErrorCode, LinkedServiceName`);
  assert.ok(web.some((run) => run["Status"] === "Succeeded"));
  assert.ok(web.some((run) => run["Status"] === "Failed" && run["ErrorCode"] === "2108"));
  for (const run of web) {
    assert.match(
      String((JSON.parse(String(run["Input"])) as { url: string }).url),
      /\.inference\.ml\.azure\.com\//,
    );
    assert.equal(run["LinkedServiceName"], "");
  }
  const [tasks] = await query(
    `AzureDiagnostics | where id_s in (${kqlList(web.map((run) => run["ActivityRunId"]))}) | count`,
  );
  assert.equal(tasks?.["Count"], 0);
});

test("an operator the demo workspace does not evaluate is a 400 naming the operator", async () => {
  const error: unknown = await logs
    .queryWorkspace(
      sim.env.BATCHTOP_WORKSPACE_ID,
      'ADFActivityRun | join kind=inner (AzureDiagnostics | where OperationName == "TaskFailEvent") on $left.ActivityRunId == $right.id_s',
      lastDay,
    )
    .then(
      () => assert.fail("the query should be refused"),
      (thrown: unknown) => thrown,
    );
  const restError = error as {
    name?: string;
    statusCode?: number;
    code?: string;
    message?: string;
    details?: unknown;
  };
  assert.equal(restError.name, "RestError", String(error));
  assert.equal(restError.statusCode, 400);
  assert.equal(restError.code, "BadArgumentError");
  const inner = (
    restError.details as { error: { innererror: { code: string; innererror: { message: string } } } }
  ).error.innererror;
  assert.equal(inner.code, "SemanticError");
  assert.match(inner.innererror.message, /^Operator 'join' is not supported by the batchtop demo account/);
});
