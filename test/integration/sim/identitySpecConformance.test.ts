import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createArmService } from "../../../src/sim/arm/armService.js";
import { builtInRoles, readerWithoutRoleAssignments } from "../../../src/sim/world/roleDefinitions.js";
import { createWorld, type World } from "../../../src/sim/world/world.js";
import {
  serviceCaller,
  swaggerChecker,
  type Json,
  type SwaggerChecker,
} from "../../helpers/swaggerConformance.js";

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

/** One checker per Swagger file, each loaded once. */
const checkers = new Map<string, SwaggerChecker>();
function check(file: string): SwaggerChecker {
  let checker = checkers.get(file);
  if (!checker) {
    checker = swaggerChecker(file, { multiSegment: ["scope", "roleAssignmentId", "roleId"] });
    checkers.set(file, checker);
  }
  return checker;
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

test("user-assigned identities validate against the Managed Identity Swagger", (t) => {
  if (!available) return t.skip(skipReason);
  const world = identityWorld();
  const call = serviceCaller(createArmService(world), operator);
  const { subscriptionId, resourceGroup } = world.account();
  const v = "2024-11-30";
  const bySubscription = `/subscriptions/${subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
  const listed = check(msiSwagger).conforms(
    "UserAssignedIdentities_ListBySubscription",
    call("GET", bySubscription, v),
  );
  assert.equal((listed.value as Json[]).length, 3);
  const byGroup = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
  check(msiSwagger).conforms("UserAssignedIdentities_ListByResourceGroup", call("GET", byGroup, v));
  const one = check(msiSwagger).conforms(
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/id-batchtop-nodes`, v),
  );
  assert.equal(one.name, "id-batchtop-nodes");
  check(msiSwagger).errorConforms(
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/nope`, v).response,
    404,
    "ResourceNotFound",
  );
  check(msiSwagger).errorConforms(
    "UserAssignedIdentities_Get",
    call("GET", `${byGroup}/nope`, "2023-11-01").response,
    400,
    "NoRegisteredProviderFound",
  );
});

test("role assignments and definitions validate against the Authorization Swagger, and the filters select as ARM does", (t) => {
  if (!available) return t.skip(skipReason);
  const world = identityWorld();
  const call = serviceCaller(createArmService(world), operator);
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

  const atStorage = check(assignmentsSwagger).conforms(
    "RoleAssignments_ListForScope",
    list(storage, "atScope()"),
  );
  // id-batchtop-nodes on the storage account, and the two sign-ins inherited from the subscription.
  assert.equal((atStorage.value as Json[]).length, 3);
  const atSubscription = check(assignmentsSwagger).conforms(
    "RoleAssignments_ListForScope",
    list(subscription, "atScope()"),
  );
  assert.deepEqual(
    principals(atSubscription).sort(),
    [operator, restricted].sort(),
    "atScope() leaves out what is below",
  );
  const everything = check(assignmentsSwagger).conforms("RoleAssignments_ListForScope", list(subscription));
  assert.equal((everything.value as Json[]).length, 3, "no filter: below the scope too");
  const nodes = world
    .identityDirectory()
    .list()
    .find((identity) => identity.resourceId.endsWith("/id-batchtop-nodes"))!;
  const mine = check(assignmentsSwagger).conforms(
    "RoleAssignments_ListForScope",
    list(subscription, `principalId eq '${nodes.principalId}'`),
  );
  assert.deepEqual(principals(mine), [nodes.principalId]);
  check(assignmentsSwagger).errorConforms(
    "RoleAssignments_ListForScope",
    list(storage, "roleName eq 'Owner'").response,
    400,
    "UnsupportedQuery",
  );

  const definition = check(definitionsSwagger).conforms(
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
    check(definitionsSwagger).conforms(
      "RoleDefinitions_Get",
      call("GET", `${subscription}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`, v),
    );
  }
  check(definitionsSwagger).errorConforms(
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
  const created = check(assignmentsSwagger).conforms(
    "RoleAssignments_Create",
    call("PUT", path, v, body),
    201,
  );
  assert.equal((created.properties as Json).scope, storage);
  assert.equal(world.identityDirectory().hasStorageRole(etl.principalId), true);
  check(assignmentsSwagger).conforms("RoleAssignments_Get", call("GET", path, v));
  check(assignmentsSwagger).errorConforms(
    "RoleAssignments_Create",
    call("PUT", path, v, body).response,
    409,
    "RoleAssignmentExists",
  );
  check(assignmentsSwagger).conforms("RoleAssignments_Delete", call("DELETE", path, v));
  assert.equal(world.identityDirectory().hasStorageRole(etl.principalId), false);
  assert.equal(call("DELETE", path, v).response.status, 204);
});

test("a caller whose role leaves out roleAssignments/read is refused with AuthorizationFailed; it still reads the rest", (t) => {
  if (!available) return t.skip(skipReason);
  const world = identityWorld();
  const call = serviceCaller(createArmService(world), restricted);
  const account = world.account();
  const storage = `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.storageAccountName}`;
  const refused = call(
    "GET",
    `${storage}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`,
    "2022-04-01",
  ).response;
  const refusal = check(assignmentsSwagger).errorConforms(
    "RoleAssignments_ListForScope",
    refused,
    403,
    "AuthorizationFailed",
  );
  const message = (refusal.error as Json).message as string;
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
  const nobody = serviceCaller(createArmService(world), "")(
    "GET",
    `${storage}/providers/Microsoft.Authorization/roleAssignments`,
    "2022-04-01",
  );
  assert.equal(nobody.response.status, 403);
});
