import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BatchAccount, Pool } from "@azure/arm-batch";
import { isRestError, type RestError } from "@azure/core-rest-pipeline";
import { RestError as BatchRestError } from "@azure/ms-rest-js";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";
import {
  createArmClient,
  demoClients,
  identityResourceId,
  type DemoClients,
} from "../../helpers/demoClients.js";

// The demo account's ARM endpoint driven by the real @azure/arm-batch BatchManagementClient over
// HTTPS with managed identity tokens, next to the @azure/batch data plane serving the same pools.

let sim: Simulator;
let clients: DemoClients;

before(async () => {
  sim = await startSimulator({
    scenario: "identity",
    seed: 2,
    speed: 0,
    storage: false,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
  clients = demoClients(sim);
});
after(() => sim.stop());

const identityId = (name: string) => identityResourceId(sim, name);

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/** A promise that must reject with an ARM error of this status and code. */
async function refused(promise: Promise<unknown>, status: number, code: string): Promise<RestError> {
  let caught: unknown;
  await promise.catch((error: unknown) => (caught = error));
  // isRestError, not instanceof: @azure/arm-batch may carry its own copy of the pipeline package.
  assert.ok(isRestError(caught), `expected a RestError, got ${String(caught)}`);
  assert.equal(caught.statusCode, status, caught.message);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

function checkAccount(account: BatchAccount): void {
  assert.equal(account.name, clients.accountName);
  assert.equal(account.type, "Microsoft.Batch/batchAccounts");
  assert.equal(account.accountEndpoint, new URL(sim.env.AZURE_BATCH_ENDPOINT).host);
  assert.equal(account.autoStorage?.authenticationMode, "BatchAccountManagedIdentity");
  assert.equal(account.autoStorage?.nodeIdentityReference?.resourceId, identityId("id-batchtop-nodes"));
  assert.match(
    account.autoStorage?.storageAccountId ?? "",
    /\/providers\/Microsoft\.Storage\/storageAccounts\/stbatchtopdemo$/,
  );
  assert.equal(account.identity?.type, "SystemAssigned");
  assert.match(account.identity?.principalId ?? "", /^[0-9a-f-]{36}$/);
}

test("batch accounts: get, list by subscription and by resource group, with autostorage and identity", async () => {
  const { arm, resourceGroup, accountName } = clients;
  checkAccount(await arm.batchAccountOperations.get(resourceGroup, accountName));
  const bySubscription = await all(arm.batchAccountOperations.list());
  assert.equal(bySubscription.length, 1);
  checkAccount(bySubscription[0]!);
  const byGroup = await all(arm.batchAccountOperations.listByResourceGroup(resourceGroup));
  assert.deepEqual(byGroup, bySubscription);
});

test("pools: listed and read through ARM are the data plane's pools in ARM's shape", async () => {
  const { arm, batch, resourceGroup, accountName } = clients;
  const listed = await all(arm.poolOperations.listByBatchAccount(resourceGroup, accountName));
  const dataPlane = await batch.pool.list();
  assert.deepEqual(listed.map((pool) => pool.name).sort(), dataPlane.map((pool) => pool.id).sort());
  // maxresults pages; the SDK follows nextLink to the same list.
  const paged = await all(
    arm.poolOperations.listByBatchAccount(resourceGroup, accountName, { maxresults: 1 }),
  );
  assert.deepEqual(
    paged.map((pool) => pool.name),
    listed.map((pool) => pool.name),
  );

  const pool = await arm.poolOperations.get(resourceGroup, accountName, "identity-2-no-permission");
  const same = await batch.pool.get("identity-2-no-permission");
  assert.equal(pool.type, "Microsoft.Batch/batchAccounts/pools");
  assert.equal(pool.etag, `W/"${same.eTag}"`);
  assert.equal(pool.allocationState, "Steady");
  assert.deepEqual(pool.scaleSettings?.fixedScale?.targetDedicatedNodes, same.targetDedicatedNodes);
  assert.equal(pool.resizeOperationStatus?.nodeDeallocationOption, "Requeue");
  assert.deepEqual(
    Object.keys(pool.identity?.userAssignedIdentities ?? {}),
    same.identity?.userAssignedIdentities?.map((identity) => identity.resourceId),
  );
  const etl = pool.identity?.userAssignedIdentities?.[identityId("id-batchtop-etl")];
  assert.match(etl?.principalId ?? "", /^[0-9a-f-]{36}$/);
  assert.match(etl?.clientId ?? "", /^[0-9a-f-]{36}$/);
});

test("PATCH identity: the identities sent replace the whole set, and the data plane sees the same", async () => {
  const { arm, batch, resourceGroup, accountName } = clients;
  const before = await arm.poolOperations.get(resourceGroup, accountName, "identity-2-no-permission");
  assert.equal(Object.keys(before.identity?.userAssignedIdentities ?? {}).length, 2);
  const etag = before.etag;
  assert.ok(etag, "ARM answers a pool with its ETag");
  // id-batchtop-nodes is left out of the PATCH, so it is removed.
  const updated = await arm.poolOperations.update(
    resourceGroup,
    accountName,
    "identity-2-no-permission",
    { identity: { type: "UserAssigned", userAssignedIdentities: { [identityId("id-batchtop-etl")]: {} } } },
    { ifMatch: etag },
  );
  assert.deepEqual(Object.keys(updated.identity?.userAssignedIdentities ?? {}), [
    identityId("id-batchtop-etl"),
  ]);
  assert.notEqual(updated.etag, before.etag);
  const dataPlane = await batch.pool.get("identity-2-no-permission");
  assert.deepEqual(
    dataPlane.identity?.userAssignedIdentities?.map((identity) => identity.resourceId),
    [identityId("id-batchtop-etl")],
  );
  // The old ETag no longer matches.
  await refused(
    arm.poolOperations.update(
      resourceGroup,
      accountName,
      "identity-2-no-permission",
      { identity: { type: "None" } },
      { ifMatch: etag },
    ),
    412,
    "ConditionNotMet",
  );
  await refused(
    arm.poolOperations.update(resourceGroup, accountName, "identity-2-no-permission", {
      identity: { type: "UserAssigned", userAssignedIdentities: { [identityId("id-nobody")]: {} } },
    }),
    400,
    "FailedIdentityOperation",
  );
});

test("PATCH fixedScale resizes the world pool, refused while it resizes, as the data-plane resize is", async () => {
  const { arm, batch, resourceGroup, accountName } = clients;
  const grown: Pool = await arm.poolOperations.update(resourceGroup, accountName, "identity-1-ok", {
    scaleSettings: { fixedScale: { targetDedicatedNodes: 3, nodeDeallocationOption: "TaskCompletion" } },
  });
  assert.equal(grown.allocationState, "Resizing");
  assert.equal(grown.resizeOperationStatus?.targetDedicatedNodes, 3);
  assert.equal(grown.resizeOperationStatus?.nodeDeallocationOption, "TaskCompletion");
  assert.equal((await batch.pool.get("identity-1-ok")).allocationState, "resizing");

  const again = await refused(
    arm.poolOperations.update(resourceGroup, accountName, "identity-1-ok", {
      scaleSettings: { fixedScale: { targetDedicatedNodes: 1 } },
    }),
    409,
    "PoolBeingResized",
  );
  assert.match(again.message, /^The specified pool is being resized\nRequestId:/);
  await assert.rejects(batch.pool.resize("identity-1-ok", { targetDedicatedNodes: 1 }), (error: unknown) => {
    assert.ok(error instanceof BatchRestError);
    assert.equal(error.code, "PoolBeingResized");
    return true;
  });

  for (
    let minute = 0;
    minute < 30 && (await batch.pool.get("identity-1-ok")).allocationState !== "steady";
    minute++
  ) {
    sim.world.advance(60_000);
  }
  const steady = await arm.poolOperations.get(resourceGroup, accountName, "identity-1-ok");
  assert.equal(steady.allocationState, "Steady");
  assert.equal(steady.currentDedicatedNodes, 3);
});

test("PATCH autoScale turns on automatic scaling with the formula; fixedScale turns it off again", async () => {
  const { arm, batch, resourceGroup, accountName } = clients;
  const auto = await arm.poolOperations.update(resourceGroup, accountName, "identity-3-not-referenced", {
    scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes=4", evaluationInterval: "PT10M" } },
  });
  assert.deepEqual(auto.scaleSettings, {
    autoScale: { formula: "$TargetDedicatedNodes=4", evaluationInterval: "PT10M" },
  });
  const dataPlane = await batch.pool.get("identity-3-not-referenced");
  assert.equal(dataPlane.enableAutoScale, true);
  assert.equal(dataPlane.autoScaleFormula, "$TargetDedicatedNodes=4");
  await assert.rejects(batch.pool.resize("identity-3-not-referenced", { targetDedicatedNodes: 1 }));

  const fixed = await arm.poolOperations.update(resourceGroup, accountName, "identity-3-not-referenced", {
    scaleSettings: { fixedScale: { targetDedicatedNodes: 4 } },
  });
  assert.equal(fixed.scaleSettings?.fixedScale?.targetDedicatedNodes, 4);
  assert.equal((await batch.pool.get("identity-3-not-referenced")).enableAutoScale, false);
});

test("not found: the pool (relayed from the service), the account and the resource group", async () => {
  const { arm, resourceGroup, accountName } = clients;
  const pool = await refused(arm.poolOperations.get(resourceGroup, accountName, "nope"), 404, "PoolNotFound");
  assert.match(pool.message, /^The specified pool does not exist\./);
  await refused(arm.batchAccountOperations.get(resourceGroup, "otheraccount"), 404, "ResourceNotFound");
  await refused(all(arm.batchAccountOperations.listByResourceGroup("rg-nope")), 404, "ResourceGroupNotFound");
  await refused(
    all(arm.poolOperations.listByBatchAccount(resourceGroup, "otheraccount")),
    404,
    "ParentResourceNotFound",
  );
});

test("an api-version the provider does not serve is a 400 naming the ones it does", async () => {
  const old = createArmClient(sim, clients.credential, { apiVersion: "2021-01-01" });
  const error = await refused(
    old.batchAccountOperations.get(clients.resourceGroup, clients.accountName),
    400,
    "NoRegisteredProviderFound",
  );
  assert.match(error.message, /The supported api-versions are '2023-11-01'/);
});

test("a token for another audience is refused with ARM's 401", async () => {
  const batchScoped = createArmClient(sim, clients.credential, {
    scope: "https://batch.core.windows.net//.default",
  });
  const error = await refused(
    batchScoped.batchAccountOperations.get(clients.resourceGroup, clients.accountName),
    401,
    "InvalidAuthenticationTokenAudience",
  );
  assert.match(
    error.response?.headers.get("www-authenticate") ?? "",
    /^Bearer authorization_uri="https:\/\/login\.windows\.net\/"/,
  );
});

test("an application package upload without a storage role on autostorage is 409 AutoStorageNoPermission", async () => {
  const { arm, resourceGroup, accountName } = clients;
  const error = await refused(
    arm.applicationPackageOperations.create(resourceGroup, accountName, "etl-tool", "2.5.0"),
    409,
    "AutoStorageNoPermission",
  );
  assert.equal(
    error.message,
    "The managed identity does not have permission to access auto storage account. Please use Azure RBAC to assign the managed identity access to auto storage.",
  );
  assert.deepEqual((error.details as { error: { target: string } }).error.target, "BatchAccount");

  // Granting the account's identity a role on the storage account (Azure RBAC) fixes it.
  const account = await arm.batchAccountOperations.get(resourceGroup, accountName);
  sim.world.assignStorageRole(account.identity!.principalId!);
  const created = await arm.applicationPackageOperations.create(
    resourceGroup,
    accountName,
    "etl-tool",
    "2.5.0",
  );
  assert.equal(created.name, "2.5.0");
  assert.equal(created.state, "Pending");
  assert.match(created.storageUrl ?? "", /^https:\/\/stbatchtopdemo\.blob\.core\.windows\.net\//);
});
