import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { LogsQueryClient, LogsQueryResultStatus } from "@azure/monitor-query-logs";
import { trustPolicy } from "../../../../src/azure/transport.js";
import type { SimRequest, SimResponse } from "../../../../src/sim/http/service.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { createLogsService } from "../../../../src/sim/logs/logsService.js";
import { fixtureTables, now } from "./fixtureTables.js";
import { serveService, type ServedService } from "../../../helpers/serveService.js";

const workspaceId = "0b5e7a3c-1f2d-4e6a-9c8b-7d6e5f4a3b2c";
const service = createLogsService(() => fixtureTables, { workspaceId, now: () => now });
const latestFailures =
  'ADFActivityRun | where TimeGenerated > ago(1d) | summarize arg_max(TimeGenerated, *) by ActivityRunId | where Status == "Failed"';

function request(options: Partial<SimRequest> & { json?: unknown } = {}): SimRequest {
  const { json, ...rest } = options;
  return {
    method: "POST",
    path: `/v1/workspaces/${workspaceId}/query`,
    query: new URLSearchParams(),
    headers: { "content-type": "application/json" },
    body: Buffer.from(json === undefined ? "" : JSON.stringify(json)),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "req-1",
    ...rest,
  };
}

/** What the listener would send: the handler's answer, or its SimServiceError rendered. */
async function send(simRequest: SimRequest): Promise<SimResponse> {
  try {
    return await service.handle(simRequest);
  } catch (error) {
    if (error instanceof SimServiceError) return service.renderError(error, simRequest);
    throw error;
  }
}

interface WireBody {
  tables: { name: string; columns: { name: string; type: string }[]; rows: unknown[][] }[];
}

interface ErrorBody {
  error: {
    message: string;
    code: string;
    correlationId: string;
    innererror?: { code: string; message: string; innererror?: Record<string, unknown> };
  };
}

test("the service owns /v1 and asks for Log Analytics tokens", () => {
  assert.equal(service.audience, "https://api.loganalytics.io/");
  assert.equal(service.owns(`/v1/workspaces/${workspaceId}/query`), true);
  assert.equal(service.owns("/batch/pools"), false);
});

test("a query answers PrimaryResult with datetimes as ISO text and dynamic values as JSON text", async () => {
  const response = await send(
    request({
      json: {
        query:
          "SynapseIntegrationActivityRuns | project ActivityRunId, TimeGenerated, Tags, Age = now() - TimeGenerated | take 1",
      },
    }),
  );
  assert.equal(response.status, 200);
  assert.equal(response.headers?.["content-type"], "application/json; charset=utf-8");
  assert.equal(response.headers?.["preference-applied"], undefined);
  assert.deepEqual(response.body, {
    tables: [
      {
        name: "PrimaryResult",
        columns: [
          { name: "ActivityRunId", type: "string" },
          { name: "TimeGenerated", type: "datetime" },
          { name: "Tags", type: "dynamic" },
          { name: "Age", type: "timespan" },
        ],
        rows: [["s1", "2026-11-22T10:00:00Z", '{"team":"data","tier":2}', "02:00:00"]],
      },
    ],
  } satisfies WireBody);
});

test("Prefer: wait=N is acknowledged with Preference-Applied", async () => {
  const response = await send(
    request({
      headers: { prefer: "wait=30,include-statistics=true" },
      json: { query: "ADFActivityRun | count" },
    }),
  );
  assert.equal(response.headers?.["preference-applied"], "wait=30");
});

test("the timespan restricts rows by TimeGenerated; GET with ?query= works too", async () => {
  const count = async (timespan: string | undefined) => {
    const response = await send(request({ json: { query: "ADFActivityRun | count", timespan } }));
    return (response.body as WireBody).tables[0]?.rows[0]?.[0];
  };
  assert.equal(await count(undefined), 6);
  assert.equal(await count("PT2H"), 3);
  assert.equal(await count("2026-11-22T09:00:00Z/2026-11-22T10:00:00Z"), 2);
  const get = await send(
    request({
      method: "GET",
      body: Buffer.alloc(0),
      query: new URLSearchParams({ query: "ADFActivityRun | count", timespan: "P1D" }),
    }),
  );
  assert.deepEqual((get.body as WireBody).tables[0]?.rows, [[5]]);
});

test("a bad query is 400 BadArgumentError with Log Analytics' nested innererror", async () => {
  const syntax = await send(request({ json: { query: "ADFActivityRun | whre Status" } }));
  assert.equal(syntax.status, 400);
  assert.deepEqual(syntax.body, {
    error: {
      message: "The request had some invalid properties",
      code: "BadArgumentError",
      correlationId: "req-1",
      innererror: {
        code: "SyntaxError",
        message: "A recognition error occurred in the query.",
        innererror: {
          code: "KS176",
          message: "Query could not be parsed at 'whre' on line [1,17]: Query operator expected.",
          line: 1,
          pos: 17,
          token: "whre",
        },
      },
    },
  } satisfies ErrorBody);

  const semantic = (await send(request({ json: { query: "ADFActivityRun | where Nope > 1" } })))
    .body as ErrorBody;
  assert.equal(semantic.error.innererror?.code, "SemanticError");
  assert.equal(semantic.error.innererror?.message, "A semantic error occurred.");
  assert.equal(semantic.error.innererror?.innererror?.["code"], "KS142");
  assert.match(
    String(semantic.error.innererror?.innererror?.["message"]),
    /^'where' operator: The name 'Nope'/,
  );

  const unsupported = (
    await send(request({ json: { query: "SynapseIntegrationActivityRuns | mv-expand Tags" } }))
  ).body as ErrorBody;
  assert.equal(unsupported.error.innererror?.innererror?.["code"], "NotSupported");
});

test("request errors: workspace, path, body, timespan, other workspaces", async () => {
  const cases: [SimRequest, number, string, string?][] = [
    [
      request({
        path: "/v1/workspaces/11111111-2222-3333-4444-555555555555/query",
        json: { query: "ADFActivityRun" },
      }),
      404,
      "WorkspaceNotFoundError",
    ],
    [
      request({ path: "/v1/workspaces/my-workspace/query", json: { query: "ADFActivityRun" } }),
      404,
      "PathNotFoundError",
    ],
    [request({ path: `/v1/workspaces/${workspaceId}/metadata` }), 404, "PathNotFoundError"],
    [request({ body: Buffer.from("{not json") }), 400, "BadArgumentError", "InvalidRequestBody"],
    [request({ json: { timespan: "PT1H" } }), 400, "BadArgumentError", "InvalidRequestBody"],
    [
      request({ json: { query: "ADFActivityRun", timespan: "yesterday" } }),
      400,
      "BadArgumentError",
      "InvalidTimespan",
    ],
    [
      request({ json: { query: "ADFActivityRun", workspaces: ["other"] } }),
      400,
      "BadArgumentError",
      "NotSupported",
    ],
    [request({ method: "DELETE" }), 405, "MethodNotAllowed"],
  ];
  for (const [simRequest, status, code, inner] of cases) {
    const response = await send(simRequest);
    const body = response.body as ErrorBody;
    assert.equal(response.status, status, `${simRequest.method} ${simRequest.path}`);
    assert.equal(body.error.code, code);
    assert.equal(body.error.correlationId, "req-1");
    assert.equal(body.error.innererror?.code, inner);
  }
});

test("token failures: 401 without an Authorization header, 403 for a refused token", () => {
  const missing = service.renderAuthFailure(
    request({ headers: {} }),
    "The request has no bearer token.",
    "tenant-1",
  );
  assert.equal(missing.status, 401);
  assert.deepEqual(missing.body, {
    error: {
      code: "AuthenticationFailed",
      message: "Authentication failed. The 'Authorization' header is missing.",
    },
  });
  assert.match(missing.headers?.["www-authenticate"] ?? "", /login\.microsoftonline\.com\/tenant-1\//);
  const refused = service.renderAuthFailure(
    request({ headers: { authorization: "Bearer x" } }),
    "The access token is not a JWT.",
    "tenant-1",
  );
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body, {
    error: {
      code: "InvalidAuthenticationToken",
      message: "The access token is invalid. The access token is not a JWT.",
    },
  });
});

// --- Through the real @azure/monitor-query-logs client over HTTPS --------------------------------
// Served by the demo account's own listener with a managed identity token, as `batchtop demo` is.

let served: ServedService;
let client: LogsQueryClient;
/** What the service received, headers and body included (the listener's request log has neither). */
const received: SimRequest[] = [];
before(async () => {
  served = await serveService({
    ...service,
    handle: (simRequest) => {
      received.push(simRequest);
      return service.handle(simRequest);
    },
  });
  client = new LogsQueryClient(served.credential, {
    endpoint: `${served.baseUrl}/v1`,
    credentials: { scopes: ["https://api.loganalytics.io/.default"] },
    additionalPolicies: [{ policy: trustPolicy({ ca: served.ca })!, position: "perCall" }],
  });
});
after(() => served.close());

test("LogsQueryClient gets typed rows: Date for datetime, parsed dynamic values", async () => {
  const result = await client.queryWorkspace(
    workspaceId,
    latestFailures,
    { duration: "P1D" },
    { serverTimeoutInSeconds: 60 },
  );
  assert.equal(result.status, LogsQueryResultStatus.Success);
  const [table] = result.status === LogsQueryResultStatus.Success ? result.tables : [];
  assert.ok(table);
  const names = table.columnDescriptors.map((column) => column.name);
  const row = table.rows[0] ?? [];
  assert.equal(table.rows.length, 1);
  assert.equal(row[names.indexOf("ActivityRunId")], "a1");
  assert.deepEqual(row[names.indexOf("TimeGenerated")], new Date("2026-11-22T10:45:30Z"));
  assert.deepEqual(row[names.indexOf("End")], new Date("2026-11-22T10:45:30Z"));

  const [sent] = received.slice(-1);
  assert.equal(sent?.headers["prefer"], "wait=60");
  assert.deepEqual(JSON.parse(sent?.body.toString() ?? "{}"), { query: latestFailures, timespan: "P1D" });

  const dynamic = await client.queryWorkspace(
    workspaceId,
    "SynapseIntegrationActivityRuns | project Tags, UserProperties | take 1",
    { duration: "PT24H" },
  );
  assert.equal(dynamic.status, LogsQueryResultStatus.Success);
  if (dynamic.status === LogsQueryResultStatus.Success) {
    assert.deepEqual(dynamic.tables[0]?.rows, [[{ team: "data", tier: 2 }, [10, 20, 30]]]);
  }
});

test("LogsQueryClient surfaces an unsupported operator as a 400 carrying the reason", async () => {
  const error = await client
    .queryWorkspace(workspaceId, "SynapseIntegrationActivityRuns | mv-expand Tags", { duration: "P1D" })
    .then(
      () => assert.fail("the query should be refused"),
      (thrown: unknown) => thrown,
    );
  const restError = error as { name?: string; statusCode?: number; code?: string; details?: unknown };
  assert.equal(restError.name, "RestError", String(error));
  assert.equal(restError.statusCode, 400);
  assert.equal(restError.code, "BadArgumentError");
  const details = restError.details as ErrorBody;
  assert.equal(details.error.innererror?.code, "SemanticError");
  assert.match(
    String(details.error.innererror?.innererror?.["message"]),
    /^Operator 'mv-expand' is not supported by the batchtop demo account/,
  );
});
