import { AzureRequestError } from "../../src/azure/azureError.js";
import type { PoolManagement } from "../../src/azure/poolManagement.js";
import type { PoolManager } from "../../src/azure/poolManager.js";
import type { BatchAccountInfo } from "../../src/model/account.js";
import type { ManagedPool } from "../../src/model/pools.js";

export interface FakePoolArm {
  management: Pick<PoolManagement, "getAccount" | "listPools" | "getPool">;
  manager: Pick<PoolManager, "setPoolIdentities">;
  /** Every PATCH that arrived, accepted or not, with the If-Match it carried. */
  patches: { poolId: string; identities: string[]; etag?: string }[];
  /** Every GET of one pool, by pool id, in order. */
  poolReads: string[];
  /** Someone else's edit: replaces a pool's set and gives it a new etag. */
  setIdentities(poolId: string, identities: readonly string[]): void;
  /** Runs once, after the next fresh read of a pool and before its PATCH arrives. */
  betweenReadAndPatch?: () => void;
  pool(poolId: string): ManagedPool;
}

function managedPool(id: string, identities: readonly string[]): ManagedPool {
  return {
    id,
    resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a/pools/${id}`,
    etag: 'W/"0x1"',
    vmSize: "standard_d2s_v3",
    allocationState: "steady",
    currentDedicatedNodes: 2,
    currentSpotNodes: 0,
    identities: identities.map((resourceId) => ({ resourceId })),
    scale: { mode: "fixed", targetDedicatedNodes: 2, targetSpotNodes: 0 },
    applicationPackages: [],
  };
}

/** ARM's pool management in memory: pools with etags, and a PATCH that replaces the whole set under If-Match. */
export function fakePoolArm(
  pools: Record<string, readonly string[]>,
  account: BatchAccountInfo = {
    id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/contoso-batch",
    name: "contoso-batch",
    location: "westeurope",
    identity: { type: "None", userAssignedIdentities: [] },
  },
): FakePoolArm {
  const byId = new Map(Object.entries(pools).map(([id, identities]) => [id, managedPool(id, identities)]));
  let version = 1;
  const find = (poolId: string) => {
    const pool = byId.get(poolId);
    if (!pool)
      throw new AzureRequestError(`pool ${poolId} not found`, 404, "PoolNotFound", undefined, undefined);
    return pool;
  };
  const replace = (poolId: string, identities: readonly string[]) => {
    version += 1;
    const pool = {
      ...find(poolId),
      etag: `W/"0x${version}"`,
      identities: identities.map((resourceId) => ({ resourceId })),
    };
    byId.set(poolId, pool);
    return pool;
  };
  const arm: FakePoolArm = {
    patches: [],
    poolReads: [],
    management: {
      getAccount: async () => account,
      listPools: async () => [...byId.values()],
      getPool: async (poolId) => {
        arm.poolReads.push(poolId);
        const pool = find(poolId);
        const between = arm.betweenReadAndPatch;
        delete arm.betweenReadAndPatch;
        between?.();
        return pool;
      },
    },
    manager: {
      setPoolIdentities: async (poolId, identities, options = {}) => {
        arm.patches.push({
          poolId,
          identities: [...identities],
          ...(options.etag ? { etag: options.etag } : {}),
        });
        if (options.etag !== undefined && options.etag !== find(poolId).etag)
          throw new AzureRequestError(
            "The condition specified using HTTP conditional header(s) is not met.",
            412,
            "ConditionNotMet",
            undefined,
            undefined,
          );
        return replace(poolId, identities);
      },
    },
    setIdentities: (poolId, identities) => void replace(poolId, identities),
    pool: find,
  };
  return arm;
}
