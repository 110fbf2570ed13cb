import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { createArmService } from "../../../src/sim/arm/armService.js";
import type { SimRequest, SimResponse, SimService } from "../../../src/sim/http/service.js";
import { SimServiceError } from "../../../src/sim/http/serviceError.js";
import { addApplication } from "../../../src/sim/world/scenarios/identitySetup.js";
import { buildWorld, createWorld, type World } from "../../../src/sim/world/world.js";

// Checks the simulated ARM endpoint against Microsoft's description of it: the 2023-11-01
// BatchManagement Swagger and its official examples (../shared/specs, or BATCHTOP_SPECS_DIR).
// Response bodies are validated with the schema each operation declares and must use only
// properties the Swagger declares (it does not forbid others, so ajv alone would not catch a
// misspelt or mis-cased name); the official example requests must be accepted.

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const specsDir = resolve(repoRoot, process.env.BATCHTOP_SPECS_DIR ?? "../shared/specs");
const management = join(specsDir, "batch-management", "2023-11-01");
const swaggerPath = join(management, "BatchManagement.json");
const available = existsSync(swaggerPath);
const skipReason = `the Batch management specification is not at ${swaggerPath}; set BATCHTOP_SPECS_DIR to the shared specs directory to run these checks`;

type Json = Record<string, unknown>;
type Schema = Json & {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
};
interface Swagger {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { schema?: Schema }> }>
  >;
  definitions: Record<string, Schema>;
}

const swagger: Swagger | undefined = available
  ? (JSON.parse(readFileSync(swaggerPath, "utf8")) as Swagger)
  : undefined;

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat("duration", /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
  ajv.addFormat("arm-id", /^\/subscriptions\//i);
  ajv.addSchema({ $id: "arm.json", definitions: swagger!.definitions });
  return ajv;
}

function definition(ref: string): Schema {
  const found = swagger!.definitions[ref.replace("#/definitions/", "")];
  assert.ok(found, ref);
  return found;
}

/** Properties a schema declares, following $ref and allOf. */
function declared(schema: Schema): { properties: Record<string, Schema>; additional?: Schema } {
  const resolved = schema.$ref ? definition(schema.$ref) : schema;
  const properties: Record<string, Schema> = { ...resolved.properties };
  let additional =
    typeof resolved.additionalProperties === "object" ? resolved.additionalProperties : undefined;
  for (const part of resolved.allOf ?? []) {
    const inner = declared(part);
    Object.assign(properties, inner.properties);
    additional ??= inner.additional;
  }
  return { properties, ...(additional ? { additional } : {}) };
}

/** Paths in `value` the schema does not declare. */
function undeclared(schema: Schema, value: unknown, path = ""): string[] {
  if (Array.isArray(value)) {
    const items = (schema.$ref ? definition(schema.$ref) : schema).items;
    return items ? value.flatMap((item, index) => undeclared(items, item, `${path}/${index}`)) : [];
  }
  if (typeof value !== "object" || value === null) return [];
  const { properties, additional } = declared(schema);
  return Object.entries(value).flatMap(([key, child]) => {
    const childSchema = properties[key] ?? additional;
    return childSchema ? undeclared(childSchema, child, `${path}/${key}`) : [`${path}/${key}`];
  });
}

function operation(operationId: string): { method: string; path: string; schema: Schema } {
  for (const [path, methods] of Object.entries(swagger!.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      if (spec.operationId !== operationId) continue;
      const success = Object.keys(spec.responses).filter((status) => status !== "default");
      const schema = spec.responses[success[0]!]?.schema;
      assert.ok(schema, operationId);
      return { method: method.toUpperCase(), path, schema };
    }
  }
  assert.fail(`${operationId} is not in the Swagger`);
}

function call(service: SimService, method: string, target: string, body?: unknown): SimResponse {
  const url = new URL(target, "https://127.0.0.1:4711");
  if (!url.searchParams.has("api-version")) url.searchParams.set("api-version", "2023-11-01");
  const request: SimRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: {},
    body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "r",
  };
  try {
    return service.handle(request) as SimResponse;
  } catch (error) {
    if (error instanceof SimServiceError) return service.renderError(error, request);
    throw error;
  }
}

function bodyOf(response: SimResponse): Json {
  return (typeof response.body === "string" ? JSON.parse(response.body) : response.body) as Json;
}

/** Checks method, path, status, schema and declared properties of one response to an operation. */
function conforms(
  ajv: Ajv,
  operationId: string,
  method: string,
  target: string,
  response: SimResponse,
): Json {
  const spec = operation(operationId);
  assert.equal(method, spec.method, operationId);
  const template = new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`, "i");
  assert.match(target, template, `${operationId} path`);
  const body = bodyOf(response);
  assert.equal(response.status, 200, `${operationId}: ${JSON.stringify(body).slice(0, 300)}`);
  const validate = ajv.getSchema(`arm.json${spec.schema.$ref}`);
  assert.ok(validate, spec.schema.$ref);
  assert.ok(validate(body), `${operationId}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  assert.deepEqual(
    undeclared(spec.schema, body),
    [],
    `${operationId} uses properties the Swagger does not declare`,
  );
  return body;
}

function errorConforms(ajv: Ajv, response: SimResponse, status: number, code: string): void {
  const validate = ajv.getSchema("arm.json#/definitions/CloudError");
  const body = bodyOf(response);
  assert.ok(validate?.(body), JSON.stringify(validate?.errors));
  assert.deepEqual(undeclared({ $ref: "#/definitions/CloudError" }, body), []);
  assert.deepEqual([response.status, (body.error as Json).code], [status, code]);
}

function example(name: string): Json {
  return JSON.parse(readFileSync(join(management, "examples", `${name}.json`), "utf8")) as Json;
}

function accountPath(world: World): string {
  const { subscriptionId, resourceGroup, name } = world.account();
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Batch/batchAccounts/${name}`;
}

test("accounts, pools and package records validate against the Swagger in every scenario's shape", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const identity = createWorld({ scenario: "identity", seed: 9 });
  // The incident world has pools resizing, stuck on the quota and (later) with resize errors.
  const incident = createWorld({ scenario: "incident", seed: 9 });
  for (const world of [identity, incident]) {
    const service = createArmService(world);
    const account = accountPath(world);
    const { subscriptionId, resourceGroup } = world.account();
    conforms(ajv, "BatchAccount_Get", "GET", account, call(service, "GET", account));
    const bySubscription = `/subscriptions/${subscriptionId}/providers/Microsoft.Batch/batchAccounts`;
    conforms(ajv, "BatchAccount_List", "GET", bySubscription, call(service, "GET", bySubscription));
    const byGroup = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Batch/batchAccounts`;
    conforms(ajv, "BatchAccount_ListByResourceGroup", "GET", byGroup, call(service, "GET", byGroup));
    conforms(
      ajv,
      "Pool_ListByBatchAccount",
      "GET",
      `${account}/pools`,
      call(service, "GET", `${account}/pools`),
    );
    for (const pool of world.listPools()) {
      const path = `${account}/pools/${pool.id}`;
      conforms(ajv, "Pool_Get", "GET", path, call(service, "GET", path));
    }
  }
  incident.advance(30 * 60_000);
  const settled = `${accountPath(incident)}/pools/etl-highmem-e8`;
  const withErrors = conforms(
    ajv,
    "Pool_Get",
    "GET",
    settled,
    call(createArmService(incident), "GET", settled),
  );
  assert.ok(((withErrors.properties as Json).resizeOperationStatus as Json).errors);

  const service = createArmService(identity);
  const account = accountPath(identity);
  const patched = `${account}/pools/identity-2-no-permission`;
  conforms(
    ajv,
    "Pool_Update",
    "PATCH",
    patched,
    call(service, "PATCH", patched, {
      properties: { scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes=2" } } },
    }),
  );
  const accountIdentity = identity.account().identity;
  if (accountIdentity.type === "SystemAssigned") identity.assignStorageRole(accountIdentity.principalId);
  const packagePath = `${account}/applications/etl-tool/versions/2.5.0`;
  conforms(ajv, "ApplicationPackage_Create", "PUT", packagePath, call(service, "PUT", packagePath));
});

test("errors are CloudError bodies", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const world = createWorld({ scenario: "identity", seed: 9 });
  const service = createArmService(world);
  const account = accountPath(world);
  errorConforms(ajv, call(service, "GET", `${account}/pools/nope`), 404, "PoolNotFound");
  errorConforms(ajv, call(service, "GET", `${account}x`), 404, "ResourceNotFound");
  errorConforms(
    ajv,
    call(service, "GET", `${account}?api-version=2020-01-01`),
    400,
    "NoRegisteredProviderFound",
  );
  errorConforms(
    ajv,
    call(service, "PUT", `${account}/applications/etl-tool/versions/9.9`),
    409,
    "AutoStorageNoPermission",
  );
  errorConforms(
    ajv,
    call(service, "PATCH", `${account}/pools/identity-1-ok`, { identity: { type: "UserAssigned" } }),
    400,
    "MissingIdentityIds",
  );
});

/** A world laid out at the official examples' coordinates, with the applications they reference. */
function exampleWorld(parameters: Json): World {
  return buildWorld(
    "examples",
    {
      description: "the official examples' pool",
      leadTimeMs: 0,
      build(builder) {
        addApplication(builder, "app_1234", ["2.0"]);
        addApplication(builder, "app_5678", ["1.0"]);
        builder.addPool({
          id: parameters.poolName as string,
          vmSize: "STANDARD_D4",
          os: "windows",
          dedicatedNodes: 2,
          taskSlotsPerNode: 1,
        });
      },
    },
    {
      accountName: parameters.accountName as string,
      subscriptionId: parameters.subscriptionId as string,
      resourceGroup: parameters.resourceGroupName as string,
    },
  );
}

test("the official Pool_Update example requests are accepted and take effect", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  for (const name of [
    "PoolUpdate_ResizePool",
    "PoolUpdate_EnableAutoScale",
    "PoolUpdate_OtherProperties",
    "PoolUpdate_RemoveStartTask",
  ]) {
    const file = example(name);
    const parameters = file.parameters as Json;
    const world = exampleWorld(parameters);
    const path = `${accountPath(world)}/pools/${parameters.poolName as string}`;
    const request = parameters.parameters as Json;
    const body = conforms(
      ajv,
      "Pool_Update",
      "PATCH",
      path,
      call(createArmService(world), "PATCH", path, request),
    );
    const requested = request.properties as Json;
    const properties = body.properties as Json;
    const pool = world.getPool(parameters.poolName as string)!;
    switch (name) {
      case "PoolUpdate_ResizePool":
        assert.deepEqual(properties.scaleSettings, requested.scaleSettings);
        assert.equal(properties.allocationState, "Resizing");
        break;
      case "PoolUpdate_EnableAutoScale":
        assert.equal(
          ((properties.scaleSettings as Json).autoScale as Json).formula,
          "$TargetDedicatedNodes=34",
        );
        assert.equal(pool.enableAutoScale, true);
        break;
      case "PoolUpdate_OtherProperties": {
        const answer = ((file.responses as Json)["200"] as Json).body as Json;
        const expected = answer.properties as Json;
        for (const key of ["metadata", "certificates", "targetNodeCommunicationMode"]) {
          assert.deepEqual(
            properties[key],
            key === "certificates" ? rebased(expected[key], world) : expected[key],
            key,
          );
        }
        assert.deepEqual(pool.applicationPackageReferences, [
          { applicationId: "app_1234" },
          { applicationId: "app_5678", version: "1.0" },
        ]);
        break;
      }
      case "PoolUpdate_RemoveStartTask":
        assert.equal(properties.startTask, undefined);
        assert.equal(pool.startTask, undefined);
        break;
    }
  }
});

/** Certificate ids in the example name the pool; the provider names them under the account. */
function rebased(certificates: unknown, world: World): unknown {
  return (certificates as Json[]).map((certificate) => ({
    ...certificate,
    id: `${accountPath(world)}/certificates/${(certificate.id as string).split("/").at(-1)!}`,
  }));
}

test("the official example responses validate too, and ours have every property they show", (t) => {
  if (!swagger) return t.skip(skipReason);
  const ajv = createAjv();
  const world = createWorld({ scenario: "identity", seed: 9 });
  const service = createArmService(world);
  const account = accountPath(world);
  const paths = (value: unknown, prefix = ""): string[] =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, child]) => [
          `${prefix}/${key}`,
          ...paths(child, `${prefix}/${key}`),
        ])
      : [];
  const cases: [string, string, string, string[]][] = [
    ["BatchAccountGet", "BatchAccount", account, []],
    [
      "BatchAccountCreate_UserAssignedIdentity",
      "BatchAccount",
      account,
      ["/identity/userAssignedIdentities"],
    ],
    // The example pool autoscales; ours has a fixed size (fixedScale instead of autoScale).
    [
      "PoolCreate_UserAssignedIdentities",
      "Pool",
      `${account}/pools/identity-2-no-permission`,
      ["/properties/scaleSettings/autoScale"],
    ],
  ];
  for (const [name, definitionName, target, differences] of cases) {
    const expected = ((example(name).responses as Json)["200"] as Json).body as Json;
    const validate = ajv.getSchema(`arm.json#/definitions/${definitionName}`)!;
    assert.ok(validate(expected), `${name}: ${JSON.stringify(validate.errors)}`);
    const ours = new Set(paths(bodyOf(call(service, "GET", target))));
    const missing = paths(expected).filter(
      (path) => !ours.has(path) && !differences.some((difference) => path.startsWith(difference)),
    );
    // Identity maps are keyed by resource id, which differ between the example and the demo account.
    assert.deepEqual(
      missing.filter((path) => !path.includes("/userAssignedIdentities/")),
      [],
      name,
    );
  }
});
