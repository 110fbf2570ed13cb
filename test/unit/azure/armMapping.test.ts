import { test } from "node:test";
import assert from "node:assert/strict";
import type { Pool } from "@azure/arm-batch";
import { toArmPoolIdentity, toArmScaleSettings, toManagedPool } from "../../../src/azure/armMapping.js";

const nodes =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-nodes";
const etl =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etl";

test("the identity PATCH carries the whole set; an empty set is type None", () => {
  assert.deepEqual(toArmPoolIdentity([nodes, etl]), {
    type: "UserAssigned",
    userAssignedIdentities: { [nodes]: {}, [etl]: {} },
  });
  assert.deepEqual(toArmPoolIdentity([]), { type: "None" });
});

test("scale settings: fixed with ARM's enum spelling and an ISO timeout, or autoscale alone", () => {
  assert.deepEqual(
    toArmScaleSettings({
      mode: "fixed",
      targetDedicatedNodes: 0,
      targetSpotNodes: 2,
      resizeTimeoutMinutes: 30,
      nodeDeallocationOption: "retaineddata",
    }),
    {
      fixedScale: {
        targetDedicatedNodes: 0,
        targetLowPriorityNodes: 2,
        resizeTimeout: "PT30M",
        nodeDeallocationOption: "RetainedData",
      },
    },
  );
  assert.deepEqual(toArmScaleSettings({ mode: "fixed", targetDedicatedNodes: 1, targetSpotNodes: 0 }), {
    fixedScale: { targetDedicatedNodes: 1, targetLowPriorityNodes: 0 },
  });
  assert.deepEqual(toArmScaleSettings({ mode: "auto", formula: "$TargetDedicatedNodes=2" }), {
    autoScale: { formula: "$TargetDedicatedNodes=2" },
  });
});

test("a pool in ARM's shape becomes the model's, in the data plane's spelling", () => {
  const pool: Pool = {
    name: "etl",
    etag: 'W/"0x1"',
    vmSize: "standard_d2s_v3",
    allocationState: "Resizing",
    currentDedicatedNodes: 1,
    identity: { type: "UserAssigned", userAssignedIdentities: { [nodes]: {} } },
    applicationPackages: [
      {
        id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/applications/etl-tool",
        version: "2.4.0",
      },
    ],
    lastModified: new Date("2026-12-07T10:00:00Z"),
    scaleSettings: { autoScale: { formula: "f", evaluationInterval: "PT5M" } },
    resizeOperationStatus: {
      targetDedicatedNodes: 3,
      nodeDeallocationOption: "TaskCompletion",
      errors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
    },
  };
  assert.deepEqual(toManagedPool(pool), {
    id: "etl",
    resourceId: "",
    etag: 'W/"0x1"',
    vmSize: "standard_d2s_v3",
    allocationState: "resizing",
    currentDedicatedNodes: 1,
    currentSpotNodes: 0,
    identities: [{ resourceId: nodes }],
    applicationPackages: ["etl-tool"],
    lastModified: new Date("2026-12-07T10:00:00Z"),
    scale: { mode: "auto", formula: "f", evaluationIntervalMinutes: 5 },
    resizeOperation: {
      targetDedicatedNodes: 3,
      targetSpotNodes: 0,
      nodeDeallocationOption: "taskcompletion",
      errors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
    },
  });
  assert.deepEqual(toManagedPool({ name: "bare" }).identities, [], "type None: no identities");
});
