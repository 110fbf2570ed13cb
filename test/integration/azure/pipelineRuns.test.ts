import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LogsQueryResultStatus } from "@azure/monitor-query-logs";
import type { TokenCredential } from "@azure/identity";
import { createAzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { createLogsClient } from "../../../src/azure/logsClient.js";
import { createDataFactoryClients, createDataFactoryRunStarter } from "../../../src/azure/dataFactoryRuns.js";
import { createPipelineRunner } from "../../../src/azure/pipelineRuns.js";
import { ReadOnlyRefusalError } from "../../../src/azure/readOnlyGuard.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import { factoryFromResourceId, type PipelineHostRef } from "../../../src/model/pipelineRuns.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";

// The re-run from the failed activity end to end: batchtop's Data Factory port (the real
// @azure/arm-datafactory client) against the demo account over loopback HTTPS. The factory and the
// failed pipeline run come from Log Analytics, as the `R` dialog will find them.

let account: SimAccount;
before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", readOnly: false });
});
after(async () => {
  await account.sim.stop();
});

const hour = { durationMs: 60 * 60_000 };

/** A failed transform_customers activity run whose pipeline run has failed, found as the dialog finds it. */
async function failedTransform(): Promise<{
  host: PipelineHostRef;
  pipelineRunId: string;
  activityRunId: string;
}> {
  const { adapters } = account;
  const { items: rows } = await adapters.runHistory!.latestActivityRuns(hour);
  for (const row of rows) {
    if (row.pipelineName !== "transform_customers_hourly" || row.status !== "Failed") continue;
    const named = row.resourceId === undefined ? undefined : factoryFromResourceId(row.resourceId);
    assert.ok(named, "the row names its factory");
    const host: PipelineHostRef = { kind: "adf", factory: named };
    const run = await adapters.pipelineRunReader!.getPipelineRun(host, row.pipelineRunId);
    if (run.status === "Failed") return { host, pipelineRunId: run.runId, activityRunId: row.activityRunId };
  }
  assert.fail("the incident has a failed transform_customers_hourly run");
}

test("a recovery run of the failed incident pipeline run re-runs its Custom activity as new tasks that succeed once fixed", async () => {
  const { sim, adapters } = account;
  const reader = adapters.pipelineRunReader!;
  const runner = adapters.pipelineRunner!;
  const failed = await failedTransform();
  assert.equal(
    (failed.host.kind === "adf" ? failed.host.factory.factoryName : "").toLowerCase(),
    "adf-contoso-etl",
  );
  const reference = await reader.getPipelineRun(failed.host, failed.pipelineRunId);
  assert.match(reference.message ?? "", /^Operation on target transform_customers failed/);
  const before = await reader.activityRuns(failed.host, reference);
  assert.ok(before.some((run) => run.activityRunId === failed.activityRunId && run.error?.code === "2500"));

  assert.deepEqual(sim.world.fixPipeline("transform_customers_hourly"), [
    "adf-contoso-etl/transform_customers_hourly",
  ]);
  const mark = sim.requestLog.mark();
  const runId = await runner.createRecoveryRun({
    host: failed.host,
    pipelineName: reference.pipelineName,
    referencePipelineRunId: reference.runId,
    failedActivityName: "transform_customers",
  });
  const sent = sim.requestLog.since(mark).filter((entry) => entry.method === "POST");
  assert.equal(sent.length, 1, "createRun is sent once");
  assert.match(sent[0]!.path, /\/pipelines\/transform_customers_hourly\/createRun$/);
  assert.notEqual(runId, reference.runId);

  let recovery = await reader.getPipelineRun(failed.host, runId);
  for (
    let minute = 0;
    minute < 30 && (recovery.status === "Queued" || recovery.status === "InProgress");
    minute++
  ) {
    sim.world.advance(60_000);
    recovery = await reader.getPipelineRun(failed.host, runId);
  }
  assert.equal(recovery.status, "Succeeded");
  assert.equal(recovery.runGroupId, reference.runId, "grouped with the run it recovers");
  assert.equal(recovery.isLatest, true);
  assert.deepEqual(recovery.invokedBy, { name: "Manual", kind: "Manual" });
  assert.deepEqual(recovery.parameters, reference.parameters);
  assert.equal((await reader.getPipelineRun(failed.host, reference.runId)).isLatest, false);

  const rerun = await reader.activityRuns(failed.host, recovery);
  assert.equal(rerun.length, 2, "both partitions of the activity, as a ForEach reruns whole");
  const oldIds = new Set(before.map((run) => run.activityRunId));
  for (const activity of rerun) {
    assert.equal(activity.activityName, "transform_customers");
    assert.equal(activity.status, "Succeeded");
    assert.ok(!oldIds.has(activity.activityRunId), "a new activity run id");
  }
  const newIds = rerun.map((run) => run.activityRunId);
  const tasks = await adapters.reader.listTasks("adfv2-etl-linux-d4", { ids: newIds });
  assert.deepEqual(
    tasks.map((task) => [task.id, task.state, task.result]).sort(),
    newIds.map((id) => [id, "completed", "success"]).sort(),
  );

  // Log Analytics has the new activity runs, with the factory, and the new pipeline run's rows.
  const logged = await adapters.runHistory!.activityRunsByIds(newIds, hour);
  assert.deepEqual(
    logged.items.map((row) => [row.pipelineRunId, row.status]),
    newIds.map(() => [runId, "Succeeded"]),
  );
  assert.ok(logged.items.every((row) => row.resourceId && factoryFromResourceId(row.resourceId)));
  const logs = createLogsClient({
    endpoint: sim.env.BATCHTOP_LOGS_ENDPOINT,
    credential: account.credential,
    transport: { ca: sim.certificates.caPem },
    readOnly: true,
  });
  const answer = await logs.queryWorkspace(
    sim.env.BATCHTOP_WORKSPACE_ID,
    `ADFPipelineRun | where RunId == '${runId}' | project Status, Predecessors, Parameters`,
    { duration: "PT1H" },
  );
  assert.equal(answer.status, LogsQueryResultStatus.Success);
  const [table] = answer.tables;
  assert.deepEqual(
    table!.rows.map((row) => row[0]),
    ["Queued", "InProgress", "Succeeded"],
  );
  assert.deepEqual(JSON.parse(String(table!.rows[0]![1])), [{ Name: "Manual", InvokedByType: "Manual" }]);
});

test("a recovery run the factory refuses is reported once, in the service's words", async () => {
  const { sim, adapters } = account;
  const failed = await failedTransform();
  const mark = sim.requestLog.mark();
  await assert.rejects(
    adapters.pipelineRunner!.createRecoveryRun({
      host: failed.host,
      pipelineName: "ingest_sales_daily",
      referencePipelineRunId: failed.pipelineRunId,
      failedActivityName: "transform_customers",
    }),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /is a run of pipeline 'transform_customers_hourly'/);
      return true;
    },
  );
  assert.equal(sim.requestLog.since(mark).length, 1, "no retry");
});

test("read-only mode builds no pipeline runner, and a guarded client refuses createRun before fetching a token", async () => {
  const { sim, credential } = account;
  let tokens = 0;
  const counting: TokenCredential = {
    getToken: async (scopes, options) => {
      tokens += 1;
      return credential.getToken(scopes, options);
    },
  };
  const targets = simTargets(sim);
  const readOnly = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential: counting,
    readOnly: true,
    transport: { ca: sim.certificates.caPem },
    ...targets,
  });
  assert.equal(readOnly.pipelineRunner, undefined, "the writer is not constructed");
  assert.ok(readOnly.pipelineRunReader, "the reads are there");

  // The second line of defence: a runner built around a read-only client anyway.
  const guarded = createPipelineRunner({
    adf: createDataFactoryRunStarter(
      createDataFactoryClients({
        ...targets.dataFactory,
        credential: counting,
        transport: { ca: sim.certificates.caPem },
        readOnly: true,
      }),
      new AccountThrottle(),
    ),
  });
  const failed = await failedTransform();
  const mark = sim.requestLog.mark();
  await assert.rejects(
    guarded.createRecoveryRun({
      host: failed.host,
      pipelineName: "transform_customers_hourly",
      referencePipelineRunId: failed.pipelineRunId,
      failedActivityName: "transform_customers",
    }),
    (error: unknown) => {
      assert.ok(error instanceof ReadOnlyRefusalError);
      assert.match(
        error.message,
        /^read-only mode: refused POST https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.*\/pipelines\/transform_customers_hourly\/createRun$/,
      );
      return true;
    },
  );
  assert.equal(tokens, 0, "refused before any token was fetched");
  assert.deepEqual(sim.requestLog.since(mark), [], "nothing reached the account");

  // The reads, two of them POSTs, pass the guard.
  const run = await readOnly.pipelineRunReader!.getPipelineRun(failed.host, failed.pipelineRunId);
  assert.ok((await readOnly.pipelineRunReader!.activityRuns(failed.host, run)).length > 0);
  assert.deepEqual(
    sim.requestLog.since(mark).map((entry) => [entry.method, entry.status]),
    [
      ["GET", 200],
      ["POST", 200],
    ],
  );
});
