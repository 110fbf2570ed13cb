import type {
  BatchAccount,
  ComputeNodeDeallocationOption,
  Pool,
  ResizeOperationStatus,
  ScaleSettings,
  UserAssignedIdentities,
} from "@azure/arm-batch";
import { isoDurationMinutes, minutesToIsoDuration } from "./isoDuration.js";
import type { BatchAccountInfo } from "../model/account.js";
import type {
  ManagedPool,
  NodeDeallocationOption,
  PoolScaleSettings,
  ResizeOperation,
  UserAssignedIdentity,
} from "../model/pools.js";

// ARM's view of accounts and pools in batchtop's model types, and back for the PATCH bodies. ARM
// capitalises the enums the data plane writes in lower case (`Steady`, `TaskCompletion`); the model
// keeps the data plane's spelling so both views of a pool compare directly.

const toArmDeallocation: Record<NodeDeallocationOption, ComputeNodeDeallocationOption> = {
  requeue: "Requeue",
  terminate: "Terminate",
  taskcompletion: "TaskCompletion",
  retaineddata: "RetainedData",
};

function fromArmDeallocation(option: string | undefined): NodeDeallocationOption | undefined {
  const lower = option?.toLowerCase();
  return lower !== undefined && lower in toArmDeallocation ? (lower as NodeDeallocationOption) : undefined;
}

function identityList(map: Record<string, UserAssignedIdentities> | undefined): UserAssignedIdentity[] {
  return Object.entries(map ?? {}).map(([resourceId, identity]) => ({
    resourceId,
    ...(identity.clientId !== undefined ? { clientId: identity.clientId } : {}),
    ...(identity.principalId !== undefined ? { principalId: identity.principalId } : {}),
  }));
}

function toScaleSettings(settings: ScaleSettings | undefined): PoolScaleSettings {
  const auto = settings?.autoScale;
  if (auto) {
    const interval = isoDurationMinutes(auto.evaluationInterval);
    return {
      mode: "auto",
      formula: auto.formula,
      ...(interval !== undefined ? { evaluationIntervalMinutes: interval } : {}),
    };
  }
  const fixed = settings?.fixedScale;
  const timeout = isoDurationMinutes(fixed?.resizeTimeout);
  const deallocation = fromArmDeallocation(fixed?.nodeDeallocationOption);
  return {
    mode: "fixed",
    targetDedicatedNodes: fixed?.targetDedicatedNodes ?? 0,
    targetSpotNodes: fixed?.targetLowPriorityNodes ?? 0,
    ...(timeout !== undefined ? { resizeTimeoutMinutes: timeout } : {}),
    ...(deallocation ? { nodeDeallocationOption: deallocation } : {}),
  };
}

function toResizeOperation(status: ResizeOperationStatus | undefined): ResizeOperation | undefined {
  if (!status) return undefined;
  const timeout = isoDurationMinutes(status.resizeTimeout);
  const deallocation = fromArmDeallocation(status.nodeDeallocationOption);
  return {
    targetDedicatedNodes: status.targetDedicatedNodes ?? 0,
    targetSpotNodes: status.targetLowPriorityNodes ?? 0,
    ...(timeout !== undefined ? { resizeTimeoutMinutes: timeout } : {}),
    ...(deallocation ? { nodeDeallocationOption: deallocation } : {}),
    ...(status.startTime ? { startTime: status.startTime } : {}),
    errors: (status.errors ?? []).map((error) => ({ code: error.code, message: error.message })),
  };
}

export function toManagedPool(pool: Pool): ManagedPool {
  const resizeOperation = toResizeOperation(pool.resizeOperationStatus);
  return {
    id: pool.name ?? "",
    resourceId: pool.id ?? "",
    ...(pool.etag ? { etag: pool.etag } : {}),
    vmSize: pool.vmSize ?? "",
    allocationState: pool.allocationState?.toLowerCase() ?? "unknown",
    ...(pool.allocationStateTransitionTime
      ? { allocationStateTransitionTime: pool.allocationStateTransitionTime }
      : {}),
    currentDedicatedNodes: pool.currentDedicatedNodes ?? 0,
    currentSpotNodes: pool.currentLowPriorityNodes ?? 0,
    identities: identityList(pool.identity?.userAssignedIdentities),
    // ARM names each package by its application's resource id: the application is the last segment.
    applicationPackages: (pool.applicationPackages ?? []).map(
      (reference) => reference.id.split("/").filter(Boolean).pop() ?? reference.id,
    ),
    ...(pool.lastModified ? { lastModified: pool.lastModified } : {}),
    scale: toScaleSettings(pool.scaleSettings),
    ...(resizeOperation ? { resizeOperation } : {}),
  };
}

export function toAccountInfo(account: BatchAccount): BatchAccountInfo {
  const storage = account.autoStorage;
  const nodeIdentity = storage?.nodeIdentityReference?.resourceId;
  return {
    id: account.id ?? "",
    name: account.name ?? "",
    location: account.location ?? "",
    ...(account.accountEndpoint ? { accountEndpoint: account.accountEndpoint } : {}),
    identity: {
      type: account.identity?.type ?? "None",
      ...(account.identity?.principalId ? { principalId: account.identity.principalId } : {}),
      ...(account.identity?.tenantId ? { tenantId: account.identity.tenantId } : {}),
      userAssignedIdentities: identityList(account.identity?.userAssignedIdentities),
    },
    ...(storage
      ? {
          autoStorage: {
            storageAccountId: storage.storageAccountId,
            // The service's default when the account does not say.
            authenticationMode: storage.authenticationMode ?? "StorageKeys",
            ...(nodeIdentity ? { nodeIdentityResourceId: nodeIdentity } : {}),
          },
        }
      : {}),
    ...(account.dedicatedCoreQuota !== undefined ? { dedicatedCoreQuota: account.dedicatedCoreQuota } : {}),
    ...(account.lowPriorityCoreQuota !== undefined
      ? { lowPriorityCoreQuota: account.lowPriorityCoreQuota }
      : {}),
  };
}

/** The PATCH body's `scaleSettings`: exactly one of fixedScale and autoScale, as ARM requires. */
export function toArmScaleSettings(scale: PoolScaleSettings): ScaleSettings {
  if (scale.mode === "auto") {
    return {
      autoScale: {
        formula: scale.formula,
        ...(scale.evaluationIntervalMinutes !== undefined
          ? { evaluationInterval: minutesToIsoDuration(scale.evaluationIntervalMinutes) }
          : {}),
      },
    };
  }
  return {
    fixedScale: {
      targetDedicatedNodes: scale.targetDedicatedNodes,
      targetLowPriorityNodes: scale.targetSpotNodes,
      ...(scale.resizeTimeoutMinutes !== undefined
        ? { resizeTimeout: minutesToIsoDuration(scale.resizeTimeoutMinutes) }
        : {}),
      ...(scale.nodeDeallocationOption
        ? { nodeDeallocationOption: toArmDeallocation[scale.nodeDeallocationOption] }
        : {}),
    },
  };
}

/**
 * The PATCH body's `identity` for a pool's whole new set. An empty set is `type: None`: ARM refuses
 * `UserAssigned` with no identities.
 */
export function toArmPoolIdentity(resourceIds: readonly string[]): NonNullable<Pool["identity"]> {
  if (resourceIds.length === 0) return { type: "None" };
  return {
    type: "UserAssigned",
    userAssignedIdentities: Object.fromEntries(resourceIds.map((resourceId) => [resourceId, {}])),
  };
}
