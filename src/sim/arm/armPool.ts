// A pool as ARM shows it (Pool in the 2023-11-01 Swagger), derived from the same world pool the data
// plane serves: one pool, two views. ARM wraps settings in `properties`, capitalises enums
// (`Steady`, `Requeue`), groups the size into `scaleSettings`, keys user-assigned identities by
// resource id, names application packages and certificates by resource id and calls the pool's
// state its provisioning state.

import type { CertificateReference, Pool } from "../world/entities.js";
import type { PoolManagementDetails } from "../world/managementWorld.js";
import type { AccountConfig } from "../world/accountConfig.js";
import { accountResourceId, poolResourceId } from "./armPaths.js";

const allocationStates = { steady: "Steady", resizing: "Resizing", stopping: "Stopping" } as const;

export const armDeallocationOptions = {
  requeue: "Requeue",
  terminate: "Terminate",
  taskcompletion: "TaskCompletion",
  retaineddata: "RetainedData",
} as const;

export const armStoreLocations = { currentuser: "CurrentUser", localmachine: "LocalMachine" } as const;
export const armVisibilities = { starttask: "StartTask", task: "Task", remoteuser: "RemoteUser" } as const;
export const armNodeCommunicationModes = {
  default: "Default",
  classic: "Classic",
  simplified: "Simplified",
} as const;

/** ETags travel weak and quoted in ARM (`W/"0x8D4EDFEBFADF4AB"`); the data plane gives the bare value. */
export function armETag(pool: Pool): string {
  return `W/"${pool.eTag}"`;
}

function identityOf(pool: Pool): object {
  const identities = pool.identity?.userAssignedIdentities ?? [];
  if (identities.length === 0) return { type: "None" };
  return {
    type: "UserAssigned",
    userAssignedIdentities: Object.fromEntries(
      identities.map((identity) => [
        identity.resourceId,
        {
          ...(identity.principalId !== undefined ? { principalId: identity.principalId } : {}),
          ...(identity.clientId !== undefined ? { clientId: identity.clientId } : {}),
        },
      ]),
    ),
  };
}

function scaleSettingsOf(pool: Pool, details: PoolManagementDetails): object {
  if (pool.enableAutoScale) {
    return {
      autoScale: {
        formula: pool.autoScaleFormula ?? "",
        ...(pool.autoScaleEvaluationInterval ? { evaluationInterval: pool.autoScaleEvaluationInterval } : {}),
      },
    };
  }
  return {
    fixedScale: {
      targetDedicatedNodes: pool.targetDedicatedNodes,
      targetLowPriorityNodes: pool.targetLowPriorityNodes,
      resizeTimeout: pool.resizeTimeout,
      nodeDeallocationOption: armDeallocationOptions[details.nodeDeallocationOption],
    },
  };
}

/** The current resize, or the last one; errors only once it has ended, as the Swagger says. */
function resizeOperationStatusOf(pool: Pool, details: PoolManagementDetails): object {
  const errors = pool.allocationState === "steady" ? (pool.resizeErrors ?? []) : [];
  return {
    targetDedicatedNodes: pool.targetDedicatedNodes,
    targetLowPriorityNodes: pool.targetLowPriorityNodes,
    resizeTimeout: pool.resizeTimeout,
    nodeDeallocationOption: armDeallocationOptions[details.nodeDeallocationOption],
    startTime: details.lastResizeStart,
    ...(errors.length > 0 ? { errors: errors.map(({ code, message }) => ({ code, message })) } : {}),
  };
}

function certificateOf(account: AccountConfig, certificate: CertificateReference): object {
  return {
    id: `${accountResourceId(account)}/certificates/${certificate.thumbprintAlgorithm}-${certificate.thumbprint}`,
    storeLocation: armStoreLocations[certificate.storeLocation ?? "currentuser"],
    ...(certificate.storeName !== undefined ? { storeName: certificate.storeName } : {}),
    visibility: (certificate.visibility ?? ["starttask", "task", "remoteuser"]).map(
      (visibility) => armVisibilities[visibility],
    ),
  };
}

function deploymentOf(pool: Pool): object | undefined {
  const configuration = pool.virtualMachineConfiguration;
  if (!configuration) return undefined;
  return {
    virtualMachineConfiguration: {
      imageReference: configuration.imageReference,
      nodeAgentSkuId: configuration.nodeAgentSKUId,
    },
  };
}

export function armPool(account: AccountConfig, pool: Pool, details: PoolManagementDetails): object {
  const deployment = deploymentOf(pool);
  const fillType = pool.taskSchedulingPolicy?.nodeFillType;
  const communicationMode = details.targetNodeCommunicationMode;
  return {
    id: poolResourceId(account, pool.id),
    name: pool.id,
    type: "Microsoft.Batch/batchAccounts/pools",
    etag: armETag(pool),
    identity: identityOf(pool),
    properties: {
      ...(pool.displayName !== undefined ? { displayName: pool.displayName } : {}),
      lastModified: pool.lastModified,
      creationTime: pool.creationTime,
      provisioningState: pool.state === "active" ? "Succeeded" : "Deleting",
      provisioningStateTransitionTime: pool.stateTransitionTime,
      allocationState: allocationStates[pool.allocationState],
      allocationStateTransitionTime: pool.allocationStateTransitionTime,
      vmSize: pool.vmSize,
      interNodeCommunication: pool.enableInterNodeCommunication ? "Enabled" : "Disabled",
      taskSlotsPerNode: pool.taskSlotsPerNode,
      ...(fillType
        ? { taskSchedulingPolicy: { nodeFillType: fillType === "pack" ? "Pack" : "Spread" } }
        : {}),
      ...(deployment ? { deploymentConfiguration: deployment } : {}),
      scaleSettings: scaleSettingsOf(pool, details),
      currentDedicatedNodes: pool.currentDedicatedNodes,
      currentLowPriorityNodes: pool.currentLowPriorityNodes,
      resizeOperationStatus: resizeOperationStatusOf(pool, details),
      ...(pool.metadata ? { metadata: pool.metadata } : {}),
      ...(pool.startTask ? { startTask: pool.startTask } : {}),
      ...(pool.certificateReferences
        ? {
            certificates: pool.certificateReferences.map((certificate) =>
              certificateOf(account, certificate),
            ),
          }
        : {}),
      ...(pool.applicationPackageReferences
        ? {
            applicationPackages: pool.applicationPackageReferences.map((reference) => ({
              id: `${accountResourceId(account)}/applications/${reference.applicationId}`,
              ...(reference.version !== undefined ? { version: reference.version } : {}),
            })),
          }
        : {}),
      ...(communicationMode
        ? { targetNodeCommunicationMode: armNodeCommunicationModes[communicationMode] }
        : {}),
    },
  };
}
