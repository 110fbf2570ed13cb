import { test } from "node:test";
import assert from "node:assert/strict";
import { armAccount } from "../../../../src/sim/arm/armAccount.js";
import { resourceTypeOf } from "../../../../src/sim/arm/armPaths.js";
import { armPool } from "../../../../src/sim/arm/armPool.js";
import type { PoolManagementDetails } from "../../../../src/sim/world/managementWorld.js";
import type { AccountConfig } from "../../../../src/sim/world/accountConfig.js";
import { makePool } from "../../../helpers/batchEntities.js";

// One pool, two views: the world's data-plane pool rendered in ARM's shape and casing.

const account: AccountConfig = {
  name: "demo",
  url: "https://127.0.0.1:4711",
  subscriptionId: "sub",
  resourceGroup: "rg",
  location: "West Europe",
  dedicatedCoreQuota: 20,
  lowPriorityCoreQuota: 10,
  storageAccountName: "stdemo",
  autoStorage: {
    authenticationMode: "StorageKeys",
    nodeIdentityReference: undefined,
    lastKeySync: "2024-04-01T00:00:00.000Z",
  },
  identity: { type: "None" },
};
const accountId = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/demo";
const identityId =
  "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-nodes";
const status: PoolManagementDetails = {
  lastResizeStart: "2024-05-01T09:00:00.000Z",
  nodeDeallocationOption: "taskcompletion",
  targetNodeCommunicationMode: undefined,
};

type Json = Record<string, unknown>;
const properties = (body: object) => (body as { properties: Json }).properties;

test("a pool has ARM's envelope: resource id, type, weak ETag, properties and identity", () => {
  const body = armPool(account, makePool("etl"), status) as Json;
  assert.equal(body.id, `${accountId}/pools/etl`);
  assert.equal(body.name, "etl");
  assert.equal(body.type, "Microsoft.Batch/batchAccounts/pools");
  assert.equal(body.etag, 'W/"0x8DC1F2A3B4C5D60"');
  assert.deepEqual(body.identity, { type: "None" });
  const props = properties(body);
  assert.equal(props.provisioningState, "Succeeded");
  assert.equal(props.allocationState, "Steady");
  assert.equal(props.interNodeCommunication, "Disabled");
  assert.equal(props.currentDedicatedNodes, 2);
});

test("user-assigned identities are keyed by resource id with principal and client ids", () => {
  const pool = makePool("etl", {
    identity: {
      type: "UserAssigned",
      userAssignedIdentities: [{ resourceId: identityId, principalId: "p-1", clientId: "c-1" }],
    },
  });
  assert.deepEqual((armPool(account, pool, status) as Json).identity, {
    type: "UserAssigned",
    userAssignedIdentities: { [identityId]: { principalId: "p-1", clientId: "c-1" } },
  });
});

test("a fixed size is fixedScale, a formula autoScale; the resize status carries capitalised options", () => {
  const fixed = properties(armPool(account, makePool("etl", { targetDedicatedNodes: 3 }), status));
  assert.deepEqual(fixed.scaleSettings, {
    fixedScale: {
      targetDedicatedNodes: 3,
      targetLowPriorityNodes: 0,
      resizeTimeout: "PT15M",
      nodeDeallocationOption: "TaskCompletion",
    },
  });
  assert.deepEqual(fixed.resizeOperationStatus, {
    targetDedicatedNodes: 3,
    targetLowPriorityNodes: 0,
    resizeTimeout: "PT15M",
    nodeDeallocationOption: "TaskCompletion",
    startTime: "2024-05-01T09:00:00.000Z",
  });
  const auto = properties(
    armPool(
      account,
      makePool("etl", {
        enableAutoScale: true,
        autoScaleFormula: "$TargetDedicatedNodes=1",
        autoScaleEvaluationInterval: "PT5M",
      }),
      status,
    ),
  );
  assert.deepEqual(auto.scaleSettings, {
    autoScale: { formula: "$TargetDedicatedNodes=1", evaluationInterval: "PT5M" },
  });
});

test("resize errors show once the pool is steady again, as the Swagger describes", () => {
  const errors = [
    { code: "AccountCoreQuotaReached", message: "The specified account has reached VM core quota" },
  ];
  const steady = properties(armPool(account, makePool("etl", { resizeErrors: errors }), status));
  assert.deepEqual((steady.resizeOperationStatus as Json).errors, errors);
  const resizing = properties(
    armPool(account, makePool("etl", { allocationState: "resizing", resizeErrors: errors }), status),
  );
  assert.equal(resizing.allocationState, "Resizing");
  assert.equal((resizing.resizeOperationStatus as Json).errors, undefined);
});

test("packages, certificates, image and scheduling use ARM's names and ids", () => {
  const pool = makePool("etl", {
    applicationPackageReferences: [
      { applicationId: "etl-tool", version: "2.4.0" },
      { applicationId: "app_1234" },
    ],
    certificateReferences: [
      { thumbprint: "1234567", thumbprintAlgorithm: "sha1", storeLocation: "localmachine", storeName: "MY" },
    ],
    virtualMachineConfiguration: {
      imageReference: { publisher: "canonical" },
      nodeAgentSKUId: "batch.node.ubuntu 22.04",
    },
    taskSchedulingPolicy: { nodeFillType: "pack" },
  });
  const props = properties(armPool(account, pool, { ...status, targetNodeCommunicationMode: "simplified" }));
  assert.deepEqual(props.applicationPackages, [
    { id: `${accountId}/applications/etl-tool`, version: "2.4.0" },
    { id: `${accountId}/applications/app_1234` },
  ]);
  assert.deepEqual(props.certificates, [
    {
      id: `${accountId}/certificates/sha1-1234567`,
      storeLocation: "LocalMachine",
      storeName: "MY",
      visibility: ["StartTask", "Task", "RemoteUser"],
    },
  ]);
  assert.deepEqual(props.deploymentConfiguration, {
    virtualMachineConfiguration: {
      imageReference: { publisher: "canonical" },
      nodeAgentSkuId: "batch.node.ubuntu 22.04",
    },
  });
  assert.deepEqual(props.taskSchedulingPolicy, { nodeFillType: "Pack" });
  assert.equal(props.targetNodeCommunicationMode, "Simplified");
});

test("an account shows its endpoint without scheme, its region ARM-style and its autostorage settings", () => {
  const keys = armAccount(account) as Json;
  assert.equal(keys.id, accountId);
  assert.equal(keys.location, "westeurope");
  assert.deepEqual(keys.identity, { type: "None" });
  const props = properties(keys);
  assert.equal(props.accountEndpoint, "127.0.0.1:4711");
  assert.deepEqual(props.autoStorage, {
    storageAccountId:
      "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdemo",
    authenticationMode: "StorageKeys",
    lastKeySync: "2024-04-01T00:00:00.000Z",
  });

  const managed = armAccount({
    ...account,
    autoStorage: {
      ...account.autoStorage,
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityReference: identityId,
    },
    identity: { type: "SystemAssigned", principalId: "p-acct", tenantId: "t-1" },
  }) as Json;
  assert.deepEqual(managed.identity, { type: "SystemAssigned", principalId: "p-acct", tenantId: "t-1" });
  const autoStorage = properties(managed).autoStorage as Json;
  assert.equal(autoStorage.authenticationMode, "BatchAccountManagedIdentity");
  assert.deepEqual(autoStorage.nodeIdentityReference, { resourceId: identityId });
});

test("api-version errors name the resource type the path addresses", () => {
  assert.equal(resourceTypeOf(`${accountId}/pools/etl`), "batchAccounts/pools");
  assert.equal(
    resourceTypeOf(`${accountId}/applications/app/versions/1.0`),
    "batchAccounts/applications/versions",
  );
  assert.equal(resourceTypeOf("/subscriptions/sub/providers/Microsoft.Batch/batchAccounts"), "batchAccounts");
  assert.equal(resourceTypeOf("/subscriptions/sub/resourceGroups/rg"), "batchAccounts");
});
