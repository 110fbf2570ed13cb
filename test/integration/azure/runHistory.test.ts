import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError, describeAzureError } from "../../../src/azure/azureError.js";
import { createLogsClient } from "../../../src/azure/logsClient.js";
import { queryLogs, type LogsQueryTarget } from "../../../src/azure/logsQuery.js";
import { kqlString } from "../../../src/azure/kql/loadQuery.js";
import type { RunHistory } from "../../../src/azure/runHistory.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import { isTaskFailed } from "../../../src/model/tasks.js";
import { measure, type SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// RunHistory against the demo workspace of the incident scenario (a failing Custom activity, a Web
// activity refused by its endpoint), joined with the same account's Batch data plane. Read-only
// mode throughout: every query travels through the guard's allow-list.

const lastDay = { durationMs: 24 * 3_600_000 };

let account: SimAccount;
let history: RunHistory;

before(async () => {
  account = await startManagedSimAccount({ scenario: "incident", seed: 3, readOnly: true });
  assert.ok(account.adapters.runHistory);
  history = account.adapters.runHistory;
});
after(() => account.sim.stop());

test("latest activity runs: the failed Custom activities are Batch tasks named by their activity run id", async (t) => {
  const { sim } = account;
  const timed = async () => {
    const started = performance.now();
    const traffic = await measure(sim, () => history.latestActivityRuns(lastDay));
    return { ...traffic, wallMs: performance.now() - started };
  };
  const cold = await timed();
  const warm = await timed();
  const timing = (traffic: typeof cold) =>
    `${traffic.count} requests (service ${traffic.requests.map((entry) => Math.round(entry.durationMs)).join(" + ")} ms), ` +
    `${Math.round(traffic.wallMs)} ms end to end, ${traffic.responseBytes} response bytes, ${traffic.result.items.length} runs`;
  t.diagnostic(`latestActivityRuns, first query (the demo's KQL parser loads): ${timing(cold)}`);
  t.diagnostic(`latestActivityRuns, next: ${timing(warm)}`);
  assert.equal(warm.count, 2, "one query per table family");
  assert.deepEqual(
    warm.requests.map((entry) => [
      entry.method,
      entry.path.replace(/[^/]+\/query$/, "{id}/query"),
      entry.status,
    ]),
    [
      ["POST", "/v1/workspaces/{id}/query", 200],
      ["POST", "/v1/workspaces/{id}/query", 200],
    ],
  );

  const { items, warnings } = warm.result;
  assert.deepEqual(warnings, []);
  assert.equal(new Set(items.map((run) => run.activityRunId)).size, items.length, "one row per run");
  assert.ok(
    items.every((run, i) => i === 0 || items[i - 1]!.updated >= run.updated),
    "newest first",
  );
  assert.ok(items.some((run) => run.source === "synapse"));

  const failed = items.filter((run) => run.activityType === "Custom" && run.status === "Failed");
  assert.ok(failed.length >= 2, `failed Custom runs: ${failed.length}`);
  const tasks = await account.adapters.reader.listTasks("adfv2-etl-linux-d4");
  for (const run of failed.filter((candidate) => candidate.pipelineName === "transform_customers_hourly")) {
    const task = tasks.find((candidate) => candidate.id === run.activityRunId);
    assert.ok(task, `task ${run.activityRunId} in adfv2-etl-linux-d4`);
    assert.ok(isTaskFailed(task));
    assert.deepEqual(run.error, {
      code: "2500",
      message: "Hit unexpected exception and execution failed.",
      failureType: "UserError",
    });
    assert.ok(run.end && run.start && run.end >= run.start);
    assert.deepEqual(
      run.outputUrls.map((url) => new URL(url).pathname),
      [`/adfjobs/${run.activityRunId}/output/stdout.txt`, `/adfjobs/${run.activityRunId}/output/stderr.txt`],
    );
  }
});

test("a Web activity calling the ML endpoint is a run with no Batch task", async () => {
  const { items } = await history.latestActivityRuns(lastDay);
  const web = items.filter((run) => run.activityType === "WebActivity");
  assert.ok(web.some((run) => run.status === "Failed" && run.error?.code === "2108"));
  const jobs = await account.adapters.reader.listJobs();
  const taskIds = new Set<string>();
  for (const job of jobs) {
    for (const task of await account.adapters.reader.listTasks(job.id)) taskIds.add(task.id);
  }
  for (const run of web) {
    assert.ok(!taskIds.has(run.activityRunId), `no task for ${run.activityRunId}`);
    assert.deepEqual(run.outputUrls, []);
  }
});

test("task rows find their pipeline by id; ids without a run, quotes and all, find nothing", async () => {
  const tasks = await account.adapters.reader.listTasks("adfv2-etl-linux-d4");
  const ids = tasks.slice(0, 5).map((task) => task.id);
  const injection = "x' or ActivityRunId != '";
  const { items, warnings } = await history.activityRunsByIds([...ids, injection], lastDay);
  assert.deepEqual(warnings, []);
  assert.deepEqual(items.map((run) => run.activityRunId).sort(), [...ids].sort());
  for (const run of items) {
    assert.equal(run.source, "adf");
    assert.equal(run.activityType, "Custom");
    assert.ok(run.pipelineName !== "" && run.activityName !== "");
  }
});

test("an activity run's transitions, oldest first; only the last has ended", async () => {
  const { items } = await history.latestActivityRuns(lastDay);
  const failed = items.find((run) => run.activityType === "Custom" && run.status === "Failed");
  assert.ok(failed);
  const transitions = await history.activityRunTransitions(failed.activityRunId, lastDay);
  assert.deepEqual(
    transitions.items.map((run) => run.status),
    ["Queued", "InProgress", "Failed"],
  );
  // ADF logs 1601-01-01 as the End of a run still going: read as not ended.
  assert.deepEqual(
    transitions.items.map((run) => run.end === undefined),
    [true, true, false],
  );
});

test("TaskFailEvents of the account come back, upload failures with exit code 0 included", async () => {
  const { items, warnings } = await history.taskFailEvents(lastDay);
  assert.deepEqual(warnings, []);
  assert.ok(items.length > 0);
  for (const event of items) {
    assert.equal(event.jobId, `adfv2-${event.poolId}`);
    assert.equal(event.accountName.toLowerCase(), account.sim.env.AZURE_BATCH_ACCOUNT.toLowerCase());
  }
  assert.ok(items.some((event) => event.exitCode === 0));
  const limited = await history.taskFailEvents(lastDay, { limit: 1 });
  assert.equal(limited.items.length, 1);
});

/** The query path RunHistory uses, for queries of the tests' own. */
function queryTarget(): LogsQueryTarget {
  const { sim, credential } = account;
  return {
    client: createLogsClient({
      endpoint: sim.env.BATCHTOP_LOGS_ENDPOINT,
      credential,
      transport: { ca: sim.certificates.caPem },
      readOnly: true,
    }),
    workspaceId: sim.env.BATCHTOP_WORKSPACE_ID,
    throttle: new AccountThrottle(),
    serverTimeoutSeconds: 20,
  };
}

test("a query the workspace refuses reaches the caller in the service's innermost words", async () => {
  const join =
    "ADFActivityRun | join kind=inner (AzureDiagnostics | where OperationName == 'TaskFailEvent') on $left.ActivityRunId == $right.id_s";
  await assert.rejects(queryLogs(queryTarget(), join, lastDay, "ADFActivityRun"), (error: unknown) => {
    assert.ok(error instanceof AzureRequestError);
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, "BadArgumentError");
    assert.match(
      describeAzureError(error),
      /^HTTP 400 BadArgumentError: Operator 'join' is not supported by the batchtop demo account/,
    );
    return true;
  });
});

test("values written with kqlString read back exactly through the workspace's parser, each one literal", async () => {
  const values = [
    "x' or 1 == 1 or '",
    "a\\",
    "\\'; AzureDiagnostics",
    "line\nbreak",
    "tab\there",
    "\u0001\u007f\u0085\u2028",
    'double "quoted"',
    "é ünï 中文",
  ];
  const query = `print ${values.map((value, index) => `v${index} = ${kqlString(value)}`).join(", ")}`;
  const { rows } = await queryLogs(queryTarget(), query, lastDay, "print");
  assert.deepEqual(rows, [Object.fromEntries(values.map((value, index) => [`v${index}`, value]))]);
});

test("read-only: every query passed the guard, and nothing but reads and queries reached the account", () => {
  const { sim, adapters } = account;
  assert.equal(adapters.poolManager, undefined);
  assert.equal(adapters.writer, undefined);
  const other = sim.requestLog
    .all()
    .filter((entry) => entry.method !== "GET" && entry.method !== "HEAD")
    .filter((entry) => !(entry.method === "POST" && /^\/v1\/workspaces\/[^/]+\/query$/.test(entry.path)));
  assert.deepEqual(other, []);
  assert.ok(sim.requestLog.all().some((entry) => entry.method === "POST" && entry.status === 200));
});
