import { test } from "node:test";
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import { LogsQueryClient } from "@azure/monitor-query-logs";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { queryLogs, toQueryTimeInterval, type LogsQueryTarget } from "../../../src/azure/logsQuery.js";
import { createRunHistory } from "../../../src/azure/runHistory.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";

// The query path with the real @azure/monitor-query-logs client and a scripted HTTP client in place
// of the service: what goes out, and how partial and failed answers come back.

const credential: TokenCredential = {
  getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

interface Sent {
  url: string;
  prefer: string | undefined;
  body: { query: string; timespan: string };
}

type Answer = { status: number; body: unknown };

/** A target whose service answers `answer(query)` and records every request. */
function scripted(answer: (query: string) => Answer): { target: LogsQueryTarget; sent: Sent[] } {
  const sent: Sent[] = [];
  const httpClient: HttpClient = {
    sendRequest: async (request: PipelineRequest) => {
      const body = JSON.parse(String(request.body)) as Sent["body"];
      sent.push({ url: request.url, prefer: request.headers.get("prefer"), body });
      const reply = answer(body.query);
      return {
        request,
        status: reply.status,
        headers: createHttpHeaders({ "content-type": "application/json" }),
        bodyAsText: JSON.stringify(reply.body),
      };
    },
  };
  const client = new LogsQueryClient(credential, {
    endpoint: "https://api.loganalytics.io/v1",
    retryOptions: { maxRetries: 0 },
    httpClient,
  });
  return {
    target: {
      client,
      workspaceId: "w-1",
      throttle: new AccountThrottle({ maxAttempts: 1 }),
      serverTimeoutSeconds: 25,
    },
    sent,
  };
}

const table = (rows: unknown[][]) => ({
  name: "PrimaryResult",
  columns: [
    { name: "TimeGenerated", type: "datetime" },
    { name: "ActivityRunId", type: "string" },
    { name: "Status", type: "string" },
    { name: "End", type: "datetime" },
  ],
  rows,
});

const row = (id: string, time: string) => [time, id, "InProgress", "1601-01-01T00:00:00Z"];

test("a query goes to {endpoint}/workspaces/{id}/query with the window as timespan and Prefer: wait", async () => {
  const { target, sent } = scripted(() => ({
    status: 200,
    body: { tables: [table([row("a", "2026-11-22T03:00:00Z")])] },
  }));
  const outcome = await queryLogs(
    target,
    "ADFActivityRun | take 1",
    { durationMs: 2 * 3_600_000 },
    "ADFActivityRun",
  );
  assert.deepEqual(sent, [
    {
      url: "https://api.loganalytics.io/v1/workspaces/w-1/query",
      prefer: "wait=25",
      body: { query: "ADFActivityRun | take 1", timespan: "PT2H" },
    },
  ]);
  assert.equal(outcome.warning, undefined);
  assert.deepEqual(outcome.rows, [
    {
      TimeGenerated: new Date("2026-11-22T03:00:00Z"),
      ActivityRunId: "a",
      Status: "InProgress",
      End: new Date("1601-01-01T00:00:00Z"),
    },
  ]);
  const start = new Date("2026-11-22T00:00:00Z");
  const end = new Date("2026-11-22T01:00:00Z");
  assert.deepEqual(toQueryTimeInterval({ start, end }), { startTime: start, endTime: end });
});

test("a partial result keeps its rows and says so, in the innermost words of its error", async () => {
  const { target } = scripted(() => ({
    status: 200,
    body: {
      tables: [table([row("a", "2026-11-22T03:00:00Z")])],
      error: {
        code: "PartialError",
        message: "There were some errors when processing your query.",
        innererror: {
          code: "LimitsExceeded",
          message: "Query result set has exceeded the internal data size limit",
        },
      },
    },
  }));
  const outcome = await queryLogs(target, "ADFActivityRun", { durationMs: 60_000 }, "ADFActivityRun");
  assert.equal(outcome.rows.length, 1);
  assert.deepEqual(outcome.warning, {
    source: "ADFActivityRun",
    message:
      "partial result, rows may be missing: Query result set has exceeded the internal data size limit",
  });
});

const refused = (table: string): Answer => ({
  status: 400,
  body: {
    error: {
      code: "BadArgumentError",
      message: "The request had some invalid properties",
      innererror: {
        code: "SemanticError",
        message: "A semantic error occurred.",
        innererror: { code: "SEM0100", message: `Failed to resolve table expression named '${table}'` },
      },
    },
  },
});

test("runs: a table family the workspace refuses is a warning while the other answers", async () => {
  const { target, sent } = scripted((query) =>
    query.includes("\nSynapseIntegrationActivityRuns\n")
      ? refused("SynapseIntegrationActivityRuns")
      : {
          status: 200,
          body: { tables: [table([row("a", "2026-11-22T03:00:00Z"), row("b", "2026-11-22T03:05:00Z")])] },
        },
  );
  const history = createRunHistory(target);
  const result = await history.latestActivityRuns({ durationMs: 3_600_000 }, { limit: 10 });
  assert.equal(sent.length, 2);
  assert.deepEqual(
    result.items.map((run) => [run.activityRunId, run.source, run.end]),
    [
      ["b", "adf", undefined],
      ["a", "adf", undefined],
    ],
  );
  assert.deepEqual(result.warnings, [
    {
      source: "SynapseIntegrationActivityRuns",
      message:
        "HTTP 400 BadArgumentError: Failed to resolve table expression named 'SynapseIntegrationActivityRuns'",
    },
  ]);
});

test("runs: when every table family fails, the failure is the answer", async () => {
  const { target } = scripted(() => refused("x"));
  await assert.rejects(
    createRunHistory(target).latestActivityRuns({ durationMs: 3_600_000 }),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      assert.equal(error.message, "Failed to resolve table expression named 'x'");
      return true;
    },
  );
});

test("runs by id: many ids go in chunks of 100 per table, none at all sends nothing", async () => {
  const { target, sent } = scripted(() => ({ status: 200, body: { tables: [table([])] } }));
  const history = createRunHistory(target);
  assert.deepEqual(await history.activityRunsByIds([], { durationMs: 60_000 }), { items: [], warnings: [] });
  assert.equal(sent.length, 0);
  const ids = Array.from({ length: 150 }, (_, index) => `id-${index}`);
  await history.activityRunsByIds([...ids, "id-0"], { durationMs: 60_000 });
  assert.equal(sent.length, 4, "two chunks for each of the two tables");
  assert.equal((sent[0]?.body.query.match(/'id-/g) ?? []).length, 100);
});
