import { test } from "node:test";
import assert from "node:assert/strict";
import { ArmError } from "../../../../src/sim/arm/armErrors.js";
import { parsePoolPatch, type PatchContext } from "../../../../src/sim/arm/armPoolPatch.js";
import type { ManagedIdentity } from "../../../../src/sim/world/identityDirectory.js";

const identityId = (name: string) =>
  `/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const known: ManagedIdentity[] = ["id-nodes", "id-etl"].map((name) => ({
  resourceId: identityId(name),
  clientId: `client-${name}`,
  principalId: `principal-${name}`,
}));
const context: PatchContext = {
  poolResourceId:
    "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/demo/pools/etl",
  findIdentity: (resourceId) =>
    known.find((identity) => identity.resourceId.toLowerCase() === resourceId.toLowerCase()),
};

const parse = (body: unknown) => parsePoolPatch(Buffer.from(JSON.stringify(body)), context);

function refusedWith(body: unknown, status: number, code: string): void {
  assert.throws(
    () => (typeof body === "string" ? parsePoolPatch(Buffer.from(body), context) : parse(body)),
    (error: unknown) => error instanceof ArmError && error.statusCode === status && error.code === code,
  );
}

test("the identities given are the whole new set, found case-insensitively", () => {
  const update = parse({
    identity: { type: "UserAssigned", userAssignedIdentities: { [identityId("ID-ETL")]: {} } },
  });
  assert.deepEqual(update, { identities: [known[1]] });
  // A null value leaves an identity out, as a merge patch would remove it.
  const withNull = parse({
    identity: {
      type: "userassigned",
      userAssignedIdentities: { [identityId("id-nodes")]: {}, [identityId("id-etl")]: null },
    },
  });
  assert.deepEqual(withNull.identities, [known[0]]);
  assert.deepEqual(parse({ identity: { type: "None" } }), { identities: [] });
});

test("an empty or unknown identity set is refused as ARM refuses it", () => {
  refusedWith({ identity: { type: "UserAssigned" } }, 400, "MissingIdentityIds");
  refusedWith({ identity: { type: "UserAssigned", userAssignedIdentities: {} } }, 400, "MissingIdentityIds");
  refusedWith(
    { identity: { type: "UserAssigned", userAssignedIdentities: { [identityId("nope")]: {} } } },
    400,
    "FailedIdentityOperation",
  );
  refusedWith({ identity: { type: "SystemAssigned" } }, 400, "InvalidRequestContent");
});

test("fixed and automatic scale settings read into the world's casing; one of the two, not both", () => {
  assert.deepEqual(
    parse({
      properties: {
        scaleSettings: {
          fixedScale: {
            targetDedicatedNodes: 5,
            targetLowPriorityNodes: 0,
            resizeTimeout: "PT8M",
            nodeDeallocationOption: "TaskCompletion",
          },
        },
      },
    }).scale,
    {
      kind: "fixed",
      resize: {
        targetDedicatedNodes: 5,
        targetLowPriorityNodes: 0,
        resizeTimeout: "PT8M",
        nodeDeallocationOption: "taskcompletion",
      },
    },
  );
  assert.deepEqual(
    parse({ properties: { scaleSettings: { autoScale: { formula: "$TargetDedicatedNodes=34" } } } }).scale,
    {
      kind: "auto",
      formula: "$TargetDedicatedNodes=34",
    },
  );
  refusedWith({ properties: { scaleSettings: {} } }, 400, "InvalidRequestContent");
  refusedWith(
    {
      properties: { scaleSettings: { fixedScale: { targetDedicatedNodes: 1 }, autoScale: { formula: "x" } } },
    },
    400,
    "InvalidRequestContent",
  );
  refusedWith(
    { properties: { scaleSettings: { fixedScale: { resizeTimeout: "PT8M" } } } },
    400,
    "InvalidRequestContent",
  );
  refusedWith(
    { properties: { scaleSettings: { fixedScale: { targetDedicatedNodes: "5" } } } },
    400,
    "InvalidRequestContent",
  );
});

test("metadata, packages, certificates, communication mode and start task removal", () => {
  const update = parse({
    properties: {
      metadata: [{ name: "key1", value: "value1" }],
      applicationPackages: [
        {
          id: "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/demo/applications/app_5678",
          version: "1.0",
        },
      ],
      certificates: [{ id: ".../certificates/sha1-1234567", storeLocation: "LocalMachine", storeName: "MY" }],
      targetNodeCommunicationMode: "Simplified",
      startTask: {},
    },
  });
  assert.deepEqual(update, {
    metadata: [{ name: "key1", value: "value1" }],
    applicationPackageReferences: [{ applicationId: "app_5678", version: "1.0" }],
    certificateReferences: [
      {
        thumbprintAlgorithm: "sha1",
        thumbprint: "1234567",
        storeLocation: "localmachine",
        storeName: "MY",
        visibility: ["starttask", "task", "remoteuser"],
      },
    ],
    targetNodeCommunicationMode: "simplified",
    startTask: null,
  });
  assert.deepEqual(
    parse({ properties: { startTask: { commandLine: "echo hi", maxTaskRetryCount: 2 } } }).startTask,
    {
      commandLine: "echo hi",
      maxTaskRetryCount: 2,
    },
  );
});

test("read-only envelope members are ignored; anything the demo does not model is refused by name", () => {
  assert.deepEqual(parse({ id: "x", name: "etl", type: "t", etag: 'W/"1"' }), {});
  refusedWith({ properties: { vmSize: "standard_d8s_v3" } }, 400, "NotSupported");
  refusedWith({ properties: { startTask: { commandLine: "x", resourceFiles: [] } } }, 400, "NotSupported");
  refusedWith({ location: "westeurope" }, 400, "NotSupported");
  refusedWith("{not json", 400, "InvalidRequestContent");
  refusedWith([], 400, "InvalidRequestContent");
});
