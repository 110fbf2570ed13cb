import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createAzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { AzureRequestError, describeAzureError } from "../../../src/azure/azureError.js";
import type { PoolManagement } from "../../../src/azure/poolManagement.js";
import type { PoolManager } from "../../../src/azure/poolManager.js";
import { identitySetUnion } from "../../../src/model/poolIdentity.js";
import { measure } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";
import type { SimAccount } from "../../helpers/simAdapters.js";

// batchtop's ARM adapters against the demo account's identity scenario: managed identity
// autostorage, and four pools with different identity sets.

let account: SimAccount;
let management: PoolManagement;
let manager: PoolManager;

before(async () => {
  account = await startManagedSimAccount({ scenario: "identity", seed: 2, readOnly: false });
  assert.ok(account.adapters.poolManagement && account.adapters.poolManager);
  management = account.adapters.poolManagement;
  manager = account.adapters.poolManager;
});
after(() => account.sim.stop());

const identityId = (name: string) =>
  `/subscriptions/${account.sim.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${account.sim.env.AZURE_RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("the account: autostorage through its managed identity, the node identity reference, its own identity", async () => {
  const info = await management.getAccount();
  assert.equal(info.name, account.sim.env.AZURE_BATCH_ACCOUNT);
  assert.equal(info.autoStorage?.authenticationMode, "BatchAccountManagedIdentity");
  assert.equal(info.autoStorage?.nodeIdentityResourceId, identityId("id-batchtop-nodes"));
  assert.match(info.autoStorage?.storageAccountId ?? "", /\/storageAccounts\/stbatchtopdemo$/);
  assert.equal(info.identity.type, "SystemAssigned");
  assert.match(info.identity.principalId ?? "", GUID);
  assert.deepEqual(info.identity.userAssignedIdentities, []);
});

test("pools: each identity set with client and principal ids, scale settings and allocation state", async () => {
  const pools = await management.listPools();
  const dataPlane = await account.adapters.reader.listPools();
  assert.deepEqual(pools.map((pool) => pool.id).sort(), dataPlane.map((pool) => pool.id).sort());
  for (const pool of pools) {
    const same = dataPlane.find((candidate) => candidate.id === pool.id);
    assert.equal(pool.identities.length, same?.identityCount, pool.id);
    assert.equal(pool.allocationState, same?.allocationState, "both views spell states alike");
    assert.equal(pool.scale.mode, "fixed");
    if (pool.scale.mode === "fixed")
      assert.equal(pool.scale.targetDedicatedNodes, same?.targetDedicatedNodes);
    assert.ok(pool.etag);
  }
  const noPermission = pools.find((pool) => pool.id === "identity-2-no-permission");
  const etl = noPermission?.identities.find(
    (identity) => identity.resourceId === identityId("id-batchtop-etl"),
  );
  assert.match(etl?.clientId ?? "", GUID);
  assert.match(etl?.principalId ?? "", GUID);
});

test("attaching an identity sends the union: the pool keeps its set plus the new one, in both planes", async () => {
  const { sim } = account;
  const before = await management.getPool("identity-4-not-on-pool");
  assert.deepEqual(
    before.identities.map((identity) => identity.resourceId),
    [identityId("id-batchtop-keyvault")],
  );
  const union = identitySetUnion(
    before.identities.map((identity) => identity.resourceId),
    [identityId("id-batchtop-nodes")],
  );
  const traffic = await measure(sim, () =>
    manager.setPoolIdentities("identity-4-not-on-pool", union, { etag: before.etag }),
  );
  assert.deepEqual(
    traffic.requests.map((entry) => [entry.method, entry.status]),
    [["PATCH", 200]],
    "one PATCH, sent once",
  );
  const expected = [identityId("id-batchtop-keyvault"), identityId("id-batchtop-nodes")];
  assert.deepEqual(
    traffic.result.identities.map((identity) => identity.resourceId),
    expected,
  );

  const reread = await management.getPool("identity-4-not-on-pool");
  assert.deepEqual(
    reread.identities.map((identity) => identity.resourceId),
    expected,
  );
  assert.ok(reread.identities.every((identity) => GUID.test(identity.clientId ?? "")));
  assert.deepEqual(
    sim.world.getPool("identity-4-not-on-pool")?.identity?.userAssignedIdentities?.map((id) => id.resourceId),
    expected,
    "the data plane sees the same set",
  );
  const [dataPlane] = (await account.adapters.reader.listPools()).filter(
    (pool) => pool.id === "identity-4-not-on-pool",
  );
  assert.equal(dataPlane?.identityCount, 2);
  assert.deepEqual(dataPlane?.identityNames, ["id-batchtop-keyvault", "id-batchtop-nodes"], "by name");

  // The etag read before the change no longer matches: a plan made on old data is refused.
  await assert.rejects(
    manager.setPoolIdentities("identity-4-not-on-pool", [identityId("id-batchtop-keyvault")], {
      etag: before.etag,
    }),
    (error: unknown) => error instanceof AzureRequestError && error.statusCode === 412,
  );
});

test("fixed scale starts a resize; a second one is refused in the service's own words", async () => {
  const resized = await manager.setScaleSettings("identity-1-ok", {
    mode: "fixed",
    targetDedicatedNodes: 3,
    targetSpotNodes: 0,
    resizeTimeoutMinutes: 20,
    nodeDeallocationOption: "taskcompletion",
  });
  assert.equal(resized.allocationState, "resizing");
  assert.equal(resized.resizeOperation?.targetDedicatedNodes, 3);
  assert.equal(resized.resizeOperation?.nodeDeallocationOption, "taskcompletion");
  assert.deepEqual(resized.scale, {
    mode: "fixed",
    targetDedicatedNodes: 3,
    targetSpotNodes: 0,
    resizeTimeoutMinutes: 20,
    nodeDeallocationOption: "taskcompletion",
  });
  assert.equal(
    (await account.adapters.reader.listPools()).find((p) => p.id === "identity-1-ok")?.allocationState,
    "resizing",
  );

  await assert.rejects(
    manager.setScaleSettings("identity-1-ok", { mode: "fixed", targetDedicatedNodes: 1, targetSpotNodes: 0 }),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      // The first line only: ARM relays the service's RequestId and Time lines after it.
      assert.equal(
        describeAzureError(error),
        "HTTP 409 PoolBeingResized: The specified pool is being resized",
      );
      return true;
    },
  );
});

test("an autoscale formula turns autoscale on; fixed targets turn it off again", async () => {
  const auto = await manager.setScaleSettings("identity-3-not-referenced", {
    mode: "auto",
    formula: "$TargetDedicatedNodes=4",
    evaluationIntervalMinutes: 10,
  });
  assert.deepEqual(auto.scale, {
    mode: "auto",
    formula: "$TargetDedicatedNodes=4",
    evaluationIntervalMinutes: 10,
  });
  assert.equal(account.sim.world.getPool("identity-3-not-referenced")?.enableAutoScale, true);
  const fixed = await manager.setScaleSettings("identity-3-not-referenced", {
    mode: "fixed",
    targetDedicatedNodes: 4,
    targetSpotNodes: 0,
  });
  assert.equal(fixed.scale.mode, "fixed");
  assert.equal(account.sim.world.getPool("identity-3-not-referenced")?.enableAutoScale, false);
});

test("the SDK does not retry on its own: a 429 reaches batchtop's throttle after one request", async () => {
  const { sim, credential } = account;
  const once = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    readOnly: true,
    transport: { ca: sim.certificates.caPem },
    ...simTargets(sim),
    throttle: { maxAttempts: 1 },
  });
  // The token is fetched (and cached) first, so the fault answers the ARM request itself.
  await once.poolManagement?.getPool("identity-1-ok");
  sim.faults.injectNext("throttle", 1, 7);
  const traffic = await measure(sim, () =>
    once.poolManagement!.getPool("identity-1-ok").then(
      () => assert.fail("the 429 should reach the caller"),
      (error: unknown) => error,
    ),
  );
  assert.equal(traffic.count, 1);
  assert.ok(traffic.result instanceof AzureRequestError);
  assert.equal(traffic.result.statusCode, 429);
  assert.equal(traffic.result.retryAfterMs, 7000);
  assert.equal(once.throttles.arm?.state().blockedBy, "throttled");
});
