import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assignmentsFor,
  authorizationPath,
  parseAssignmentFilter,
} from "../../../../src/sim/arm/routes/authorizationRoutes.js";
import { providerOf, resourceTypeOf } from "../../../../src/sim/arm/armPaths.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { IdentityDirectory, scopeCovers } from "../../../../src/sim/world/identityDirectory.js";
import {
  builtInRoles,
  findRoleByName,
  grantsAction,
  readerWithoutRoleAssignments,
} from "../../../../src/sim/world/roleDefinitions.js";

const subscription = "/subscriptions/s";
const group = `${subscription}/resourceGroups/rg`;
const storage = `${group}/providers/Microsoft.Storage/storageAccounts/st`;
const at = "2026-11-22T03:00:00.000Z";

function directory(): IdentityDirectory {
  const made = new IdentityDirectory(storage);
  made.add({
    resourceId: `${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a`,
    clientId: "ca",
    principalId: "pa",
  });
  return made;
}

test("a scope covers itself and what is below it, without regard to case", () => {
  assert.ok(scopeCovers(subscription, storage));
  assert.ok(scopeCovers(group.toUpperCase(), storage));
  assert.ok(scopeCovers(storage, storage));
  assert.ok(!scopeCovers(storage, group));
  assert.ok(!scopeCovers("/subscriptions/s/resourceGroups/r", "/subscriptions/s/resourceGroups/rg"));
});

test("blob read comes from the storage data roles, at the account or above it; Owner and Contributor give none", () => {
  const made = directory();
  for (const role of [builtInRoles.owner, builtInRoles.contributor, builtInRoles.reader]) {
    made.assignRole({
      scope: subscription,
      roleDefinitionName: role.name,
      principalId: "pa",
      principalType: "ServicePrincipal",
      createdOn: at,
    });
  }
  assert.equal(made.hasStorageRole("pa"), false);
  made.assignRole({
    scope: group,
    roleDefinitionName: builtInRoles.storageBlobDataContributor.name,
    principalId: "PA",
    principalType: "ServicePrincipal",
    createdOn: at,
  });
  assert.equal(made.hasStorageRole("pa"), true, "inherited from the resource group");
  assert.deepEqual(
    [...made.storageReaders()],
    [`${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a`.toLowerCase()],
  );
  const other = directory();
  other.assignRole({
    scope: `${group}/providers/Microsoft.Storage/storageAccounts/elsewhere`,
    roleDefinitionName: builtInRoles.storageBlobDataOwner.name,
    principalId: "pa",
    principalType: "ServicePrincipal",
    createdOn: at,
  });
  assert.equal(other.hasStorageRole("pa"), false, "a role on another account does not reach this one");
});

test("assignments: a duplicate is not made twice; removal is by name at its scope", () => {
  const made = directory();
  made.assignStorageRole("pa", at);
  const again = made.assignRole({
    scope: storage.toUpperCase(),
    roleDefinitionName: builtInRoles.storageBlobDataReader.name.toUpperCase(),
    principalId: "pa",
    principalType: "ServicePrincipal",
    createdOn: at,
  });
  assert.equal(again.created, false);
  assert.equal(made.roleAssignments().length, 1);
  const name = made.roleAssignments()[0]!.name;
  assert.equal(made.removeRoleAssignment(group, name), undefined, "not at that scope");
  assert.equal(made.removeRoleAssignment(storage, name)?.principalId, "pa");
  assert.equal(made.hasStorageRole("pa"), false);
});

test("control-plane actions: wildcards and notActions, as RBAC evaluates them", () => {
  const read = "Microsoft.Authorization/roleAssignments/read";
  assert.ok(grantsAction(builtInRoles.reader, read));
  assert.ok(!grantsAction(readerWithoutRoleAssignments, read));
  assert.ok(
    grantsAction(readerWithoutRoleAssignments, "Microsoft.ManagedIdentity/userAssignedIdentities/read"),
  );
  assert.ok(!grantsAction(builtInRoles.contributor, "Microsoft.Authorization/roleAssignments/write"));
  assert.ok(grantsAction(builtInRoles.owner, "Microsoft.Authorization/roleAssignments/write"));
  assert.ok(!grantsAction(builtInRoles.storageBlobDataReader, read));
  assert.equal(findRoleByName("storage blob data reader")?.name, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
  const made = directory();
  made.assignRole({
    scope: subscription,
    roleDefinitionName: readerWithoutRoleAssignments.name,
    principalId: "op",
    principalType: "ServicePrincipal",
    createdOn: at,
  });
  assert.ok(!made.permits("op", read, storage));
  assert.ok(made.permits("op", "Microsoft.Storage/storageAccounts/read", storage));
  assert.ok(!made.permits("someone-else", "Microsoft.Storage/storageAccounts/read", storage));
});

test("list filters: atScope() is at or above; principalId eq is that principal at, above and below; others refused", () => {
  const made = directory();
  made.assignRole({
    scope: subscription,
    roleDefinitionName: builtInRoles.owner.name,
    principalId: "op",
    principalType: "ServicePrincipal",
    createdOn: at,
  });
  made.assignStorageRole("pa", at);
  const records = made.roleAssignments();
  const principals = (scope: string, filter: string | null) =>
    assignmentsFor(records, scope, parseAssignmentFilter(filter)).map((record) => record.principalId);
  assert.deepEqual(principals(storage, "atScope()"), ["op", "pa"]);
  assert.deepEqual(principals(subscription, "atScope()"), ["op"]);
  assert.deepEqual(principals(subscription, null), ["op", "pa"]);
  assert.deepEqual(principals(subscription, "principalId eq 'PA'"), ["pa"]);
  assert.deepEqual(principals(subscription, "atScope() and principalId eq 'pa'"), []);
  for (const bad of ["roleName eq 'Owner'", "atScope() and atScope()", "principalId eq pa"]) {
    assert.throws(
      () => parseAssignmentFilter(bad),
      (error: unknown) =>
        error instanceof SimServiceError && error.statusCode === 400 && error.code === "UnsupportedQuery",
      bad,
    );
  }
});

test("paths: the provider and scope of a Microsoft.Authorization path, however deep, and api-versions by provider", () => {
  assert.deepEqual(authorizationPath(`/${storage}/providers/Microsoft.Authorization/roleAssignments`), {
    scope: storage,
    collection: "roleassignments",
  });
  assert.deepEqual(
    authorizationPath(`${subscription}/providers/microsoft.authorization/roleDefinitions/abc`),
    {
      scope: subscription,
      collection: "roledefinitions",
      name: "abc",
    },
  );
  assert.equal(authorizationPath(`${storage}/blobServices/default`), undefined);
  assert.equal(
    providerOf(`${storage}/providers/Microsoft.Authorization/roleAssignments`),
    "microsoft.authorization",
  );
  assert.equal(
    providerOf(`${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`),
    "microsoft.managedidentity",
  );
  assert.equal(providerOf(subscription), "microsoft.batch");
  assert.equal(
    resourceTypeOf(`${storage}/providers/Microsoft.Authorization/roleAssignments/x`),
    "roleAssignments",
  );
});
