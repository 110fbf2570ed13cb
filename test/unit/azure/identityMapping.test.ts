import { test } from "node:test";
import assert from "node:assert/strict";
import {
  resourceGroupOf,
  roleDefinitionLocation,
  toManagedIdentityInfo,
  toRoleAssignmentFact,
} from "../../../src/azure/identityMapping.js";

const identityId =
  "/subscriptions/sub/resourceGroups/rg-etl/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etl";

test("an identity keeps its resource id, name, group, location and ids; one without an id is left out", () => {
  assert.deepEqual(
    toManagedIdentityInfo({
      id: identityId,
      name: "id-etl",
      location: "westeurope",
      clientId: "c",
      principalId: "p",
      tenantId: "t",
    }),
    {
      resourceId: identityId,
      name: "id-etl",
      resourceGroup: "rg-etl",
      location: "westeurope",
      clientId: "c",
      principalId: "p",
    },
  );
  assert.deepEqual(toManagedIdentityInfo({ id: identityId, location: "x" }), {
    resourceId: identityId,
    name: "id-etl",
    resourceGroup: "rg-etl",
    location: "x",
  });
  assert.equal(toManagedIdentityInfo({ name: "orphan", location: "x" }), undefined);
  assert.equal(resourceGroupOf("/subscriptions/s/resourcegroups/RG/providers/x"), "RG");
});

test("names from the service are neutralised before they reach the screen", () => {
  const info = toManagedIdentityInfo({
    id: identityId,
    name: "id\u001b]52;c;aGk=\u0007-etl\u202e",
    location: "x",
  });
  assert.equal(info?.name, "id-etl");
  const fact = toRoleAssignmentFact(
    { principalId: "p", roleDefinitionId: "/r/roleDefinitions/1", scope: "/s" },
    new Map([["/r/roledefinitions/1", "Storage\u001b[2J Blob Data Reader\n"]]),
  );
  assert.equal(fact?.roleName, "Storage Blob Data Reader ");
});

test("where a role definition is read: its own scope, or the assignment's when the id is tenant-level", () => {
  assert.deepEqual(
    roleDefinitionLocation(
      "/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
      "/fallback",
    ),
    { scope: "/subscriptions/sub", name: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1" },
  );
  assert.deepEqual(
    roleDefinitionLocation("/providers/Microsoft.Authorization/roleDefinitions/abc", "/subscriptions/s/x"),
    { scope: "/subscriptions/s/x", name: "abc" },
  );
  assert.equal(roleDefinitionLocation("/subscriptions/sub/providers/Other/thing", "/f"), undefined);
  assert.equal(
    roleDefinitionLocation("/providers/Microsoft.Authorization/roleDefinitions/", "/f"),
    undefined,
  );
});

test("an assignment carries its role's name when it was read (ids compare without case); none without principal or role", () => {
  const names = new Map([
    ["/subscriptions/s/providers/microsoft.authorization/roledefinitions/abc", "Reader"],
  ]);
  assert.deepEqual(
    toRoleAssignmentFact(
      {
        principalId: "p",
        roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/ABC",
        scope: "/subscriptions/s",
      },
      names,
    ),
    {
      principalId: "p",
      roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/ABC",
      roleName: "Reader",
      scope: "/subscriptions/s",
    },
  );
  assert.equal(
    toRoleAssignmentFact({ principalId: "p", roleDefinitionId: "/x/roleDefinitions/zzz", scope: "/s" }, names)
      ?.roleName,
    undefined,
  );
  assert.equal(toRoleAssignmentFact({ roleDefinitionId: "/x", scope: "/s" }, names), undefined);
  assert.equal(toRoleAssignmentFact({ principalId: "p", scope: "/s" }, names), undefined);
});
