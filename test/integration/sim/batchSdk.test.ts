import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Agent } from "node:https";
import { BatchServiceClient, type BatchServiceModels } from "@azure/batch";
import { RestError, TokenCredentials } from "@azure/ms-rest-js";
import type { AccessToken, GetTokenOptions } from "@azure/identity";
import { createBatchClient } from "../../../src/azure/batchClient.js";
import { createBatchService } from "../../../src/sim/batch/batchService.js";
import type { Task } from "../../../src/sim/world/entities.js";
import { completedTask, makeJob, makeNode, makePool, makeTask } from "../../helpers/batchEntities.js";
import { FixtureWorld } from "../../helpers/fixtureWorld.js";
import { serveService, type ServedService } from "../../helpers/serveService.js";

// The simulated Batch data plane driven by the real @azure/batch 10.2.0 client, wired as batchtop
// wires it, over the demo account's HTTPS listener with managed identity tokens.

const taskCount = 2500;
const tasks: Task[] = Array.from({ length: taskCount }, (_, index) => {
  const id = `task-${String(index).padStart(5, "0")}`;
  if (index % 5 === 0)
    return completedTask(
      "job-big",
      id,
      index % 10 === 0 ? 0 : 3,
      `2024-05-01T10:${String(index % 60).padStart(2, "0")}:00.5000000Z`,
    );
  return makeTask(
    "job-big",
    id,
    index % 5 === 1 ? { state: "running", stateTransitionTime: "2024-05-01T09:40:00Z" } : {},
  );
});

const log = Buffer.from(Array.from({ length: 200 }, (_, line) => `line ${line}\n`).join(""));

const fixture = new FixtureWorld({
  pools: [
    makePool("pool-a"),
    makePool("pool-busy", { allocationState: "resizing", targetDedicatedNodes: 5 }),
    ...Array.from({ length: 14 }, (_, index) => makePool(`extra-${index}`)),
  ],
  nodes: {
    "pool-a": [
      makeNode("pool-a", "node-1", { state: "running", runningTasksCount: 1 }),
      makeNode("pool-a", "node-2", { stateTransitionTime: "2024-05-01T11:00:00Z" }),
      makeNode("pool-a", "node-3", { state: "starttaskfailed", isDedicated: false }),
    ],
  },
  jobs: [makeJob("job-big", "pool-a"), makeJob("job-small", "pool-busy", { state: "completed" })],
  tasks: { "job-big": tasks, "job-small": [] },
  taskFiles: {
    "job-big/task-00005": [
      {
        entry: {
          name: "stdout.txt",
          url: "x",
          isDirectory: false,
          properties: {
            creationTime: "2024-05-01T10:05:00Z",
            lastModified: "2024-05-01T10:05:00.5Z",
            contentLength: log.length,
            contentType: "text/plain",
          },
        },
        bytes: log,
      },
      { entry: { name: "wd", url: "x", isDirectory: true } },
      {
        entry: {
          name: "wd/result.json",
          url: "x",
          isDirectory: false,
          properties: { lastModified: "2024-05-01T10:05:00Z", contentLength: 2 },
        },
        bytes: Buffer.from("{}"),
      },
    ],
  },
  nodeFiles: {
    "pool-a/node-1": [
      { entry: { name: "startup", url: "x", isDirectory: true } },
      {
        entry: {
          name: "startup/stdout.txt",
          url: "x",
          isDirectory: false,
          properties: { lastModified: "2024-05-01T09:06:00Z", contentLength: 5, fileMode: "0o100600" },
        },
        bytes: Buffer.from("boot\n"),
      },
    ],
  },
});

let served: ServedService;
let client: BatchServiceClient;

/** The scopes batchtop's client asks the real credential for. */
const requestedScopes: string[] = [];

before(async () => {
  served = await serveService(createBatchService(fixture));
  const recording = {
    getToken: (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
      requestedScopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
      return served.credential.getToken(scopes, options);
    },
  };
  client = createBatchClient(served.baseUrl, recording, { ca: served.ca });
});

after(async () => {
  await served.close();
});

/** The service's own words from a RestError: @azure/batch 10.2.0 leaves `message` as "[object Object]". */
async function refusal(
  call: Promise<unknown>,
): Promise<{ status: number | undefined; code: string | undefined; text: string; values: unknown }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof RestError, `expected a RestError, got ${String(error)}`);
    const body = error.body as { message?: { value?: string }; values?: unknown } | undefined;
    return {
      status: error.statusCode,
      code: error.code,
      text: body?.message?.value ?? "",
      values: body?.values,
    };
  }
  assert.fail("the call was expected to be refused");
}

async function allTasks(
  options: BatchServiceModels.TaskListOptions,
): Promise<{ ids: string[]; pages: number; items: BatchServiceModels.CloudTask[] }> {
  const items: BatchServiceModels.CloudTask[] = [];
  let page = await client.task.list("job-big", { taskListOptions: options });
  let pages = 1;
  items.push(...page);
  while (page.odatanextLink) {
    page = await client.task.listNext(page.odatanextLink);
    pages += 1;
    items.push(...page);
  }
  return { ids: items.map((task) => task.id!), pages, items };
}

test("pools: list with select and filter, page with listNext, get one", async () => {
  const first = await client.pool.list({ poolListOptions: { maxResults: 10, select: "id,allocationState" } });
  assert.equal(first.length, 10);
  assert.deepEqual(Object.keys(first[0]!).sort(), ["allocationState", "id"]);
  assert.ok(first.odatanextLink);
  const second = await client.pool.listNext(first.odatanextLink);
  assert.equal(second.length, 6);
  assert.equal(second.odatanextLink, undefined);
  const resizing = await client.pool.list({ poolListOptions: { filter: "allocationState eq 'resizing'" } });
  assert.deepEqual(
    resizing.map((pool) => pool.id),
    ["pool-busy"],
  );
  const pool = await client.pool.get("pool-a");
  assert.deepEqual([...new Set(requestedScopes)], ["https://batch.core.windows.net//.default"]);
  assert.equal(pool.vmSize, "standard_d2s_v3");
  assert.equal(pool.eTag, "0x8DC1F2A3B4C5D60");
  assert.equal(pool._response.headers.get("etag"), "0x8DC1F2A3B4C5D60");
  assert.ok(pool.lastModified instanceof Date);
});

test("node counts: one page of 10 then the rest, filterable by pool", async () => {
  const first = await client.account.listPoolNodeCounts();
  assert.equal(first.length, 10);
  assert.ok(first.odatanextLink);
  const rest = await client.account.listPoolNodeCountsNext(first.odatanextLink);
  assert.equal(first.length + rest.length, 16);
  const one = await client.account.listPoolNodeCounts({
    accountListPoolNodeCountsOptions: { filter: "poolId eq 'pool-a'" },
  });
  assert.equal(one.length, 1);
  assert.equal(one[0]!.dedicated!.running, 1);
  assert.equal(one[0]!.lowPriority!.startTaskFailed, 1);
  assert.equal(one[0]!.dedicated!.total, 2);
});

test("nodes: filter on state and stateTransitionTime, select, get", async () => {
  const failed = await client.computeNode.list("pool-a", {
    computeNodeListOptions: { filter: "state eq 'starttaskfailed'" },
  });
  assert.deepEqual(
    failed.map((node) => node.id),
    ["node-3"],
  );
  const changed = await client.computeNode.list("pool-a", {
    computeNodeListOptions: {
      filter: "stateTransitionTime gt DateTime'2024-05-01T10:00:00Z'",
      select: "id,state,runningTasksCount,isDedicated",
    },
  });
  assert.deepEqual(
    changed.map((node) => [node.id, node.state, node.isDedicated]),
    [["node-2", "idle", true]],
  );
  assert.equal(changed[0]!.vmSize, undefined);
  const node = await client.computeNode.get("pool-a", "node-1", {
    computeNodeGetOptions: { select: "id,runningTasksCount" },
  });
  assert.equal(node.runningTasksCount, 1);
  assert.equal(node.ipAddress, undefined);
});

test("jobs: list, filter, get, task counts", async () => {
  const jobs = await client.job.list();
  assert.deepEqual(
    jobs.map((job) => job.id),
    ["job-big", "job-small"],
  );
  const completed = await client.job.list({ jobListOptions: { filter: "state eq 'completed'" } });
  assert.deepEqual(
    completed.map((job) => job.id),
    ["job-small"],
  );
  const job = await client.job.get("job-big", { jobGetOptions: { select: "id,poolInfo" } });
  assert.deepEqual(job.poolInfo, { poolId: "pool-a" });
  const counts = await client.job.getTaskCounts("job-big");
  assert.deepEqual(counts.taskCounts, {
    active: 1500,
    running: 500,
    completed: 500,
    succeeded: 250,
    failed: 250,
  });
});

test("tasks: every page through listNext, with and without filters", async () => {
  const everything = await allTasks({});
  assert.equal(everything.pages, 3);
  assert.equal(everything.ids.length, taskCount);
  assert.equal(new Set(everything.ids).size, taskCount);

  const small = await allTasks({
    maxResults: 100,
    filter: "state eq 'completed'",
    select: "id,state,executionInfo",
  });
  assert.equal(small.pages, 5);
  assert.equal(small.ids.length, 500);
  assert.deepEqual(Object.keys(small.items[0]!).sort(), ["executionInfo", "id", "state"]);
  assert.equal(small.items[0]!.executionInfo!.exitCode, 0);

  const failed = await allTasks({ filter: "executionInfo/exitCode ne 0 and state eq 'completed'" });
  assert.equal(failed.ids.length, 250);
  const byResult = await allTasks({ filter: "executionInfo/result eq 'failure'" });
  assert.deepEqual(byResult.ids, failed.ids);

  const recent = await allTasks({ filter: "stateTransitionTime gt DateTime'2024-05-01T10:50:00.5000000Z'" });
  assert.equal(recent.ids.length, 41);
  assert.ok(
    recent.items.every((task) => task.stateTransitionTime!.toISOString() === "2024-05-01T10:55:00.500Z"),
  );
  const boundary = await allTasks({
    filter: "stateTransitionTime ge DateTime'2024-05-01T10:55:00.5000000Z'",
  });
  assert.deepEqual(boundary.ids, recent.ids);
  const none = await allTasks({ filter: "stateTransitionTime gt DateTime'2024-05-01T10:55:00.5000000Z'" });
  assert.equal(none.ids.length, 0);
});

test("tasks: get one, and a refused filter keeps the service's words", async () => {
  const task = await client.task.get("job-big", "task-00005");
  assert.equal(task.state, "completed");
  assert.equal(task.executionInfo!.result, "failure");
  const refused = await refusal(
    client.task.list("job-big", { taskListOptions: { filter: "commandLine eq 'x'" } }),
  );
  assert.equal(refused.status, 400);
  assert.equal(refused.code, "InvalidQueryParameterValue");
  assert.match(
    refused.text,
    /^Value for one of the query parameters specified in the request URI is invalid\.\nRequestId:/,
  );
  assert.deepEqual((refused.values as { key: string; value: string }[])[0], {
    key: "QueryParameterName",
    value: "$filter",
  });
});

test("task files: list, recursive list, properties by HEAD, ranged reads answered 200", async () => {
  const top = await client.file.listFromTask("job-big", "task-00005");
  assert.deepEqual(
    top.map((file) => file.name),
    ["stdout.txt", "wd"],
  );
  const all = await client.file.listFromTask("job-big", "task-00005", { recursive: true });
  assert.deepEqual(
    all.map((file) => file.name),
    ["stdout.txt", "wd", "wd/result.json"],
  );
  assert.equal(all[0]!.properties!.contentLength, log.length);

  const properties = await client.file.getPropertiesFromTask("job-big", "task-00005", "stdout.txt");
  assert.equal(properties.contentLength, log.length);
  assert.equal(properties.contentType, "text/plain");
  assert.equal(properties.ocpBatchFileMode, "0o100644");
  assert.equal(properties.ocpCreationTime!.toISOString(), "2024-05-01T10:05:00.000Z");
  assert.equal(properties.lastModified!.toISOString(), "2024-05-01T10:05:00.000Z");
  // The live service writes .NET booleans ("False"), which ms-rest-js leaves as a string: callers must compare text.
  assert.equal(String(properties.ocpBatchFileIsdirectory).toLowerCase(), "false");

  const tail = await client.file.getFromTask("job-big", "task-00005", "stdout.txt", {
    fileGetFromTaskOptions: { ocpRange: "bytes=1000-1099" },
  });
  assert.equal(tail._response.status, 200);
  const text = await new Response(tail.readableStreamBody as unknown as ReadableStream).text();
  assert.equal(text, log.subarray(1000, 1100).toString());
  const nested = await client.file.getFromTask("job-big", "task-00005", "wd/result.json");
  assert.equal(await new Response(nested.readableStreamBody as unknown as ReadableStream).text(), "{}");
});

test("node files: list, properties, read", async () => {
  const files = await client.file.listFromComputeNode("pool-a", "node-1", { recursive: true });
  assert.deepEqual(
    files.map((file) => [file.name, file.isDirectory]),
    [
      ["startup", true],
      ["startup/stdout.txt", false],
    ],
  );
  const properties = await client.file.getPropertiesFromComputeNode("pool-a", "node-1", "startup/stdout.txt");
  assert.equal(properties.contentLength, 5);
  assert.equal(properties.ocpBatchFileMode, "0o100600");
  const content = await client.file.getFromComputeNode("pool-a", "node-1", "startup/stdout.txt", {
    fileGetFromComputeNodeOptions: { ocpRange: "bytes=0-3" },
  });
  assert.equal(await new Response(content.readableStreamBody as unknown as ReadableStream).text(), "boot");
});

test("resize, stop resize, reboot and reactivate succeed", async () => {
  const resized = await client.pool.resize("pool-a", { targetDedicatedNodes: 3, resizeTimeout: "PT10M" });
  assert.equal(resized._response.status, 202);
  assert.deepEqual(fixture.calls.resize.at(-1), {
    poolId: "pool-a",
    request: { targetDedicatedNodes: 3, resizeTimeout: "PT10M" },
  });
  const stopped = await client.pool.stopResize("pool-a");
  assert.equal(stopped._response.status, 202);
  const rebooted = await client.computeNode.reboot("pool-a", "node-2", {
    nodeRebootOption: "taskcompletion",
  });
  assert.equal(rebooted._response.status, 202);
  assert.deepEqual(fixture.calls.reboot.at(-1), {
    poolId: "pool-a",
    nodeId: "node-2",
    option: "taskcompletion",
  });
  const reactivated = await client.task.reactivate("job-big", "task-00015");
  assert.equal(reactivated._response.status, 204);
  assert.equal((await client.task.get("job-big", "task-00015")).state, "active");
});

test("refusals reach the SDK with the code and message the service gives", async () => {
  const busy = await refusal(client.pool.resize("pool-busy", { targetDedicatedNodes: 1 }));
  assert.deepEqual([busy.status, busy.code], [409, "PoolBeingResized"]);
  assert.match(busy.text, /^The specified pool is being resized\nRequestId:/);
  const succeeded = await refusal(client.task.reactivate("job-big", "task-00010"));
  assert.deepEqual([succeeded.status, succeeded.code], [409, "TaskSucceeded"]);
  const active = await refusal(client.file.listFromTask("job-big", "task-00002"));
  assert.deepEqual([active.status, active.code], [409, "OperationInvalidForCurrentState"]);
  // File reads are streamed, so ms-rest-js does not parse their error bodies: only the status arrives.
  const range = await refusal(
    client.file.getFromTask("job-big", "task-00005", "stdout.txt", {
      fileGetFromTaskOptions: { ocpRange: "bytes=5000-" },
    }),
  );
  assert.equal(range.status, 416);
});

test("404s for every kind of missing entity", async () => {
  const cases: [Promise<unknown>, string][] = [
    [client.pool.get("nope"), "PoolNotFound"],
    [client.computeNode.get("pool-a", "nope"), "NodeNotFound"],
    [client.job.get("nope"), "JobNotFound"],
    [client.job.getTaskCounts("nope"), "JobNotFound"],
    [client.task.get("job-big", "nope"), "TaskNotFound"],
    [client.task.list("nope"), "JobNotFound"],
    [client.pool.resize("nope", { targetDedicatedNodes: 1 }), "PoolNotFound"],
  ];
  for (const [call, code] of cases) {
    const refused = await refusal(call);
    assert.deepEqual([refused.status, refused.code], [404, code]);
  }
  // Streamed reads and HEAD carry no parsed error body to the SDK: the status is what callers get.
  assert.equal((await refusal(client.file.getFromTask("job-big", "task-00005", "nope.txt"))).status, 404);
  assert.equal(
    (await refusal(client.file.getPropertiesFromTask("job-big", "task-00005", "nope.txt"))).status,
    404,
  );
});

test("client-request-id is echoed when asked, and a wrong token is refused", async () => {
  const pool = await client.pool.get("pool-a", {
    poolGetOptions: { clientRequestId: "8a9f3a4e-0b6c-4d52-9f1e-2f3a4b5c6d7e", returnClientRequestId: true },
  });
  assert.equal(pool._response.headers.get("client-request-id"), "8a9f3a4e-0b6c-4d52-9f1e-2f3a4b5c6d7e");
  const stranger = new BatchServiceClient(new TokenCredentials("someone-else"), served.baseUrl, {
    noRetryPolicy: true,
    agentSettings: { https: new Agent({ ca: served.ca }), http: new Agent({ ca: served.ca }) },
  });
  const refused = await refusal(stranger.pool.list());
  assert.deepEqual([refused.status, refused.code], [401, "AuthenticationFailed"]);
});
