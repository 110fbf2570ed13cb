import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { SimRequest, SimResponse } from "../../../src/sim/http/service.js";
import { createBatchService } from "../../../src/sim/batch/batchService.js";
import {
  jobProperties,
  nodeProperties,
  poolProperties,
  taskProperties,
} from "../../../src/sim/batch/odata/entityProperties.js";
import type { FilterSchema } from "../../../src/sim/batch/odata/filterCompile.js";
import { jobFilter, nodeFilter, poolFilter, taskFilter } from "../../../src/sim/batch/odata/filterSchemas.js";
import { etagFor } from "../../../src/sim/batch/wire.js";
import type {
  ComputeNode,
  Job,
  NodeFile,
  Pool,
  PoolNodeCounts,
  Task,
  TaskCountsResult,
} from "../../../src/sim/world/entities.js";
import type { BatchWorld } from "../../../src/sim/world/batchWorld.js";
import { createWorld } from "../../../src/sim/world/world.js";
import { completedTask, makeJob, makeNode, makePool, makeTask } from "../../helpers/batchEntities.js";
import { FixtureWorld, type FixtureData } from "../../helpers/fixtureWorld.js";

// Checks the simulated data plane against Microsoft's own description of it: the 2022-10-01.16.0
// Swagger and its official examples (../shared/specs, or BATCHTOP_SPECS_DIR). Response bodies are
// validated with the schemas the Swagger declares per operation; example entities are served through
// the routes and must come back unchanged; example request bodies must be accepted.

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const specsDir = resolve(repoRoot, process.env.BATCHTOP_SPECS_DIR ?? "../shared/specs");
const dataPlane = join(specsDir, "batch-data-plane");
const swaggerPath = join(dataPlane, "2022-10-01.16.0", "BatchService.json");
const available = existsSync(swaggerPath);
const skipReason = `the Batch specification is not at ${swaggerPath}; set BATCHTOP_SPECS_DIR to the shared specs directory to run these checks`;

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  responses: Record<string, { schema?: Json; headers?: Record<string, unknown> }>;
}
interface Swagger {
  paths: Record<string, Record<string, { operationId: string; responses: Operation["responses"] }>>;
  definitions: Record<string, { properties?: Record<string, Json>; enum?: string[] }>;
}

const swagger: Swagger | undefined = available
  ? (JSON.parse(readFileSync(swaggerPath, "utf8")) as Swagger)
  : undefined;

function operations(): Map<string, Operation> {
  const byId = new Map<string, Operation>();
  for (const [path, methods] of Object.entries(swagger!.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      byId.set(operation.operationId, { method: method.toUpperCase(), path, responses: operation.responses });
    }
  }
  return byId;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The Swagger's own formats: fractional-second durations (P10675199DT2H48M5.4775807S), RFC 1123 dates.
  ajv.addFormat("duration", /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
  ajv.addFormat("date-time-rfc1123", /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  ajv.addSchema({ $id: "batch.json", definitions: swagger!.definitions });
  return ajv;
}

function example(version: string, name: string): Json {
  return JSON.parse(readFileSync(join(dataPlane, version, "examples", `${name}.json`), "utf8")) as Json;
}

function exampleBody(file: Json): Json {
  return ((file.responses as Json)["200"] as Json).body as Json;
}

function exampleParameters(file: Json): Json {
  return file.parameters as Json;
}

const baseUrl = "https://127.0.0.1:4711";

/** Serves one request from fixture data, or from a whole world such as a scenario's. */
function call(
  data: FixtureData | BatchWorld,
  method: string,
  target: string,
  options: { body?: string; headers?: SimRequest["headers"] | undefined } = {},
): SimResponse {
  const url = new URL(target, baseUrl);
  url.searchParams.set("api-version", "2022-10-01.16.0");
  const world = "listPools" in data ? data : new FixtureWorld(data);
  return createBatchService(world).handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: options.headers ?? {},
    body: Buffer.from(options.body ?? ""),
    baseUrl,
    requestId: "7c2f0b7e-3a5d-4b4e-9a55-0c1d2e3f4a5b",
  }) as SimResponse;
}

function bodyOf(response: SimResponse): Json {
  return JSON.parse(response.body as string) as Json;
}

function withoutMetadata(body: Json): Json {
  const { "odata.metadata": metadata, ...rest } = body;
  assert.equal(typeof metadata, "string");
  return rest;
}

/**
 * Checks status, path, body schema and declared headers of one response against its operation.
 * `upstreamMismatches` lists body paths where Microsoft's own example disagrees with its Swagger.
 */
function conforms(
  ajv: Ajv,
  operationId: string,
  method: string,
  target: string,
  response: SimResponse,
  upstreamMismatches: string[] = [],
): void {
  const operation = operations().get(operationId);
  assert.ok(operation, operationId);
  assert.equal(method, operation.method, `${operationId} method`);
  // A file path may arrive with literal slashes as well as %2F, so {filePath} spans segments.
  const template = new RegExp(
    `^${operation.path.replace("{filePath}", "[^?]+").replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`,
  );
  assert.match(target, template, `${operationId} path`);
  const success = Object.keys(operation.responses).filter((status) => status !== "default");
  assert.deepEqual(
    [String(response.status)],
    success,
    `${operationId} status; body ${String(response.body).slice(0, 300)}`,
  );
  const declared = operation.responses[String(response.status)]!;
  const headers = Object.keys(response.headers ?? {});
  for (const header of Object.keys(declared.headers ?? {})) {
    const name = header.toLowerCase();
    // client-request-id is echoed only on request; list operations' ETag/Last-Modified are not sent by
    // the live service either (recorded in azure-sdk-for-python's Batch tests).
    const optional =
      name === "client-request-id" ||
      ((name === "etag" || name === "last-modified") &&
        declared.schema?.$ref?.toString().endsWith("ListResult"));
    const entityWithoutTimes =
      operationId.startsWith("ComputeNode_") && (name === "etag" || name === "last-modified");
    const noDataServiceId = name === "dataserviceid" && operationId === "Pool_StopResize";
    if (!optional && !entityWithoutTimes && !noDataServiceId)
      assert.ok(headers.includes(name), `${operationId} lacks header ${header}`);
  }
  const schema = declared.schema;
  if (schema && typeof schema.$ref === "string") {
    const validate = ajv.getSchema(`batch.json${schema.$ref}`);
    assert.ok(validate, `${operationId}: ${schema.$ref} is not in the Swagger`);
    if (upstreamMismatches.length === 0) {
      assertValid(validate, bodyOf(response), operationId);
    } else {
      assert.equal(
        validate(bodyOf(response)),
        false,
        `${operationId}: the known upstream mismatch is gone; drop the exception`,
      );
      assert.deepEqual(
        [...new Set(validate.errors?.map((error) => error.instancePath))],
        upstreamMismatches,
        operationId,
      );
    }
  }
}

function assertValid(validate: ValidateFunction, body: unknown, label: string): void {
  const valid = validate(body);
  assert.ok(valid, `${label}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

function definitionAt(root: string, path: string): Json | undefined {
  let schema: Json | undefined = swagger!.definitions[root] as Json;
  for (const key of path.split("/")) {
    const properties = schema?.properties as Record<string, Json> | undefined;
    schema = properties?.[key];
    const ref = schema?.$ref;
    if (typeof ref === "string") schema = swagger!.definitions[ref.replace("#/definitions/", "")] as Json;
  }
  return schema;
}

test("$select property lists are the Swagger's entity properties", (t) => {
  if (!swagger) return t.skip(skipReason);
  const lists: [string, readonly string[]][] = [
    ["CloudPool", poolProperties],
    ["ComputeNode", nodeProperties],
    ["CloudJob", jobProperties],
    ["CloudTask", taskProperties],
  ];
  for (const [definition, properties] of lists) {
    assert.deepEqual([...properties], Object.keys(swagger.definitions[definition]!.properties!), definition);
  }
});

test("$filter properties exist in the Swagger with the same types and enum values", (t) => {
  if (!swagger) return t.skip(skipReason);
  const schemas: [string, FilterSchema][] = [
    ["CloudPool", poolFilter],
    ["ComputeNode", nodeFilter],
    ["CloudJob", jobFilter],
    ["CloudTask", taskFilter],
  ];
  for (const [definition, schema] of schemas) {
    for (const [path, property] of Object.entries(schema)) {
      const declared = definitionAt(definition, path);
      assert.ok(declared, `${definition}.${path} is not in the Swagger`);
      const label = `${definition}.${path}`;
      switch (property.type.kind) {
        case "datetime":
          assert.equal(declared.format, "date-time", label);
          break;
        case "integer":
          assert.equal(declared.type, "integer", label);
          break;
        case "boolean":
          assert.equal(declared.type, "boolean", label);
          break;
        case "string":
          assert.equal(declared.type, "string", label);
          assert.equal(declared.enum, undefined, `${label} is an enum in the Swagger`);
          break;
        case "enum":
          assert.deepEqual(
            [...property.type.values].sort(),
            (declared.enum as string[]).map((value) => value.toLowerCase()).sort(),
            label,
          );
          break;
      }
    }
  }
});

test("official example entities come back unchanged through the routes and validate", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const roundTrip = (
    operationId: string,
    data: FixtureData,
    target: string,
    expected: Json,
    upstreamMismatches: string[] = [],
  ) => {
    const response = call(data, "GET", target);
    conforms(ajv, operationId, "GET", target, response, upstreamMismatches);
    assert.deepEqual(withoutMetadata(bodyOf(response)), expected, operationId);
  };

  const poolList = exampleBody(example("2022-10-01.16.0", "PoolList_Basic"));
  roundTrip("Pool_List", { pools: poolList.value as Pool[] }, "/pools", poolList);
  // The extensions example writes VMExtension.settings as a JSON string; the Swagger types it as an object.
  for (const [version, name, mismatches] of [
    [
      "2022-10-01.16.0",
      "PoolGet_VirtualMachineConfigurationWithExtensions",
      ["/virtualMachineConfiguration/extensions/0/settings"],
    ],
    ["2022-01-01.15.0", "PoolGet_Basic", []],
  ] as const) {
    const pool = exampleBody(example(version, name)) as unknown as Pool;
    roundTrip("Pool_Get", { pools: [pool] }, `/pools/${pool.id}`, pool as unknown as Json, [...mismatches]);
  }

  const nodeList = exampleBody(example("2022-10-01.16.0", "NodeList"));
  roundTrip(
    "ComputeNode_List",
    { pools: [makePool("poolId")], nodes: { poolId: nodeList.value as ComputeNode[] } },
    "/pools/poolId/nodes",
    nodeList,
  );
  const node = exampleBody(example("2022-10-01.16.0", "NodeGet_Basic")) as unknown as ComputeNode;
  roundTrip(
    "ComputeNode_Get",
    { pools: [makePool("poolId")], nodes: { poolId: [node] } },
    `/pools/poolId/nodes/${node.id}`,
    node as unknown as Json,
  );

  const jobList = exampleBody(example("2022-10-01.16.0", "JobList"));
  roundTrip("Job_List", { jobs: jobList.value as Job[] }, "/jobs", jobList);
  const job = exampleBody(example("2021-06-01.14.0", "JobGet")) as unknown as Job;
  roundTrip("Job_Get", { jobs: [job] }, `/jobs/${job.id}`, job as unknown as Json);

  const counts = exampleBody(example("2022-10-01.16.0", "JobGetTaskCounts")) as unknown as TaskCountsResult;
  roundTrip(
    "Job_GetTaskCounts",
    { jobs: [makeJob("jobId", "poolId")], taskCounts: { jobId: counts } },
    "/jobs/jobId/taskcounts",
    counts as unknown as Json,
  );

  const taskList = exampleBody(example("2022-10-01.16.0", "TaskList"));
  roundTrip(
    "Task_List",
    { jobs: [makeJob("jobId", "poolId")], tasks: { jobId: taskList.value as Task[] } },
    "/jobs/jobId/tasks",
    taskList,
  );
  const task = exampleBody(example("2022-10-01.16.0", "TaskGet")) as unknown as Task;
  roundTrip(
    "Task_Get",
    { jobs: [makeJob("jobId", "poolId")], tasks: { jobId: [task] } },
    `/jobs/jobId/tasks/${task.id}`,
    task as unknown as Json,
  );

  const nodeCounts = exampleBody(example("2021-06-01.14.0", "AccountListPoolNodeCounts"));
  roundTrip(
    "Account_ListPoolNodeCounts",
    { nodeCounts: nodeCounts.value as PoolNodeCounts[] },
    "/nodecounts",
    nodeCounts,
  );

  const fileList = exampleBody(example("2021-06-01.14.0", "FileListFromTask"));
  roundTrip(
    "File_ListFromTask",
    {
      jobs: [makeJob("jobId", "poolId")],
      tasks: { jobId: [completedTask("jobId", "taskId", 0, "2024-05-01T10:00:00Z")] },
      taskFiles: { "jobId/taskId": (fileList.value as NodeFile[]).map((entry) => ({ entry })) },
    },
    "/jobs/jobId/tasks/taskId/files?recursive=false",
    fileList,
  );
});

test("official file examples: the same headers from HEAD and GET, for task and node files", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const cases = [
    ["File_GetPropertiesFromTask", "HEAD", "2023-11-01.18.0", "FileGetPropertiesFromTask"],
    ["File_GetFromTask", "GET", "2022-10-01.16.0", "FileGetFromTask"],
    ["File_GetPropertiesFromComputeNode", "HEAD", "2022-10-01.16.0", "FileGetPropertiesFromNode"],
  ] as const;
  for (const [operationId, method, version, name] of cases) {
    const file = example(version, name);
    const parameters = exampleParameters(file);
    const expected = (file.responses as Json)["200"] as Record<string, string>;
    const filePath = parameters.filePath as string;
    const size = Number(expected["Content-Length"]);
    const entry = {
      entry: {
        name: filePath,
        url: "x",
        isDirectory: false,
        properties: {
          creationTime: new Date(expected["ocp-creation-time"]!).toISOString(),
          lastModified: new Date(expected["Last-Modified"]!).toISOString(),
          contentLength: size,
          ...(expected["Content-Type"] ? { contentType: expected["Content-Type"] } : {}),
        },
      },
      bytes: Buffer.alloc(size, "x"),
    };
    const onNode = parameters.poolId !== undefined;
    const data: FixtureData = onNode
      ? {
          pools: [makePool("poolId")],
          nodes: { poolId: [makeNode("poolId", "nodeId")] },
          nodeFiles: { "poolId/nodeId": [entry] },
        }
      : {
          jobs: [makeJob("jobId", "poolId")],
          tasks: { jobId: [completedTask("jobId", parameters.taskId as string, 0, "2024-05-01T10:00:00Z")] },
          taskFiles: { [`jobId/${parameters.taskId as string}`]: [entry] },
        };
    const target = onNode
      ? `/pools/poolId/nodes/nodeId/files/${encodeURIComponent(filePath)}`
      : `/jobs/jobId/tasks/${parameters.taskId as string}/files/${encodeURIComponent(filePath)}`;
    const response = call(data, method, target);
    conforms(ajv, operationId, method, target, response);
    for (const [header, value] of Object.entries(expected)) {
      if (header === "body") continue;
      const actual = response.headers?.[header.toLowerCase()];
      // The live service writes .NET booleans ("False"); the example writes JSON's ("false").
      if (header === "ocp-batch-file-isdirectory")
        assert.equal(actual?.toLowerCase(), value, `${name} ${header}`);
      else assert.equal(actual, value, `${name} ${header}`);
    }
    if (method === "GET") assert.equal((response.body as Buffer).length, size);
  }
});

test("official example request bodies are accepted by the mutating routes", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const resize = example("2021-06-01.14.0", "PoolResize");
  const resizeParameters = exampleParameters(resize);
  const poolId = resizeParameters.poolId as string;
  const resizeBody = JSON.stringify(resizeParameters.poolResizeParameter);
  const world = new FixtureWorld({
    pools: [makePool(poolId), makePool("poolId", { allocationState: "resizing" })],
  });
  const service = createBatchService(world);
  const send = (method: string, target: string, body = "") => {
    const url = new URL(target, baseUrl);
    url.searchParams.set("api-version", "2022-10-01.16.0");
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: {},
      body: Buffer.from(body),
      baseUrl,
      requestId: "r",
    };
    return service.handle(request) as SimResponse;
  };
  conforms(
    ajv,
    "Pool_Resize",
    "POST",
    `/pools/${poolId}/resize`,
    send("POST", `/pools/${poolId}/resize`, resizeBody),
  );
  assert.deepEqual(world.calls.resize, [{ poolId, request: resizeParameters.poolResizeParameter }]);

  // Every property the Swagger gives PoolResizeParameter is understood, with each allowed option.
  const deallocation = swagger.definitions.ComputeNodeDeallocationOption!.enum!;
  for (const option of deallocation) {
    const full = {
      targetDedicatedNodes: 2,
      targetLowPriorityNodes: 1,
      resizeTimeout: "PT15M",
      nodeDeallocationOption: option,
    };
    assert.deepEqual(Object.keys(full), Object.keys(swagger.definitions.PoolResizeParameter!.properties!));
    world.calls.resize.length = 0;
    const fresh = createBatchService(new FixtureWorld({ pools: [makePool("p")] }));
    const url = new URL("/pools/p/resize?api-version=2022-10-01.16.0", baseUrl);
    const response = fresh.handle({
      method: "POST",
      path: url.pathname,
      query: url.searchParams,
      headers: {},
      body: Buffer.from(JSON.stringify(full)),
      baseUrl,
      requestId: "r",
    }) as SimResponse;
    assert.equal(response.status, 202, option);
  }

  const stop = example("2021-06-01.14.0", "PoolStopResize");
  const stopPool = exampleParameters(stop).poolId as string;
  conforms(
    ajv,
    "Pool_StopResize",
    "POST",
    `/pools/${stopPool}/stopresize`,
    send("POST", `/pools/${stopPool}/stopresize`),
  );

  const reactivate = exampleParameters(example("2021-06-01.14.0", "TaskReactivate"));
  const jobId = reactivate.jobId as string;
  const taskId = reactivate.taskId as string;
  const reactivateResponse = call(
    {
      jobs: [makeJob(jobId, "poolId")],
      tasks: { [jobId]: [completedTask(jobId, taskId, 1, "2024-05-01T10:00:00Z")] },
    },
    "POST",
    `/jobs/${jobId}/tasks/${taskId}/reactivate`,
  );
  conforms(ajv, "Task_Reactivate", "POST", `/jobs/${jobId}/tasks/${taskId}/reactivate`, reactivateResponse);

  // No reboot example is in the shared specs: use every option the Swagger allows, and no body at all.
  const rebootOptions = (
    swagger.definitions.NodeRebootParameter!.properties!.nodeRebootOption as { enum: string[] }
  ).enum;
  for (const body of ["", ...rebootOptions.map((option) => JSON.stringify({ nodeRebootOption: option }))]) {
    const response = call(
      { pools: [makePool("p")], nodes: { p: [makeNode("p", "n")] } },
      "POST",
      "/pools/p/nodes/n/reboot",
      { body },
    );
    conforms(ajv, "ComputeNode_Reboot", "POST", "/pools/p/nodes/n/reboot", response);
  }

  // Reimage and scheduling off: every option the Swagger allows, and no body at all.
  const optionsOf = (definition: string, property: string) =>
    (swagger!.definitions[definition]!.properties![property] as { enum: string[] }).enum;
  const nodeOperations = [
    ["ComputeNode_Reimage", "reimage", "NodeReimageParameter", "nodeReimageOption"],
    [
      "ComputeNode_DisableScheduling",
      "disablescheduling",
      "NodeDisableSchedulingParameter",
      "nodeDisableSchedulingOption",
    ],
  ] as const;
  for (const [operationId, path, definition, property] of nodeOperations) {
    const bodies = [
      "",
      ...optionsOf(definition, property).map((option) => JSON.stringify({ [property]: option })),
    ];
    for (const body of bodies) {
      const target = `/pools/p/nodes/n/${path}`;
      const response = call({ pools: [makePool("p")], nodes: { p: [makeNode("p", "n")] } }, "POST", target, {
        body,
      });
      conforms(ajv, operationId, "POST", target, response);
    }
  }
  const enable = call(
    { pools: [makePool("p")], nodes: { p: [makeNode("p", "n", { schedulingState: "disabled" })] } },
    "POST",
    "/pools/p/nodes/n/enablescheduling",
  );
  conforms(ajv, "ComputeNode_EnableScheduling", "POST", "/pools/p/nodes/n/enablescheduling", enable);

  // Pool_RemoveNodes: every property NodeRemoveParameter has, with each deallocation option.
  for (const option of deallocation) {
    const full = { nodeList: ["n"], resizeTimeout: "PT10M", nodeDeallocationOption: option };
    assert.deepEqual(Object.keys(full), Object.keys(swagger.definitions.NodeRemoveParameter!.properties!));
    const removeWorld = new FixtureWorld({ pools: [makePool("p")], nodes: { p: [makeNode("p", "n")] } });
    const response = call(removeWorld, "POST", "/pools/p/removenodes", { body: JSON.stringify(full) });
    conforms(ajv, "Pool_RemoveNodes", "POST", "/pools/p/removenodes", response);
    assert.deepEqual(removeWorld.calls.removeNodes, [{ poolId: "p", request: full }]);
  }
  const tooMany = call({ pools: [makePool("p")] }, "POST", "/pools/p/removenodes", {
    body: JSON.stringify({ nodeList: Array.from({ length: 101 }, (_, index) => `n${index}`) }),
  });
  assert.equal(tooMany.status, 400, "NodeRemoveParameter.nodeList has maxItems 100");
});

test("every implemented operation's responses validate, selections and errors included", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const data: FixtureData = {
    pools: [
      makePool("p", {
        displayName: "Pool P",
        virtualMachineConfiguration: {
          imageReference: { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts" },
          nodeAgentSKUId: "batch.node.ubuntu 22.04",
        },
        identity: {
          type: "UserAssigned",
          userAssignedIdentities: [
            {
              resourceId:
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i",
              clientId: "c",
              principalId: "p",
            },
          ],
        },
        resizeErrors: [
          {
            code: "AllocationTimedout",
            message: "Desired number of dedicated nodes could not be allocated",
            values: [{ name: "Reason", value: "timeout" }],
          },
        ],
        metadata: [{ name: "owner", value: "data" }],
        startTask: { commandLine: "/bin/true", waitForSuccess: true, maxTaskRetryCount: 1 },
        taskSchedulingPolicy: { nodeFillType: "pack" },
      }),
    ],
    nodes: {
      p: [
        makeNode("p", "n", {
          state: "running",
          lastBootTime: "2024-05-01T09:06:00Z",
          recentTasks: [
            {
              taskUrl: "https://x/jobs/j/tasks/t",
              jobId: "j",
              taskId: "t",
              taskState: "running",
              executionInfo: { retryCount: 0, requeueCount: 0, startTime: "2024-05-01T09:31:00Z" },
            },
          ],
          startTaskInfo: {
            state: "completed",
            startTime: "2024-05-01T09:06:00Z",
            endTime: "2024-05-01T09:07:00Z",
            exitCode: 0,
            retryCount: 0,
            result: "success",
          },
          errors: [
            {
              code: "DiskFull",
              message: "The disk is full",
              errorDetails: [{ name: "Path", value: "/mnt" }],
            },
          ],
          nodeAgentInfo: { version: "1.11.0", lastUpdateTime: "2024-05-01T09:06:00Z" },
        }),
      ],
    },
    jobs: [
      makeJob("j", "p", {
        displayName: "adfv2-p",
        metadata: [{ name: "a", value: "b" }],
        previousState: "disabled",
        previousStateTransitionTime: "2024-05-01T09:19:00Z",
      }),
    ],
    tasks: {
      j: [
        makeTask("j", "t", {
          displayName: "activity",
          resourceFiles: [{ httpUrl: "https://x/y", filePath: "y" }],
          environmentSettings: [{ name: "A", value: "1" }],
          userIdentity: { autoUser: { scope: "pool", elevationLevel: "nonadmin" } },
          nodeInfo: {
            affinityId: "TVM:n",
            nodeUrl: "https://x/pools/p/nodes/n",
            poolId: "p",
            nodeId: "n",
            taskRootDirectory: "workitems/j/job-1/t",
            taskRootDirectoryUrl: "https://x/pools/p/nodes/n/files/workitems/j/job-1/t",
          },
        }),
        completedTask("j", "failed", 2, "2024-05-01T10:00:00.1234567Z"),
      ],
    },
    taskFiles: {
      "j/failed": [
        {
          entry: {
            name: "stdout.txt",
            url: "https://x/jobs/j/tasks/failed/files/stdout.txt",
            isDirectory: false,
            properties: {
              creationTime: "2024-05-01T09:31:00Z",
              lastModified: "2024-05-01T10:00:00Z",
              contentLength: 3,
              contentType: "text/plain",
              fileMode: "0o100644",
            },
          },
          bytes: Buffer.from("abc"),
        },
        { entry: { name: "wd", url: "https://x/jobs/j/tasks/failed/files/wd", isDirectory: true } },
      ],
    },
    nodeFiles: {
      "p/n": [
        {
          entry: {
            name: "startup/stdout.txt",
            url: "https://x/pools/p/nodes/n/files/startup/stdout.txt",
            isDirectory: false,
            properties: { lastModified: "2024-05-01T09:07:00Z", contentLength: 4 },
          },
          bytes: Buffer.from("boot"),
        },
      ],
    },
  };
  const checks: [string, string, string, SimRequest["headers"]?][] = [
    ["Pool_List", "GET", "/pools?maxresults=1"],
    ["Pool_List", "GET", "/pools?$select=id,state,allocationState&$filter=state eq 'active'"],
    [
      "Pool_Get",
      "GET",
      "/pools/p",
      { "client-request-id": "6f1c2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "return-client-request-id": "true" },
    ],
    ["Account_ListPoolNodeCounts", "GET", "/nodecounts"],
    ["ComputeNode_List", "GET", "/pools/p/nodes?$select=id,state,runningTasksCount,isDedicated"],
    ["ComputeNode_Get", "GET", "/pools/p/nodes/n"],
    ["Job_List", "GET", "/jobs"],
    ["Job_Get", "GET", "/jobs/j"],
    ["Job_GetTaskCounts", "GET", "/jobs/j/taskcounts"],
    ["Task_List", "GET", "/jobs/j/tasks?maxresults=1"],
    [
      "Task_List",
      "GET",
      "/jobs/j/tasks?$select=id,state,creationTime,lastModified,executionInfo&$filter=executionInfo/exitCode ne 0",
    ],
    ["Task_Get", "GET", "/jobs/j/tasks/t"],
    ["File_ListFromTask", "GET", "/jobs/j/tasks/failed/files?recursive=true"],
    ["File_ListFromComputeNode", "GET", "/pools/p/nodes/n/files?recursive=true"],
    ["File_GetFromTask", "GET", "/jobs/j/tasks/failed/files/stdout.txt", { "ocp-range": "bytes=0-1" }],
    ["File_GetPropertiesFromTask", "HEAD", "/jobs/j/tasks/failed/files/stdout.txt"],
    ["File_GetFromComputeNode", "GET", "/pools/p/nodes/n/files/startup%2Fstdout.txt"],
    ["File_GetPropertiesFromComputeNode", "HEAD", "/pools/p/nodes/n/files/startup/stdout.txt"],
  ];
  for (const [operationId, method, target, headers] of checks) {
    const response = call(data, method, target, { headers });
    conforms(ajv, operationId, method, target, response);
    if (headers?.["client-request-id"])
      assert.equal(response.headers?.["client-request-id"], headers["client-request-id"]);
  }

  const batchError = ajv.compile({ $ref: "batch.json#/definitions/BatchError" });
  for (const target of [
    "/pools/missing",
    "/jobs/j/tasks?$filter=nonsense",
    "/unknown",
    "/jobs/j/tasks/t/files",
  ]) {
    const response = call(data, "GET", target);
    assert.ok(response.status >= 400, target);
    assertValid(batchError, bodyOf(response), target);
  }
});

test("ETags have the service's form: .NET ticks of the last-modified time", (t) => {
  if (!swagger) return t.skip(skipReason);
  const job = exampleBody(example("2021-06-01.14.0", "JobGet"));
  assert.equal(etagFor(job.lastModified as string), job.eTag);
});

test("the scenario worlds' responses validate too", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  // The small scenarios; the 100,000-task one takes seconds to build and has the same shapes.
  for (const scenario of ["healthy", "incident", "identity"]) {
    const world = createWorld({ scenario, seed: 3 });
    const check = (operationId: string, method: string, target: string) => {
      const response = call(world, method, target);
      conforms(ajv, operationId, method, target, response);
      return method === "HEAD" || operationId.startsWith("File_Get") ? {} : bodyOf(response);
    };
    check("Account_ListPoolNodeCounts", "GET", "/nodecounts");
    for (const pool of (check("Pool_List", "GET", "/pools").value as Pool[]) ?? []) {
      check("Pool_Get", "GET", `/pools/${pool.id}`);
      for (const node of (
        check("ComputeNode_List", "GET", `/pools/${pool.id}/nodes`).value as ComputeNode[]
      ).slice(0, 2)) {
        check("ComputeNode_Get", "GET", `/pools/${pool.id}/nodes/${node.id}`);
      }
    }
    for (const job of check("Job_List", "GET", "/jobs").value as Job[]) {
      check("Job_Get", "GET", `/jobs/${job.id}`);
      check("Job_GetTaskCounts", "GET", `/jobs/${job.id}/taskcounts`);
      const tasks = check(
        "Task_List",
        "GET",
        `/jobs/${job.id}/tasks?$select=id,state,creationTime,lastModified,executionInfo`,
      ).value as Task[];
      const finished = tasks.filter((task) => task.state === "completed").slice(0, 2);
      for (const task of finished) {
        check("Task_Get", "GET", `/jobs/${job.id}/tasks/${task.id}`);
        const files = check(
          "File_ListFromTask",
          "GET",
          `/jobs/${job.id}/tasks/${task.id}/files?recursive=true`,
        ).value as NodeFile[];
        const stdout = files.find((file) => file.name === "stdout.txt");
        if (stdout) {
          check("File_GetPropertiesFromTask", "HEAD", `/jobs/${job.id}/tasks/${task.id}/files/stdout.txt`);
          check("File_GetFromTask", "GET", `/jobs/${job.id}/tasks/${task.id}/files/stdout.txt`);
        }
      }
    }
  }
});
