import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { createArmService } from "../../../src/sim/arm/armService.js";
import type { SimRequest, SimResponse, SimService } from "../../../src/sim/http/service.js";
import { SimServiceError } from "../../../src/sim/http/serviceError.js";
import { builtInRoles, readerWithoutRoleAssignments } from "../../../src/sim/world/roleDefinitions.js";
import { createWorld, type World } from "../../../src/sim/world/world.js";

// Checks the demo account's Microsoft.ManagedIdentity (2024-11-30) and Microsoft.Authorization
// (2022-04-01) answers against Microsoft's Swagger for them (../shared/specs, or
// BATCHTOP_SPECS_DIR): each response body validates against the schema its operation declares and
// uses only declared properties; errors are the declared error shape.

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const specsDir = resolve(repoRoot, process.env.BATCHTOP_SPECS_DIR ?? "../shared/specs");
const msiSwagger = join(
  specsDir,
  "managed-identity/2024-11-30/msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2024-11-30/ManagedIdentity.json",
);
const authorizationDir = join(
  specsDir,
  "authorization/2022-04-01/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01",
);
const assignmentsSwagger = join(authorizationDir, "authorization-RoleAssignmentsCalls.json");
const definitionsSwagger = join(authorizationDir, "authorization-RoleDefinitionsCalls.json");
const available = [msiSwagger, assignmentsSwagger, definitionsSwagger].every((path) => existsSync(path));
const skipReason = `the Managed Identity and Authorization specifications are not under ${specsDir}; set BATCHTOP_SPECS_DIR to the shared specs directory to run these checks`;

type Json = Record<string, unknown>;
type Schema = Json & {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
};
interface Operation {
  operationId: string;
  responses: Record<string, { schema?: Schema }>;
}
type Swagger = Json & {
  paths?: Record<string, Record<string, Operation>>;
  "x-ms-paths"?: Record<string, Record<string, Operation>>;
};

/** Every file a $ref reaches, loaded once, keyed by file URL. */
const documents = new Map<string, Swagger>();

function load(url: string): Swagger {
  let document = documents.get(url);
  if (!document) {
    document = JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as Swagger;
    documents.set(url, document);
    // Follow the file's own external refs, so ajv knows every schema before compiling.
    const refs = JSON.stringify(document).match(/"\$ref":"[^"#]+\.json#/g) ?? [];
    for (const ref of refs) {
      const file = ref.slice('"$ref":"'.length, -1);
      load(new URL(file, url).href);
    }
  }
  return document;
}

/** The schema a `$ref` names, from the file `base` it appears in; with the file it lives in. */
function resolveRef(ref: string, base: string): { schema: Schema; base: string } {
  const [file, pointer = ""] = ref.split("#");
  const url = file ? new URL(file, base).href : base;
  let node: unknown = load(url);
  for (const part of pointer.split("/").filter(Boolean)) node = (node as Json)[part];
  assert.ok(node, `${ref} from ${base}`);
  return { schema: node as Schema, base: url };
}

/** Properties a schema declares, following $ref and allOf across files. */
function declared(
  schema: Schema,
  base: string,
): {
  properties: Record<string, { schema: Schema; base: string }>;
  additional?: { schema: Schema; base: string };
} {
  const resolved = schema.$ref ? resolveRef(schema.$ref, base) : { schema, base };
  const properties: Record<string, { schema: Schema; base: string }> = {};
  for (const [key, value] of Object.entries(resolved.schema.properties ?? {}))
    properties[key] = { schema: value, base: resolved.base };
  let additional =
    typeof resolved.schema.additionalProperties === "object"
      ? { schema: resolved.schema.additionalProperties, base: resolved.base }
      : undefined;
  for (const part of resolved.schema.allOf ?? []) {
    const inner = declared(part, resolved.base);
    for (const [key, value] of Object.entries(inner.properties)) properties[key] ??= value;
    additional ??= inner.additional;
  }
  return { properties, ...(additional ? { additional } : {}) };
}

/** Paths in `value` the schema does not declare (the Swagger does not forbid extra properties). */
function undeclared(schema: Schema, base: string, value: unknown, path = ""): string[] {
  if (Array.isArray(value)) {
    const resolved = schema.$ref ? resolveRef(schema.$ref, base) : { schema, base };
    const items = resolved.schema.items;
    return items
      ? value.flatMap((item, index) => undeclared(items, resolved.base, item, `${path}/${index}`))
      : [];
  }
  if (typeof value !== "object" || value === null) return [];
  const { properties, additional } = declared(schema, base);
  return Object.entries(value).flatMap(([key, child]) => {
    const found = properties[key] ?? additional;
    return found ? undeclared(found.schema, found.base, child, `${path}/${key}`) : [`${path}/${key}`];
  });
}

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat("arm-id", /^\//);
  for (const file of [msiSwagger, assignmentsSwagger, definitionsSwagger]) load(pathToFileURL(file).href);
  for (const [url, document] of documents) ajv.addSchema(document, url);
  return ajv;
}

function operation(
  file: string,
  operationId: string,
): { method: string; path: string; schemas: Record<string, Schema> } {
  const swagger = load(pathToFileURL(file).href);
  for (const [path, methods] of Object.entries({ ...swagger.paths, ...swagger["x-ms-paths"] })) {
    for (const [method, spec] of Object.entries(methods)) {
      if (spec.operationId !== operationId) continue;
      const schemas: Record<string, Schema> = {};
      for (const [status, response] of Object.entries(spec.responses))
        if (response.schema) schemas[status] = response.schema;
      return { method: method.toUpperCase(), path: path.replace(/\?.*$/, ""), schemas };
    }
  }
  assert.fail(`${operationId} is not in ${file}`);
}

function bodyOf(response: SimResponse): unknown {
  return typeof response.body === "string" ? JSON.parse(response.body) : response.body;
}

/** Checks method, path template, status, schema and declared properties of one response. */
function conforms(
  ajv: Ajv,
  file: string,
  operationId: string,
  call: { method: string; target: string; response: SimResponse },
  status = 200,
): Json {
  const spec = operation(file, operationId);
  assert.equal(call.method, spec.method, operationId);
  const template = new RegExp(
    `^${spec.path.replace(/\{scope\}|\{roleAssignmentId\}|\{roleId\}/g, ".+").replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`,
    "i",
  );
  assert.match(`/${call.target.replace(/^\/+/, "")}`, template, `${operationId} path`);
  const body = bodyOf(call.response) as Json;
  assert.equal(call.response.status, status, `${operationId}: ${JSON.stringify(body).slice(0, 300)}`);
  const schema = spec.schemas[String(status)];
  assert.ok(schema?.$ref, `${operationId} ${status}`);
  const base = pathToFileURL(file).href;
  const validate = ajv.getSchema(new URL(schema.$ref, base).href);
  assert.ok(validate, schema.$ref);
  assert.ok(validate(body), `${operationId}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  assert.deepEqual(
    undeclared(schema, base, body),
    [],
    `${operationId} uses properties the Swagger does not declare`,
  );
  return body;
}

function errorConforms(
  ajv: Ajv,
  file: string,
  operationId: string,
  response: SimResponse,
  status: number,
  code: string,
): void {
  const schema = operation(file, operationId).schemas.default;
  assert.ok(schema?.$ref);
  const base = pathToFileURL(file).href;
  const validate = ajv.getSchema(new URL(schema.$ref, base).href);
  const body = bodyOf(response) as Json;
  assert.ok(validate?.(body), JSON.stringify(validate?.errors));
  assert.deepEqual(undeclared(schema, base, body), []);
  assert.deepEqual([response.status, (body.error as Json).code], [status, code]);
}

const operator = "0f0e0d0c-0000-4000-8000-00000000000a";
const restricted = "0f0e0d0c-0000-4000-8000-00000000000b";

/** The identity world with the two demo sign-ins the simulator adds: an Owner and the restricted reader. */
function identityWorld(): World {
  const world = createWorld({ scenario: "identity", seed: 9 });
  const scope = `/subscriptions/${world.account().subscriptionId}`;
  for (const [principalId, role] of [
    [operator, builtInRoles.owner],
    [restricted, readerWithoutRoleAssignments],
  ] as const) {
    world.identityDirectory().assignRole({
      scope,
      roleDefinitionName: role.name,
      principalId,
      principalType: "ServicePrincipal",
      createdOn: world.now().toISOString(),
    });
  }
  return world;
}

function caller(service: SimService, principalId: string) {
  return (method: string, target: string, apiVersion: string, body?: unknown) => {
    const url = new URL(target, "https://127.0.0.1:4711");
    url.searchParams.set("api-version", apiVersion);
    const request: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: {},
      body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
      baseUrl: "https://127.0.0.1:4711",
      requestId: "r",
      caller: { principalId },
    };
    let response: SimResponse;
    try {
      response = service.handle(request) as SimResponse;
    } catch (error) {
      if (!(error instanceof SimServiceError)) throw error;
      response = service.renderError(error, request);
    }
    return { method, target, response };
  };
}

test("user-assigned identities validate against the Managed Identity Swagger", (t) => {
  if (!available) return t.skip(skipReason);
  const ajv = createAjv();
  const world = identityWorld();
  const call = caller(createArmService(world), operator);
  const { subscriptionId, resourceGroup } = world.account();
  const v = "2024-11-30";
  const bySubscription = `/subscriptions/${subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
  const listed = conforms(
    ajv,
    msiSwagger,
    "UserAssignedIdentities_ListBySubscription",
    call("GET", bySubscription, v),
  );
  assert.equal((listed.value as Json[]).length, 3);
  const byGroup = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
  conforms(ajv, msiSwagger, "UserAssignedIdentities_ListByResourceGroup", call("GET", byGroup, v));
  const one = conforms(
    ajv,
    msiSwagger,
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/id-batchtop-nodes`, v),
  );
  assert.equal(one.name, "id-batchtop-nodes");
  errorConforms(
    ajv,
    msiSwagger,
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/nope`, v).response,
    404,
    "ResourceNotFound",
  );
  errorConforms(
    ajv,
    msiSwagger,
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/nope`, "2023-11-01").response,
    400,
    "NoRegisteredProviderFound",
  );
});

test("role assignments and definitions validate against the Authorization Swagger, and the filters select as ARM does", (t) => {
  if (!available) return t.skip(skipReason);
  const ajv = createAjv();
  const world = identityWorld();
  const call = caller(createArmService(world), operator);
  const account = world.account();
  const v = "2022-04-01";
  const subscription = `/subscriptions/${account.subscriptionId}`;
  const storage = `${subscription}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.storageAccountName}`;
  const list = (scope: string, filter?: string) =>
    call(
      "GET",
      `${scope}/providers/Microsoft.Authorization/roleAssignments${filter === undefined ? "" : `?$filter=${encodeURIComponent(filter)}`}`,
      v,
    );
  const principals = (body: Json) =>
    (body.value as Json[]).map((item) => (item.properties as Json).principalId);

  const atStorage = conforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_ListForScope",
    list(storage, "atScope()"),
  );
  // id-batchtop-nodes on the storage account, and the two sign-ins inherited from the subscription.
  assert.equal((atStorage.value as Json[]).length, 3);
  const atSubscription = conforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_ListForScope",
    list(subscription, "atScope()"),
  );
  assert.deepEqual(
    principals(atSubscription).sort(),
    [operator, restricted].sort(),
    "atScope() leaves out what is below",
  );
  const everything = conforms(ajv, assignmentsSwagger, "RoleAssignments_ListForScope", list(subscription));
  assert.equal((everything.value as Json[]).length, 3, "no filter: below the scope too");
  const nodes = world
    .identityDirectory()
    .list()
    .find((identity) => identity.resourceId.endsWith("/id-batchtop-nodes"))!;
  const mine = conforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_ListForScope",
    list(subscription, `principalId eq '${nodes.principalId}'`),
  );
  assert.deepEqual(principals(mine), [nodes.principalId]);
  errorConforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_ListForScope",
    list(storage, "roleName eq 'Owner'").response,
    400,
    "UnsupportedQuery",
  );

  const definition = conforms(
    ajv,
    definitionsSwagger,
    "RoleDefinitions_Get",
    call(
      "GET",
      `${storage}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles.storageBlobDataReader.name}`,
      v,
    ),
  );
  assert.equal((definition.properties as Json).roleName, "Storage Blob Data Reader");
  for (const role of [
    builtInRoles.reader,
    builtInRoles.contributor,
    builtInRoles.storageBlobDataContributor,
  ]) {
    conforms(
      ajv,
      definitionsSwagger,
      "RoleDefinitions_Get",
      call("GET", `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`, v),
    );
  }
  errorConforms(
    ajv,
    definitionsSwagger,
    "RoleDefinitions_Get",
    call(
      "GET",
      `${subscription}/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-000000000000`,
      v,
    ).response,
    404,
    "RoleDefinitionDoesNotExist",
  );

  // Create, read, refuse the duplicate, delete; the storage role then heals the pool's identity.
  const etl = world
    .identityDirectory()
    .list()
    .find((identity) => identity.resourceId.endsWith("/id-batchtop-etl"))!;
  const name = "6f1c2b7e-5d0a-4c1e-9a35-2b1f0e4d7c11";
  const path = `${storage}/providers/Microsoft.Authorization/roleAssignments/${name}`;
  const body = {
    properties: {
      roleDefinitionId: `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles.storageBlobDataReader.name}`,
      principalId: etl.principalId,
      principalType: "ServicePrincipal",
    },
  };
  assert.equal(world.identityDirectory().hasStorageRole(etl.principalId), false);
  const created = conforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_Create",
    call("PUT", path, v, body),
    201,
  );
  assert.equal((created.properties as Json).scope, storage);
  assert.equal(world.identityDirectory().hasStorageRole(etl.principalId), true);
  conforms(ajv, assignmentsSwagger, "RoleAssignments_Get", call("GET", path, v));
  errorConforms(
    ajv,
    assignmentsSwagger,
    "RoleAssignments_Create",
    call("PUT", path, v, body).response,
    409,
    "RoleAssignmentExists",
  );
  conforms(ajv, assignmentsSwagger, "RoleAssignments_Delete", call("DELETE", path, v));
  assert.equal(world.identityDirectory().hasStorageRole(etl.principalId), false);
  assert.equal(call("DELETE", path, v).response.status, 204);
});

test("a caller whose role leaves out roleAssignments/read is refused with AuthorizationFailed; it still reads the rest", (t) => {
  if (!available) return t.skip(skipReason);
  const ajv = createAjv();
  const world = identityWorld();
  const call = caller(createArmService(world), restricted);
  const account = world.account();
  const storage = `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.storageAccountName}`;
  const refused = call(
    "GET",
    `${storage}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`,
    "2022-04-01",
  ).response;
  errorConforms(ajv, assignmentsSwagger, "RoleAssignments_ListForScope", refused, 403, "AuthorizationFailed");
  const message = ((bodyOf(refused) as Json).error as Json).message as string;
  assert.equal(
    message,
    `The client '${restricted}' with object id '${restricted}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '${storage}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
  const write = call(
    "PUT",
    `${storage}/providers/Microsoft.Authorization/roleAssignments/6f1c2b7e-5d0a-4c1e-9a35-2b1f0e4d7c12`,
    "2022-04-01",
    {},
  );
  assert.equal(write.response.status, 403);
  const identities = call(
    "GET",
    `/subscriptions/${account.subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
    "2024-11-30",
  );
  assert.equal(identities.response.status, 200);
  const definition = call(
    "GET",
    `${storage}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles.owner.name}`,
    "2022-04-01",
  );
  assert.equal(definition.response.status, 200);
  // A request the listener did not authenticate names no one and is refused.
  const nobody = caller(createArmService(world), "")(
    "GET",
    `${storage}/providers/Microsoft.Authorization/roleAssignments`,
    "2022-04-01",
  );
  assert.equal(nobody.response.status, 403);
});
