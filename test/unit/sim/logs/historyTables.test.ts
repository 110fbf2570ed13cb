import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateQuery } from "../../../../src/sim/logs/kql/evaluator.js";
import type { LogRecord, TableSet } from "../../../../src/sim/logs/kql/inputRows.js";
import { historyTables } from "../../../../src/sim/logs/tables/historyTables.js";
import { logTableSchemas } from "../../../../src/sim/logs/tableSchemas.js";
import type { HistoryRecord } from "../../../../src/sim/world/history.js";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "../../../../src/sim/world/time.js";
import type { World } from "../../../../src/sim/world/world.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "../world/worldFixture.js";
import { records } from "./fixtureTables.js";

// The workspace tables built from a small world: an ADF pipeline whose Custom activity fails, an ADF
// pipeline calling an Azure ML batch endpoint, a Synapse pipeline, and a pool resize.

const workspace = { workspaceId: "0b5e7a3c-1f2d-4e6a-9c8b-7d6e5f4a3b2c" };
const factoryId =
  "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-batchtop-demo/providers/Microsoft.DataFactory/factories/adf-test";
const scoringUrl = "https://churn.westeurope.inference.ml.azure.com/jobs";
const notEnded = Date.parse("1601-01-01T00:00:00Z");

function smallWorld(): World {
  return testWorld((builder) => {
    builder.addPool({
      id: "pool-a",
      vmSize: "standard_d2s_v3",
      os: "linux",
      dedicatedNodes: 2,
      taskSlotsPerNode: 1,
    });
    addCustomPipeline(builder, "pool-a", program({ failureRate: 1 }));
    builder.addPipeline(
      {
        name: "score_churn",
        host: builder.adfFactory("adf-test"),
        poolId: "pool-a",
        triggerName: "tr_score",
        everyMs: DAY_MS,
        activities: [
          {
            type: "WebActivity",
            name: "invoke_batch_endpoint",
            url: scoringUrl,
            durationMs: [10 * SECOND_MS, 10 * SECOND_MS],
            failureRate: 0,
          },
        ],
      },
      0,
    );
    builder.addPipeline(
      {
        name: "refresh_inventory",
        host: builder.synapseWorkspace("syn-test"),
        poolId: "pool-a",
        triggerName: "tr_inventory",
        everyMs: DAY_MS,
        activities: [
          { type: "Custom", name: "refresh", program: program(), fanOut: 1, maxTaskRetryCount: 0 },
        ],
      },
      0,
    );
    builder.at(30 * SECOND_MS, () =>
      builder.resize("pool-a", { targetDedicatedNodes: 3, targetLowPriorityNodes: 0 }),
    );
  });
}

/** A world whose three pipeline runs and the resize have all finished, with its tables. */
function finishedWorld(): { world: World; tables: () => TableSet } {
  const world = smallWorld();
  const tables = historyTables(() => world.history(), workspace);
  advanceUntil(world, () => {
    const finished = world
      .history()
      .filter((record) => record.kind === "pipelineRun" && record.end !== undefined);
    const resized = world
      .history()
      .some((record) => record.kind === "batchEvent" && record.operationName === "PoolResizeCompleteEvent");
    return finished.length === 3 && resized;
  });
  return { world, tables };
}

const { world, tables } = finishedWorld();

function rows(table: string): readonly LogRecord[] {
  return tables()[table] ?? [];
}

function query(text: string): Record<string, unknown>[] {
  return records(
    evaluateQuery({ query: text, schemas: logTableSchemas, tables: tables(), now: world.now() }),
  );
}

const ms = (iso: string) => Date.parse(iso);

test("every table the workspace declares is served", () => {
  assert.deepEqual(Object.keys(tables()).sort(), logTableSchemas.map((schema) => schema.name).sort());
});

test("each status transition of an activity run is its own ADFActivityRun row, as ADF logs it", () => {
  const failing = rows("ADFActivityRun").filter((row) => row["ActivityName"] === "transform");
  assert.deepEqual(
    failing.map((row) => row["Status"]),
    ["Queued", "InProgress", "Failed"],
  );
  const [queued, inProgress, failed] = failing;
  assert.ok(queued && inProgress && failed);
  assert.equal(queued["End"], notEnded, "ADF logs 1601-01-01 as the End of a run not yet ended");
  assert.equal(inProgress["End"], notEnded);
  assert.equal(queued["Output"], undefined);

  const id = String(failed["ActivityRunId"]);
  const output = JSON.parse(String(failed["Output"])) as Record<string, unknown>;
  const end = failed["TimeGenerated"];
  assert.deepEqual(failed, {
    TenantId: workspace.workspaceId,
    SourceSystem: "Azure",
    Type: "ADFActivityRun",
    TimeGenerated: end,
    ResourceId: factoryId.toUpperCase(),
    _ResourceId: factoryId.toLowerCase(),
    _SubscriptionId: "00000000-0000-4000-8000-000000000001",
    Category: "ActivityRuns",
    Level: "Informational",
    Location: "westeurope",
    OperationName: "transform - Failed",
    PipelineName: "transform_customers_daily",
    PipelineRunId: queued["PipelineRunId"],
    ActivityName: "transform",
    ActivityRunId: id,
    ActivityType: "Custom",
    Status: "Failed",
    Start: queued["Start"],
    End: end,
    LinkedServiceName: "ls_batch_pool-a",
    EffectiveIntegrationRuntime: "AutoResolveIntegrationRuntime (West Europe)",
    Input: queued["Input"],
    Output: failed["Output"],
    Error: JSON.stringify({
      errorCode: "2500",
      message: "Hit unexpected exception and execution failed.",
      failureType: "UserError",
      target: "transform",
    }),
    ErrorCode: "2500",
    ErrorMessage: "Hit unexpected exception and execution failed.",
    FailureType: "UserError",
  });
  assert.equal(output["exitcode"], 1);
  assert.match(String((output["outputs"] as string[])[0]), new RegExp(`/adfjobs/${id}/output/stdout\\.txt$`));
  assert.match(String((output["outputs"] as string[])[1]), new RegExp(`/adfjobs/${id}/output/stderr\\.txt$`));
  assert.match(String(JSON.parse(String(queued["Input"])).command), /python3 -u transform\.py/);
});

test("ADFPipelineRun has one row per transition, with the failure, parameters and trigger", () => {
  const run = rows("ADFPipelineRun").filter((row) => row["PipelineName"] === "transform_customers_daily");
  assert.deepEqual(
    run.map((row) => [row["Status"], row["OperationName"]]),
    [
      ["Queued", "transform_customers_daily - Queued"],
      ["InProgress", "transform_customers_daily - InProgress"],
      ["Failed", "transform_customers_daily - Failed"],
    ],
  );
  const failed = run[2] ?? {};
  assert.equal(failed["Category"], "PipelineRuns");
  assert.equal(failed["ErrorCode"], "2500");
  assert.equal(failed["FailureType"], "UserError");
  assert.match(String(failed["ErrorMessage"]), /^Operation on target transform failed: /);
  assert.deepEqual(JSON.parse(String(failed["Parameters"])), { runDate: "2024-05-01" });
  assert.deepEqual(JSON.parse(String(failed["Predecessors"])), [
    { Name: "tr_daily", InvokedByType: "ScheduleTrigger" },
  ]);
  assert.deepEqual(JSON.parse(String(failed["SystemParameters"])), {
    ExecutionStart: "2024-05-01T08:00:01.000Z",
    SubscriptionId: "00000000-0000-4000-8000-000000000001",
  });
  assert.equal(failed["RunId"], rows("ADFActivityRun")[0]?.["PipelineRunId"]);
});

test("the latest-status idiom gives one row per activity run with its final status", () => {
  const latest = query(
    "ADFActivityRun | summarize arg_max(TimeGenerated, *) by ActivityRunId | project ActivityRunId, ActivityName, Status, End",
  );
  const ids = new Set(rows("ADFActivityRun").map((row) => row["ActivityRunId"]));
  assert.equal(latest.length, ids.size);
  assert.deepEqual(latest.map((row) => [row["ActivityName"], row["Status"]]).sort(), [
    ["invoke_batch_endpoint", "Succeeded"],
    ["transform", "Failed"],
  ]);
  assert.ok(latest.every((row) => row["End"] !== notEnded));
});

test("Batch events are AzureDiagnostics ServiceLog rows with their fields in suffixed columns", () => {
  const failedActivity = rows("ADFActivityRun").find((row) => row["Status"] === "Failed") ?? {};
  const events = query(
    'AzureDiagnostics | where ResourceProvider == "MICROSOFT.BATCH" and Category == "ServiceLog" | project OperationName, id_s',
  );
  const taskId = String(failedActivity["ActivityRunId"]);
  assert.deepEqual(
    events.filter((event) => event["id_s"] === taskId).map((event) => event["OperationName"]),
    // Batch reports every completion, failed or not, and a failure once more.
    ["TaskStartEvent", "TaskCompleteEvent", "TaskFailEvent"],
  );

  const diagnostics = rows("AzureDiagnostics");
  const failure = diagnostics.find((row) => row["OperationName"] === "TaskFailEvent") ?? {};
  const start = diagnostics.find(
    (row) => row["OperationName"] === "TaskStartEvent" && row["id_s"] === taskId,
  );
  assert.equal(start?.["executionInfo_exitCode_d"], undefined, "a task that starts has no exit code yet");
  const accountId =
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-batchtop-demo/providers/Microsoft.Batch/batchAccounts/batchtopdemo";
  assert.deepEqual(Object.fromEntries(Object.entries(failure).filter(([, value]) => value !== undefined)), {
    TenantId: workspace.workspaceId,
    SourceSystem: "Azure",
    Type: "AzureDiagnostics",
    TimeGenerated: failedActivity["TimeGenerated"],
    ResourceId: accountId.toUpperCase(),
    _ResourceId: accountId.toLowerCase(),
    ResourceGroup: "RG-BATCHTOP-DEMO",
    ResourceProvider: "MICROSOFT.BATCH",
    ResourceType: "BATCHACCOUNTS",
    Resource: "BATCHTOPDEMO",
    Category: "ServiceLog",
    OperationName: "TaskFailEvent",
    id_s: taskId,
    jobId_s: "adfv2-pool-a",
    taskType_s: "User",
    systemTaskVersion_d: 0,
    requiredSlots_d: 1,
    nodeInfo_poolId_s: "pool-a",
    nodeInfo_nodeId_s: failure["nodeInfo_nodeId_s"],
    multiInstanceSettings_numberOfInstances_d: 1,
    constraints_maxTaskRetryCount_d: 0,
    executionInfo_startTime_t: start?.["TimeGenerated"],
    executionInfo_endTime_t: failedActivity["TimeGenerated"],
    executionInfo_exitCode_d: 1,
    executionInfo_retryCount_d: 0,
    executionInfo_requeueCount_d: 0,
    executionInfo_result_s: "Failure",
  });
  assert.match(String(failure["nodeInfo_nodeId_s"]), /^tvmps_/);

  const resize = diagnostics.filter((row) => String(row["OperationName"]).startsWith("PoolResize"));
  assert.deepEqual(
    resize.map((row) => [row["OperationName"], row["id_s"], row["targetDedicatedNodes_d"]]),
    [
      ["PoolResizeStartEvent", "pool-a", 3],
      ["PoolResizeCompleteEvent", "pool-a", 3],
    ],
  );
  const [started, completed] = resize;
  assert.equal(started?.["nodeDeallocationOption_s"], "invalid");
  assert.equal(started?.["enableAutoScale_b"], false);
  assert.equal(started?.["resultCode_s"], undefined);
  assert.equal(completed?.["resultCode_s"], "Success");
  assert.equal(completed?.["currentDedicatedNodes_d"], 3);
  assert.equal(completed?.["startTime_t"], ms("2024-05-01T08:00:30.000Z"));
  assert.equal(completed?.["endTime_t"], completed?.["TimeGenerated"]);
});

test("Web activities calling an Azure ML batch endpoint have rows but no Batch task", () => {
  const web = rows("ADFActivityRun").filter((row) => row["ActivityType"] === "WebActivity");
  assert.deepEqual(
    web.map((row) => row["Status"]),
    ["Queued", "InProgress", "Succeeded"],
  );
  const done = web[2] ?? {};
  assert.equal(done["PipelineName"], "score_churn");
  assert.equal(done["LinkedServiceName"], "");
  assert.equal(JSON.parse(String(done["Input"])).url, scoringUrl);
  assert.deepEqual(JSON.parse(String(done["Output"])).properties, { status: "Preparing" });
  assert.equal(Number(done["End"]) - Number(done["Start"]), 10 * SECOND_MS);
  assert.ok(!rows("AzureDiagnostics").some((row) => row["id_s"] === done["ActivityRunId"]));
});

test("Synapse-hosted pipelines land in the SynapseIntegration tables with their own columns", () => {
  assert.ok(!rows("ADFActivityRun").some((row) => row["PipelineName"] === "refresh_inventory"));
  const activity = rows("SynapseIntegrationActivityRuns");
  assert.deepEqual(
    activity.map((row) => row["Status"]),
    ["Queued", "InProgress", "Succeeded"],
  );
  const succeeded = activity[2] ?? {};
  assert.equal(succeeded["Category"], "IntegrationActivityRuns");
  assert.equal(succeeded["ActivityType"], "Custom");
  assert.equal(
    succeeded["_ResourceId"],
    "/subscriptions/00000000-0000-4000-8000-000000000001/resourcegroups/rg-batchtop-demo/providers/microsoft.synapse/workspaces/syn-test",
  );
  assert.ok(!("ResourceId" in succeeded) && !("Output" in succeeded), "Synapse tables have neither");

  const pipeline = query(
    "SynapseIntegrationPipelineRuns | summarize arg_max(TimeGenerated, *) by RunId | project Status, Category, Parameters, Predecessors",
  );
  assert.deepEqual(pipeline, [
    {
      Status: "Succeeded",
      Category: "IntegrationPipelineRuns",
      Parameters: { runDate: "2024-05-01" },
      Predecessors: [{ Name: "tr_inventory", InvokedByType: "ScheduleTrigger" }],
    },
  ]);
});

test("rows are built once per record and only new records are added on the next query", () => {
  const fresh = smallWorld();
  const provider = historyTables(() => fresh.history(), workspace);
  const first = provider();
  const firstRows = Object.fromEntries(Object.entries(first).map(([name, list]) => [name, [...list]]));
  fresh.advance(5 * MINUTE_MS);
  const second = provider();
  for (const [name, list] of Object.entries(firstRows)) {
    const now = second[name] ?? [];
    assert.ok(now.length >= list.length, name);
    list.forEach((row, index) => assert.equal(now[index], row, `${name} row ${index} is the cached object`));
  }
  assert.deepEqual(second, historyTables(() => fresh.history(), workspace)());
});

test("rows of records the history's retention drops go too", () => {
  const all = [...world.history()];
  assert.ok(all.length >= 24, `the small world has ${all.length} records`);
  const log: HistoryRecord[] = all.slice(0, 12);
  const provider = historyTables(() => log, workspace);
  const rebuilt = () => historyTables(() => log, workspace)();
  provider();

  // Retention drops the oldest records while new ones arrive.
  log.splice(0, 5);
  log.push(...all.slice(12, 18));
  assert.deepEqual(provider(), rebuilt());

  // More was dropped than had been read: everything is rebuilt from what remains.
  log.splice(0, log.length, ...all.slice(20));
  assert.deepEqual(provider(), rebuilt());
});
