import { test } from "node:test";
import assert from "node:assert/strict";
import { createHttpHeaders, createPipelineRequest, type PipelineRequest } from "@azure/core-rest-pipeline";
import {
  ReadOnlyRefusalError,
  readOnlyDecision,
  readOnlyPipelinePolicy,
  readOnlyRequestPolicyFactory,
} from "../../../src/azure/readOnlyGuard.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";

const batch = "https://batchtopdemo.westeurope.batch.azure.com";

test("reads pass: GET and HEAD, whatever the path", () => {
  assert.deepEqual(readOnlyDecision("GET", `${batch}/pools?api-version=2022-10-01.16.0`), { allowed: true });
  assert.deepEqual(readOnlyDecision("head", `${batch}/jobs/j/tasks/t/files/stdout.txt`), { allowed: true });
});

test("the Log Analytics query is the one POST allowed", () => {
  const workspace = "00000000-0000-4000-8000-000000000002";
  assert.deepEqual(readOnlyDecision("POST", `https://api.loganalytics.io/v1/workspaces/${workspace}/query`), {
    allowed: true,
  });
  assert.equal(readOnlyDecision("POST", "https://api.loganalytics.io/v1/$batch").allowed, false);
  assert.equal(
    readOnlyDecision("POST", `https://api.loganalytics.io/v1/workspaces/${workspace}/query/x`).allowed,
    false,
  );
});

test("Batch's evaluateautoscale passes, as it changes nothing; enableautoscale and disableautoscale stay refused", () => {
  assert.deepEqual(
    readOnlyDecision("POST", `${batch}/pools/etl-spot-d2/evaluateautoscale?api-version=2022-10-01.16.0`),
    { allowed: true },
  );
  for (const url of [
    `${batch}/pools/etl-spot-d2/enableautoscale?api-version=2022-10-01.16.0`,
    `${batch}/pools/etl-spot-d2/disableautoscale`,
    `${batch}/pools/etl-spot-d2/evaluateautoscale/x`,
    `${batch}/jobs/j/pools/p/evaluateautoscale`,
    `${batch}/pools/a/b/evaluateautoscale`,
  ])
    assert.equal(readOnlyDecision("POST", url).allowed, false, url);
  assert.equal(
    readOnlyDecision("PUT", `${batch}/pools/p/evaluateautoscale`).allowed,
    false,
    "only as a POST",
  );
});

test("every mutation is refused, with the method and the URL without its query", () => {
  const cases: [string, string][] = [
    ["POST", `${batch}/pools/etl/resize?api-version=2022-10-01.16.0`],
    ["POST", `${batch}/pools/etl/stopresize`],
    ["POST", `${batch}/pools/etl/nodes/tvm-1/reboot`],
    ["POST", `${batch}/jobs/j/tasks/t/reactivate`],
    [
      "PATCH",
      "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/pools/p",
    ],
    ["PUT", "https://stdemo.blob.core.windows.net/adfjobs/x?sv=2021&sig=secret"],
    ["DELETE", `${batch}/jobs/j`],
    ["OPTIONS", `${batch}/pools`],
  ];
  for (const [method, url] of cases) {
    const decision = readOnlyDecision(method, url);
    assert.equal(decision.allowed, false, `${method} ${url}`);
    if (!decision.allowed) {
      assert.match(decision.reason, new RegExp(`^read-only mode: refused ${method} https://`));
      assert.ok(!decision.reason.includes("?"), "no query string (it can carry a SAS signature)");
    }
  }
  const resize = readOnlyDecision("POST", `${batch}/pools/etl/resize?api-version=1`);
  assert.deepEqual(resize, {
    allowed: false,
    reason: `read-only mode: refused POST ${batch}/pools/etl/resize`,
  });
});

test("the core pipeline policy refuses locally: the next policy is never called", async () => {
  let sent = 0;
  const next = async (request: PipelineRequest) => {
    sent += 1;
    return { status: 200, headers: createHttpHeaders(), request };
  };
  const policy = readOnlyPipelinePolicy();
  const post = createPipelineRequest({ url: `${batch}/pools/p/resize`, method: "POST" });
  await assert.rejects(policy.sendRequest(post, next), (error: unknown) => {
    assert.ok(error instanceof ReadOnlyRefusalError);
    assert.ok(error instanceof AzureRequestError, "it is an AzureRequestError like every other failure");
    assert.equal(error.code, "ReadOnlyMode");
    assert.equal(error.message, `read-only mode: refused POST ${batch}/pools/p/resize`);
    return true;
  });
  assert.equal(sent, 0);
  await policy.sendRequest(createPipelineRequest({ url: `${batch}/pools` }), next);
  assert.equal(sent, 1);
});

test("the request policy factory (Batch and Storage pipelines) refuses locally too", async () => {
  const sent: string[] = [];
  const factory = readOnlyRequestPolicyFactory<{ method: string; url: string }, string>();
  const policy = factory.create({
    sendRequest: async (request) => {
      sent.push(request.method);
      return "answer";
    },
  });
  await assert.rejects(
    policy.sendRequest({ method: "POST", url: `${batch}/jobs/j/tasks/t/reactivate` }),
    ReadOnlyRefusalError,
  );
  assert.equal(await policy.sendRequest({ method: "GET", url: `${batch}/jobs` }), "answer");
  assert.deepEqual(sent, ["GET"]);
});

test("Data Factory's two run queries are the POSTs allowed on ARM; createRun and cancel are refused", () => {
  const factory =
    "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.DataFactory/factories/adf-contoso-etl";
  const runId = "2f7fdb90-5df1-4b8e-ac2f-064cfa58202b";
  // PipelineRuns_QueryByFactory: reads the runs a filter selects.
  assert.deepEqual(readOnlyDecision("POST", `${factory}/queryPipelineRuns?api-version=2018-06-01`), {
    allowed: true,
  });
  // ActivityRuns_QueryByPipelineRun: reads one run's activity runs.
  assert.deepEqual(
    readOnlyDecision("POST", `${factory}/pipelineruns/${runId}/queryActivityruns?api-version=2018-06-01`),
    { allowed: true },
  );
  // ARM paths are case-insensitive: another client's casing is still the same read.
  assert.equal(
    readOnlyDecision("POST", `${factory.toLowerCase()}/PIPELINERUNS/${runId}/QUERYACTIVITYRUNS`).allowed,
    true,
  );
  // PipelineRuns_Get is a GET.
  assert.equal(readOnlyDecision("GET", `${factory}/pipelineruns/${runId}`).allowed, true);
  for (const acting of [
    `${factory}/pipelines/transform_customers_hourly/createRun?api-version=2018-06-01&referencePipelineRunId=${runId}&isRecovery=true`,
    `${factory}/pipelineruns/${runId}/cancel`,
    `${factory}/pipelineruns/${runId}/queryActivityruns/x`,
    `${factory}/queryPipelineRuns/x`,
    "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/queryPipelineRuns",
  ]) {
    assert.equal(readOnlyDecision("POST", acting).allowed, false, acting);
  }
});

test("Synapse's two run queries are the POSTs allowed on a workspace endpoint; createRun and cancel are refused", () => {
  const runId = "2f7fdb90-5df1-4b8e-ac2f-064cfa58202b";
  for (const workspace of [
    "https://syn-contoso-analytics.dev.azuresynapse.net",
    // The demo account serves workspaces under a path prefix on its loopback listener.
    "https://127.0.0.1:4711/synapse/syn-contoso-analytics",
  ]) {
    // PipelineRun_QueryPipelineRunsByWorkspace: reads the runs a filter selects.
    assert.deepEqual(readOnlyDecision("POST", `${workspace}/queryPipelineRuns?api-version=2020-12-01`), {
      allowed: true,
    });
    // PipelineRun_QueryActivityRuns: reads one run's activity runs, under its pipeline.
    assert.deepEqual(
      readOnlyDecision(
        "POST",
        `${workspace}/pipelines/refresh_inventory/pipelineruns/${runId}/queryActivityruns?api-version=2020-12-01`,
      ),
      { allowed: true },
    );
    assert.equal(readOnlyDecision("GET", `${workspace}/pipelineruns/${runId}`).allowed, true);
    for (const acting of [
      `${workspace}/pipelines/refresh_inventory/createRun?api-version=2020-12-01&referencePipelineRunId=${runId}&isRecovery=true&startActivityName=refresh_inventory_shard`,
      `${workspace}/pipelineruns/${runId}/cancel?api-version=2020-12-01&isRecursive=true`,
      `${workspace}/pipelines/refresh_inventory/pipelineruns/${runId}/queryActivityruns/x`,
      `${workspace}/queryPipelineRuns/x`,
      // Not Synapse's data plane: an ARM action of that name belongs to another provider.
      "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/w/queryPipelineRuns",
    ]) {
      assert.equal(readOnlyDecision("POST", acting).allowed, false, acting);
    }
  }
});
