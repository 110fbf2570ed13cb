import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ManagedIdentityCredential } from "@azure/identity";
import {
  createIdentityClients,
  createIdentityReader,
  type IdentityReader,
} from "../../../src/azure/identityReader.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import type { RoleAssignmentsSeen } from "../../../src/model/identities.js";
import { measure, type SimAccount } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";

// The identity reads through the real @azure/arm-msi and @azure/arm-authorization clients against
// the demo account's identity scenario: the user-assigned identities, and who holds which role on
// the autostorage account. A second caller without roleAssignments/read meets ARM's 403.

let account: SimAccount;
let reader: IdentityReader;

before(async () => {
  account = await startManagedSimAccount({ scenario: "identity", seed: 2, readOnly: false });
  assert.ok(account.adapters.identityReader, "built with an ARM target");
  reader = account.adapters.identityReader;
});
after(() => account.sim.stop());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function storageScope(): string {
  const { subscriptionId, resourceGroup } = account.sim.world.account();
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.sim.world.account().storageAccountName}`;
}

function principalOf(name: string): string {
  const found = account.sim.world
    .identityDirectory()
    .list()
    .find((identity) => identity.resourceId.endsWith(`/${name}`));
  assert.ok(found, name);
  return found.principalId;
}

function rolesOf(seen: RoleAssignmentsSeen, principalId: string): (string | undefined)[] {
  assert.equal(seen.kind, "read");
  return seen.kind === "read"
    ? seen.assignments.filter((fact) => fact.principalId === principalId).map((fact) => fact.roleName)
    : [];
}

test("the subscription's user-assigned identities, with their client and principal ids", async () => {
  const identities = await reader.listUserAssignedIdentities();
  const { subscriptionId, resourceGroup, location } = account.sim.world.account();
  assert.deepEqual(identities.map((identity) => identity.name).sort(), [
    "id-batchtop-etl",
    "id-batchtop-keyvault",
    "id-batchtop-nodes",
  ]);
  for (const identity of identities) {
    assert.equal(
      identity.resourceId,
      `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`,
    );
    assert.equal(identity.resourceGroup, resourceGroup);
    assert.equal(identity.location, location.replace(/\s+/g, "").toLowerCase());
    assert.match(identity.clientId ?? "", GUID);
    assert.equal(identity.principalId, principalOf(identity.name));
  }
});

test("on the autostorage account only id-batchtop-nodes holds a storage role; each role definition is read once", async () => {
  const { result: seen, requests } = await measure(account.sim, () =>
    reader.roleAssignmentsAt(storageScope()),
  );
  assert.equal(seen.kind, "read");
  assert.equal(seen.scope, storageScope());
  assert.deepEqual(rolesOf(seen, principalOf("id-batchtop-nodes")), ["Storage Blob Data Reader"]);
  for (const name of ["id-batchtop-etl", "id-batchtop-keyvault"])
    assert.deepEqual(rolesOf(seen, principalOf(name)), [], name);
  const system = account.sim.world.account().identity;
  assert.equal(system.type, "SystemAssigned");
  if (system.type === "SystemAssigned") assert.deepEqual(rolesOf(seen, system.principalId), []);
  // atScope() includes what is inherited: the two demo sign-ins' roles on the subscription.
  assert.deepEqual(rolesOf(seen, account.sim.issuer.principalId), ["Owner"]);
  assert.deepEqual(rolesOf(seen, account.sim.issuer.restrictedReader.principalId), [
    "batchtop demo reader without role assignments",
  ]);
  const nodes =
    seen.kind === "read"
      ? seen.assignments.find((fact) => fact.roleName === "Storage Blob Data Reader")
      : undefined;
  assert.equal(nodes?.scope, storageScope());
  assert.match(
    nodes?.roleDefinitionId ?? "",
    /\/providers\/Microsoft\.Authorization\/roleDefinitions\/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1$/,
  );

  const definitionReads = requests.filter((entry) => /roleDefinitions/i.test(entry.path));
  assert.equal(definitionReads.length, 3, "Storage Blob Data Reader, Owner and the custom role, once each");
  const list = requests.find((entry) => /roleAssignments$/i.test(entry.path));
  assert.match(decodeURIComponent(list?.query ?? ""), /\$filter=atScope\(\)/);
  assert.ok(requests.every((entry) => entry.method === "GET" && entry.status === 200));
});

test("a role granted on the storage account shows in the next read", async () => {
  const etl = principalOf("id-batchtop-etl");
  account.sim.world.assignStorageRole(etl);
  assert.deepEqual(rolesOf(await reader.roleAssignmentsAt(storageScope()), etl), [
    "Storage Blob Data Reader",
  ]);
});

test("a caller without roleAssignments/read gets unreadable with ARM's reason, not an empty list", async () => {
  const credential = new ManagedIdentityCredential({
    clientId: account.sim.issuer.restrictedReader.clientId,
  });
  const { arm } = simTargets(account.sim);
  const throttle = new AccountThrottle();
  const restricted = createIdentityReader(
    createIdentityClients({
      endpoint: arm.endpoint,
      subscriptionId: arm.subscriptionId,
      credential,
      transport: { ca: account.sim.certificates.caPem },
      readOnly: true,
    }),
    throttle,
  );
  const seen = await restricted.roleAssignmentsAt(storageScope());
  assert.equal(seen.kind, "unreadable");
  if (seen.kind !== "unreadable") return;
  assert.equal(seen.status, 403);
  assert.equal(seen.scope, storageScope());
  assert.match(
    seen.reason,
    /^AuthorizationFailed: The client '[0-9a-f-]+' with object id '[0-9a-f-]+' does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/read' over scope '\/subscriptions\/.+\/storageAccounts\/stbatchtopdemo'/,
  );
  assert.equal(throttle.state().lastError, undefined, "a refusal is not an outage of ARM");
  // The same caller may still list the identities: it reads everything else.
  assert.equal((await restricted.listUserAssignedIdentities()).length, 3);
});

test("role definitions that cannot be read leave the role unnamed", async () => {
  const directory = account.sim.world.identityDirectory();
  directory.assignRole({
    scope: storageScope(),
    roleDefinitionName: "00000000-0000-4000-8000-00000000dead",
    principalId: principalOf("id-batchtop-keyvault"),
    principalType: "ServicePrincipal",
    createdOn: account.sim.world.now().toISOString(),
  });
  const seen = await reader.roleAssignmentsAt(storageScope());
  assert.deepEqual(rolesOf(seen, principalOf("id-batchtop-keyvault")), [undefined]);
});
