import { test } from "node:test";
import assert from "node:assert/strict";
import type { SimRequest, SimResponse } from "../../../../src/sim/http/service.js";
import { createBatchService } from "../../../../src/sim/batch/batchService.js";
import { FixtureWorld } from "../../../helpers/fixtureWorld.js";
import { completedTask, makeJob, makeNode, makePool, makeTask } from "../../../helpers/batchEntities.js";

const apiVersion = "api-version=2022-10-01.16.0";

function world(): FixtureWorld {
  return new FixtureWorld({
    pools: [
      makePool("pool-a"),
      makePool("pool-b", { allocationState: "resizing" }),
      makePool("pool-auto", { enableAutoScale: true }),
    ],
    nodes: { "pool-a": [makeNode("pool-a", "n1"), makeNode("pool-a", "n2", { state: "rebooting" })] },
    jobs: [makeJob("job-1", "pool-a")],
    tasks: {
      "job-1": [
        makeTask("job-1", "waiting"),
        completedTask("job-1", "ok", 0, "2024-05-01T10:00:00Z"),
        completedTask("job-1", "bad", 1, "2024-05-01T10:01:00Z"),
      ],
    },
    taskFiles: {
      "job-1/bad": [
        { entry: { name: "wd", url: "u", isDirectory: true } },
        {
          entry: {
            name: "stdout.txt",
            url: "u",
            isDirectory: false,
            properties: {
              creationTime: "2024-05-01T10:00:30Z",
              lastModified: "2024-05-01T10:01:00Z",
              contentLength: 12,
              contentType: "text/plain",
            },
          },
          bytes: Buffer.from("hello world\n"),
        },
        {
          entry: {
            name: "wd/out.json",
            url: "u",
            isDirectory: false,
            properties: { lastModified: "2024-05-01T10:01:00Z", contentLength: 2 },
          },
          bytes: Buffer.from("{}"),
        },
      ],
    },
    nodeFiles: {
      "pool-a/n1": [
        {
          entry: {
            name: "startup/stdout.txt",
            url: "u",
            isDirectory: false,
            properties: { lastModified: "2024-05-01T09:06:00Z", contentLength: 3 },
          },
          bytes: Buffer.from("abc"),
        },
      ],
    },
  });
}

function call(
  fixture: FixtureWorld,
  method: string,
  target: string,
  options: { headers?: SimRequest["headers"]; body?: string } = {},
): SimResponse {
  const url = new URL(target, "https://127.0.0.1:4711");
  const service = createBatchService(fixture);
  return service.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: options.headers ?? {},
    body: Buffer.from(options.body ?? ""),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "req-1",
  }) as SimResponse;
}

function json(response: SimResponse): Record<string, unknown> {
  return JSON.parse(response.body as string) as Record<string, unknown>;
}

function errorOf(response: SimResponse): {
  status: number;
  code: string;
  values: { key: string; value: string }[];
} {
  const body = json(response) as { code: string; values?: { key: string; value: string }[] };
  return { status: response.status, code: body.code, values: body.values ?? [] };
}

test("owns every path but ARM, Log Analytics and managed identity", () => {
  const service = createBatchService(world());
  assert.equal(service.audience, "https://batch.core.windows.net/");
  for (const path of ["/pools", "/jobs/j/tasks", "/nodecounts", "/", "/v1x"])
    assert.equal(service.owns(path), true, path);
  for (const path of [
    "/subscriptions/s/resourceGroups",
    "/SUBSCRIPTIONS",
    "/v1/workspaces/w/query",
    "/metadata/identity/oauth2/token",
    "/msi/token",
  ]) {
    assert.equal(service.owns(path), false, path);
  }
});

test("api-version is required and must be the one the simulator speaks", () => {
  assert.deepEqual(errorOf(call(world(), "GET", "/pools")), {
    status: 400,
    code: "MissingRequiredQueryParameter",
    values: [{ key: "QueryParameterName", value: "api-version" }],
  });
  assert.equal(
    errorOf(call(world(), "GET", "/pools?api-version=2023-11-01.18.0")).code,
    "UnsupportedRequestVersion",
  );
  assert.equal(
    errorOf(call(world(), "GET", `/pools?${apiVersion}&timeout=soon`)).code,
    "InvalidQueryParameterValue",
  );
});

test("unknown paths are 400 InvalidUri and unsupported verbs 405 UnsupportedHttpVerb", () => {
  for (const path of ["/", "/pool", "/pools/pool-a/colour", "/pools//nodes", "/jobs/%E0%A4%A/tasks"]) {
    assert.deepEqual(errorOf(call(world(), "GET", `${path}?${apiVersion}`)).code, "InvalidUri", path);
  }
  const verb = errorOf(call(world(), "DELETE", `/pools/pool-a?${apiVersion}`));
  assert.equal(verb.status, 405);
  assert.equal(verb.code, "UnsupportedHttpVerb");
  assert.equal(
    errorOf(call(world(), "GET", `/pools/pool-a/resize?${apiVersion}`)).code,
    "UnsupportedHttpVerb",
  );
});

test("missing entities answer the parent-first NotFound codes", () => {
  const cases: [string, string][] = [
    ["/pools/nope", "PoolNotFound"],
    ["/pools/nope/nodes", "PoolNotFound"],
    ["/pools/pool-a/nodes/nope", "NodeNotFound"],
    ["/pools/nope/nodes/n1/files", "PoolNotFound"],
    ["/jobs/nope", "JobNotFound"],
    ["/jobs/nope/taskcounts", "JobNotFound"],
    ["/jobs/nope/tasks/t", "JobNotFound"],
    ["/jobs/job-1/tasks/nope", "TaskNotFound"],
    ["/jobs/job-1/tasks/bad/files/missing.txt", "FileNotFound"],
    ["/pools/pool-a/nodes/n1/files/missing.txt", "FileNotFound"],
  ];
  for (const [path, code] of cases) {
    const error = errorOf(call(world(), "GET", `${path}?${apiVersion}`));
    assert.equal(error.status, 404, path);
    assert.equal(error.code, code, path);
  }
});

test("a pool get carries the entity headers and honours $select", () => {
  const response = call(world(), "GET", `/Pools/POOL-A?${apiVersion}&$select=id,allocationState`, {
    headers: { "client-request-id": "c-1", "return-client-request-id": "true" },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers?.etag, "0x8DC1F2A3B4C5D60");
  assert.equal(response.headers?.["last-modified"], "Wed, 01 May 2024 10:00:00 GMT");
  assert.equal(response.headers?.dataserviceversion, "3.0");
  assert.equal(response.headers?.["client-request-id"], "c-1");
  assert.deepEqual(json(response), {
    "odata.metadata": "https://127.0.0.1:4711/$metadata#pools/@Element",
    id: "pool-a",
    allocationState: "steady",
  });
});

test("invalid query options name the parameter at fault", () => {
  const cases: [string, string, string][] = [
    [`/jobs/job-1/tasks?${apiVersion}&$filter=state eq`, "InvalidQueryParameterValue", "$filter"],
    [`/jobs/job-1/tasks?${apiVersion}&$filter=commandLine eq 'x'`, "InvalidQueryParameterValue", "$filter"],
    [`/jobs/job-1/tasks?${apiVersion}&$select=id,colour`, "InvalidQueryParameterValue", "$select"],
    [`/jobs/job-1/tasks?${apiVersion}&maxresults=ten`, "InvalidQueryParameterValue", "maxresults"],
    [`/jobs/job-1/tasks?${apiVersion}&maxresults=1001`, "OutOfRangeQueryParameterValue", "maxresults"],
    [`/nodecounts?${apiVersion}&maxresults=11`, "OutOfRangeQueryParameterValue", "maxresults"],
    [`/jobs/job-1/tasks/bad/files?${apiVersion}&recursive=maybe`, "InvalidQueryParameterValue", "recursive"],
    [`/jobs/job-1/tasks?${apiVersion}&$skiptoken=zzz`, "InvalidQueryParameterValue", "$skiptoken"],
  ];
  for (const [target, code, parameter] of cases) {
    const error = errorOf(call(world(), "GET", target));
    assert.equal(error.status, 400, target);
    assert.equal(error.code, code, target);
    assert.equal(error.values.find((value) => value.key === "QueryParameterName")?.value, parameter, target);
  }
});

test("task files: listing, recursion, and the active-task refusal", () => {
  const top = json(call(world(), "GET", `/jobs/job-1/tasks/bad/files?${apiVersion}`)) as {
    value: { name: string }[];
  };
  assert.deepEqual(
    top.value.map((file) => file.name),
    ["wd", "stdout.txt"],
  );
  const all = json(
    call(
      world(),
      "GET",
      `/jobs/job-1/tasks/bad/files?${apiVersion}&recursive=true&$filter=startswith(name,'wd')`,
    ),
  ) as {
    value: { name: string }[];
  };
  assert.deepEqual(
    all.value.map((file) => file.name),
    ["wd", "wd/out.json"],
  );
  const refused = errorOf(call(world(), "GET", `/jobs/job-1/tasks/waiting/files?${apiVersion}`));
  assert.equal(refused.status, 409);
  assert.equal(refused.code, "OperationInvalidForCurrentState");
  assert.equal(
    errorOf(call(world(), "GET", `/jobs/job-1/tasks/ok/files?${apiVersion}`)).code,
    "TaskFilesUnavailable",
  );
});

test("file reads: HEAD gives size and properties, ocp-range gives 200 with just the range", () => {
  const head = call(world(), "HEAD", `/jobs/job-1/tasks/bad/files/stdout.txt?${apiVersion}`);
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
  assert.deepEqual(
    { ...head.headers, "request-id": undefined },
    {
      "request-id": undefined,
      dataserviceversion: "3.0",
      "content-type": "text/plain",
      "content-length": "12",
      "last-modified": "Wed, 01 May 2024 10:01:00 GMT",
      "ocp-creation-time": "Wed, 01 May 2024 10:00:30 GMT",
      "ocp-batch-file-isdirectory": "False",
      "ocp-batch-file-url": encodeURIComponent(
        "https://127.0.0.1:4711/jobs/job-1/tasks/bad/files/stdout.txt",
      ),
      "ocp-batch-file-mode": "0o100644",
      etag: "0x8DC69C59A6BD600",
    },
  );
  const ranged = call(world(), "GET", `/jobs/job-1/tasks/bad/files/stdout.txt?${apiVersion}`, {
    headers: { "ocp-range": "bytes=6-10" },
  });
  assert.equal(ranged.status, 200);
  assert.equal((ranged.body as Buffer).toString(), "world");
  assert.equal(ranged.headers?.["content-length"], "5");
  const nested = call(world(), "GET", `/jobs/job-1/tasks/bad/files/wd%2Fout.json?${apiVersion}`);
  assert.equal((nested.body as Buffer).toString(), "{}");
  assert.equal(nested.headers?.["content-type"], "application/octet-stream");
  assert.equal(
    errorOf(
      call(world(), "GET", `/jobs/job-1/tasks/bad/files/stdout.txt?${apiVersion}`, {
        headers: { "ocp-range": "bytes=50-" },
      }),
    ).status,
    416,
  );
  const node = call(world(), "GET", `/pools/pool-a/nodes/n1/files/startup/stdout.txt?${apiVersion}`);
  assert.equal((node.body as Buffer).toString(), "abc");
});

test("resize and stop-resize answer 202 with the pool's new ETag; refusals come from the world", () => {
  const fixture = world();
  const accepted = call(fixture, "POST", `/pools/pool-a/resize?${apiVersion}`, {
    body: '{"targetDedicatedNodes":4}',
  });
  assert.equal(accepted.status, 202);
  assert.equal(accepted.headers?.etag, "0x8DC00000000000A");
  assert.equal(accepted.headers?.dataserviceid, "https://demo.sim.batch.azure.com/pools/pool-a");
  assert.deepEqual(fixture.calls.resize, [{ poolId: "pool-a", request: { targetDedicatedNodes: 4 } }]);
  assert.equal(call(fixture, "POST", `/pools/pool-b/stopresize?${apiVersion}`).status, 202);
  assert.deepEqual(fixture.calls.stopResize, ["pool-b"]);
  assert.deepEqual(
    errorOf(call(fixture, "POST", `/pools/pool-b/resize?${apiVersion}`, { body: "{}" })).code,
    "PoolBeingResized",
  );
  assert.equal(
    errorOf(call(fixture, "POST", `/pools/pool-a/resize?${apiVersion}`, { body: "{oops" })).code,
    "InvalidRequestBody",
  );
  assert.equal(
    errorOf(call(fixture, "POST", `/pools/nope/resize?${apiVersion}`, { body: "{}" })).code,
    "PoolNotFound",
  );
});

test("reboot answers 202 and passes the option; reactivate answers 204 or the world's refusal", () => {
  const fixture = world();
  assert.equal(
    call(fixture, "POST", `/pools/pool-a/nodes/n1/reboot?${apiVersion}`, {
      body: '{"nodeRebootOption":"requeue"}',
    }).status,
    202,
  );
  assert.deepEqual(fixture.calls.reboot, [{ poolId: "pool-a", nodeId: "n1", option: "requeue" }]);
  assert.equal(
    errorOf(call(fixture, "POST", `/pools/pool-a/nodes/n2/reboot?${apiVersion}`)).code,
    "NodeBeingRebooted",
  );
  const reactivated = call(fixture, "POST", `/jobs/job-1/tasks/bad/reactivate?${apiVersion}`);
  assert.equal(reactivated.status, 204);
  assert.equal(reactivated.headers?.etag, "0x8DC00000000000B");
  assert.equal(
    errorOf(call(fixture, "POST", `/jobs/job-1/tasks/ok/reactivate?${apiVersion}`)).code,
    "TaskSucceeded",
  );
  assert.equal(
    errorOf(call(fixture, "POST", `/jobs/job-1/tasks/waiting/reactivate?${apiVersion}`)).code,
    "TaskNotCompleted",
  );
});

test("no input crashes the service, answers 500 or shows a stack trace", () => {
  const fixture = world();
  const paths = [
    "/pools",
    "/pools/pool-a",
    "/pools/pool-a/nodes",
    "/jobs/job-1/tasks",
    "/jobs/job-1/tasks/bad/files/stdout.txt",
    "/nodecounts",
    "/pools/pool-a/resize",
    "/x/y/z",
  ];
  const queries = [
    "$filter=",
    "$filter=((((",
    "$filter=state eq 'a' or",
    "$select=,",
    "maxresults=-5",
    "maxresults=1e3",
    "$skiptoken=%00",
    "$filter=id eq '\u0000'",
    "recursive=1",
  ];
  const bodies = [
    "",
    "null",
    "[]",
    '{"targetDedicatedNodes":null}',
    "\u0000\u0001",
    '{"__proto__":{"x":1}}',
    "9".repeat(400),
  ];
  let seed = 7;
  const pick = <T>(items: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return items[seed % items.length]!;
  };
  for (let round = 0; round < 400; round += 1) {
    const method = pick(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "BREW"]);
    const target = `${pick(paths)}?${apiVersion}&${pick(queries)}`;
    const response = call(fixture, method, target, {
      body: pick(bodies),
      headers: { "ocp-range": pick(["bytes=1-2", "bytes=x", "bytes=99-"]) },
    });
    assert.ok(
      response.status >= 200 && response.status < 500,
      `${method} ${target} answered ${response.status}`,
    );
    if (typeof response.body === "string")
      assert.doesNotMatch(response.body, /\bat .+\(.+:\d+:\d+\)/, `${method} ${target}`);
  }
});
