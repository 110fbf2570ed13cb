import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LogsQueryResultStatus } from "@azure/monitor-query-logs";
import type { TokenCredential } from "@azure/identity";
import { createAzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { createLogsClient } from "../../../src/azure/logsClient.js";
import { createPipelineRunner } from "../../../src/azure/pipelineRuns.js";
import { ReadOnlyRefusalError } from "../../../src/azure/readOnlyGuard.js";
import {
  createSynapseClients,
  createSynapseRunApi,
  createSynapseRunStarter,
} from "../../../src/azure/synapseRuns.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import { pipelineHostFromResourceId, type PipelineHostRef } from "../../../src/model/pipelineRuns.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";

// The re-run from the failed activity for a Synapse pipeline, end to end: batchtop's Synapse port
// (the real @azure/synapse-artifacts client) against the demo account's workspace endpoint over
// loopback HTTPS. The workspace and the failed pipeline run come from Log Analytics
// (SynapseIntegrationActivityRuns' `_ResourceId`), as the `R` dialog finds them.

let account: SimAccount;
before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", readOnly: false });
});
after(async () => {
  await account.sim.stop();
});

const hour = { durationMs: 60 * 60_000 };

/** A failed refresh_inventory activity run whose pipeline run has failed, found as the dialog finds it. */
async function failedInventory(): Promise<{
  host: PipelineHostRef;
  pipelineRunId: string;
  activityRunId: string;
  activityName: string;
}> {
  const { adapters } = account;
  const { items: rows } = await adapters.runHistory!.latestActivityRuns(hour);
  for (const row of rows) {
    if (row.pipelineName !== "refresh_inventory" || row.status !== "Failed") continue;
    const host = row.resourceId === undefined ? undefined : pipelineHostFromResourceId(row.resourceId);
    assert.equal(host?.kind, "synapse", "the row names its workspace");
    const run = await adapters.pipelineRunReader!.getPipelineRun(host!, row.pipelineRunId);
    if (run.status === "Failed")
      return {
        host: host!,
        pipelineRunId: run.runId,
        activityRunId: row.activityRunId,
        activityName: row.activityName,
      };
  }
  assert.fail("the incident has a failed refresh_inventory run");
}

test("a Synapse recovery run names the failed activity, and its Custom activity runs again as new tasks that succeed once fixed", async () => {
  const { sim, adapters } = account;
  const reader = adapters.pipelineRunReader!;
  const runner = adapters.pipelineRunner!;
  const failed = await failedInventory();
  assert.deepEqual(failed.host, {
    kind: "synapse",
    workspace: {
      subscriptionId: sim.env.AZURE_SUBSCRIPTION_ID,
      resourceGroup: sim.env.AZURE_RESOURCE_GROUP.toLowerCase(),
      workspaceName: "syn-contoso-analytics",
    },
  });
  const reference = await reader.getPipelineRun(failed.host, failed.pipelineRunId);
  assert.match(reference.message ?? "", /^Operation on target refresh_inventory_shard failed/);
  const before = await reader.activityRuns(failed.host, reference);
  const failedActivity = before.find((run) => run.activityRunId === failed.activityRunId);
  assert.equal(failedActivity?.error?.code, "2500");
  assert.equal(failedActivity.activityName, failed.activityName);

  assert.deepEqual(sim.world.fixPipeline("refresh_inventory"), ["syn-contoso-analytics/refresh_inventory"]);
  const mark = sim.requestLog.mark();
  const runId = await runner.createRecoveryRun({
    host: failed.host,
    pipelineName: reference.pipelineName,
    referencePipelineRunId: reference.runId,
    failedActivityName: failed.activityName,
  });
  const sent = sim.requestLog.since(mark);
  assert.equal(sent.length, 1, "createPipelineRun is sent once");
  assert.deepEqual([sent[0]!.service, sent[0]!.method, sent[0]!.status], ["synapse", "POST", 202]);
  assert.equal(sent[0]!.path, "/synapse/syn-contoso-analytics/pipelines/refresh_inventory/createRun");
  const query = new URLSearchParams(sent[0]!.query);
  assert.deepEqual(
    {
      apiVersion: query.get("api-version"),
      reference: query.get("referencePipelineRunId"),
      isRecovery: query.get("isRecovery"),
      startActivityName: query.get("startActivityName"),
      startFromFailure: query.get("startFromFailure"),
    },
    {
      apiVersion: "2020-12-01",
      reference: reference.runId,
      isRecovery: "true",
      startActivityName: "refresh_inventory_shard",
      startFromFailure: null,
    },
  );
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
  assert.equal((await reader.getPipelineRun(failed.host, reference.runId)).isLatest, false);

  const rerun = await reader.activityRuns(failed.host, recovery);
  assert.equal(rerun.length, 4, "the activity's four shards, as a ForEach reruns whole");
  const oldIds = new Set(before.map((run) => run.activityRunId));
  for (const activity of rerun) {
    assert.equal(activity.activityName, "refresh_inventory_shard", "starts at the failed activity");
    assert.equal(activity.status, "Succeeded");
    assert.ok(!oldIds.has(activity.activityRunId), "a new activity run id");
  }
  const newIds = rerun.map((run) => run.activityRunId);
  const tasks = await adapters.reader.listTasks("adfv2-etl-spot-d2", { ids: newIds });
  assert.deepEqual(
    tasks.map((task) => [task.id, task.state, task.result]).sort(),
    newIds.map((id) => [id, "completed", "success"]).sort(),
  );

  // Log Analytics has the new activity runs, with the workspace, and the new pipeline run's rows.
  const logged = await adapters.runHistory!.activityRunsByIds(newIds, hour);
  assert.deepEqual(
    logged.items.map((row) => [row.pipelineRunId, row.status]),
    newIds.map(() => [runId, "Succeeded"]),
  );
  assert.ok(
    logged.items.every(
      (row) => row.resourceId && pipelineHostFromResourceId(row.resourceId)?.kind === "synapse",
    ),
  );
  const logs = createLogsClient({
    endpoint: sim.env.BATCHTOP_LOGS_ENDPOINT,
    credential: account.credential,
    transport: { ca: sim.certificates.caPem },
    readOnly: true,
  });
  const answer = await logs.queryWorkspace(
    sim.env.BATCHTOP_WORKSPACE_ID,
    `SynapseIntegrationPipelineRuns | where RunId == '${runId}' | project Status, Predecessors`,
    { duration: "PT1H" },
  );
  assert.equal(answer.status, LogsQueryResultStatus.Success);
  const [table] = answer.tables;
  assert.deepEqual(
    table!.rows.map((row) => row[0]),
    ["Queued", "InProgress", "Succeeded"],
  );
});

test("a Synapse recovery run the workspace refuses is reported once, in the service's words", async () => {
  const { sim, adapters } = account;
  const failed = await failedInventory();
  const mark = sim.requestLog.mark();
  await assert.rejects(
    adapters.pipelineRunner!.createRecoveryRun({
      host: failed.host,
      pipelineName: "refresh_inventory",
      referencePipelineRunId: failed.pipelineRunId,
      failedActivityName: "no_such_activity",
    }),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /Activity 'no_such_activity' is not in pipeline 'refresh_inventory'/);
      return true;
    },
  );
  assert.equal(sim.requestLog.since(mark).length, 1, "no retry");

  // A lost answer is not retried either: a second createPipelineRun could start a second run.
  sim.faults.injectNext("unavailable", 1, 0);
  const again = sim.requestLog.mark();
  await assert.rejects(
    adapters.pipelineRunner!.createRecoveryRun({
      host: failed.host,
      pipelineName: "refresh_inventory",
      referencePipelineRunId: failed.pipelineRunId,
      failedActivityName: failed.activityName,
    }),
    (error: unknown) => error instanceof AzureRequestError && error.statusCode === 503,
  );
  assert.deepEqual(
    sim.requestLog.since(again).map((entry) => [entry.path, entry.status]),
    [["/synapse/syn-contoso-analytics/pipelines/refresh_inventory/createRun", 503]],
    "sent once, neither by the SDK nor by batchtop's throttle again",
  );
});

test("read-only mode builds no pipeline runner, and a guarded Synapse client refuses createPipelineRun before fetching a token", async () => {
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
    synapse: createSynapseRunStarter(
      createSynapseClients({
        ...targets.synapse,
        credential: counting,
        transport: { ca: sim.certificates.caPem },
        readOnly: true,
      }),
      new AccountThrottle(),
    ),
  });
  const failed = await failedInventory();
  const mark = sim.requestLog.mark();
  await assert.rejects(
    guarded.createRecoveryRun({
      host: failed.host,
      pipelineName: "refresh_inventory",
      referencePipelineRunId: failed.pipelineRunId,
      failedActivityName: failed.activityName,
    }),
    (error: unknown) => {
      assert.ok(error instanceof ReadOnlyRefusalError);
      assert.match(
        error.message,
        /^read-only mode: refused POST https:\/\/127\.0\.0\.1:\d+\/synapse\/syn-contoso-analytics\/pipelines\/refresh_inventory\/createRun$/,
      );
      return true;
    },
  );
  assert.equal(tokens, 0, "refused before any token was fetched");
  assert.deepEqual(sim.requestLog.since(mark), [], "nothing reached the account");

  // The reads, one of them a POST, pass the guard; without the pipeline's name the activity runs
  // query reads the run first (Synapse addresses activity runs under their pipeline).
  const run = await readOnly.pipelineRunReader!.getPipelineRun(failed.host, failed.pipelineRunId);
  assert.ok((await readOnly.pipelineRunReader!.activityRuns(failed.host, { runId: run.runId })).length > 0);
  assert.deepEqual(
    sim.requestLog.since(mark).map((entry) => [entry.service, entry.method, entry.status]),
    [
      ["synapse", "GET", 200],
      ["synapse", "GET", 200],
      ["synapse", "POST", 200],
    ],
  );
  assert.ok(tokens > 0, "the reads fetched a token for Synapse");
});

test("the workspace endpoint accepts only tokens for Synapse's audience", async () => {
  const { sim, credential } = account;
  const failed = await failedInventory();
  // A client asking for an ARM token, as one built without Synapse's scope would.
  const wrongAudience = createSynapseRunApi(
    createSynapseClients({
      ...simTargets(sim).synapse,
      scope: "https://management.azure.com/.default",
      credential,
      transport: { ca: sim.certificates.caPem },
      readOnly: true,
    }),
    new AccountThrottle({ maxAttempts: 1 }),
  );
  assert.equal(failed.host.kind, "synapse");
  await assert.rejects(
    wrongAudience.getPipelineRun(failed.host.workspace, failed.pipelineRunId),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      assert.equal(error.statusCode, 401);
      assert.match(error.message, /invalid audience/);
      return true;
    },
  );
});
