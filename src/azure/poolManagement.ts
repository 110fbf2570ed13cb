import { getContinuationToken, type BatchManagementClient } from "@azure/arm-batch";
import { listArmPages } from "./armPaging.js";
import { toAccountInfo, toManagedPool } from "./armMapping.js";
import type { AccountThrottle } from "./throttle.js";
import type { BatchAccountInfo } from "../model/account.js";
import type { ManagedPool } from "../model/pools.js";

/** Which Batch account the management plane is asked about; the subscription is the client's. */
export interface BatchAccountRef {
  resourceGroup: string;
  accountName: string;
}

/**
 * Read access to a Batch account through ARM: what only the management plane shows (autostorage,
 * the account's and the pools' managed identities) and the pools' scale settings. Safe in
 * read-only mode; the mutations are PoolManager's.
 */
export interface PoolManagement {
  getAccount(signal?: AbortSignal): Promise<BatchAccountInfo>;
  listPools(signal?: AbortSignal): Promise<ManagedPool[]>;
  getPool(poolId: string, signal?: AbortSignal): Promise<ManagedPool>;
}

export function createPoolManagement(
  client: BatchManagementClient,
  account: BatchAccountRef,
  throttle: AccountThrottle,
): PoolManagement {
  const { resourceGroup, accountName } = account;
  return {
    getAccount: async (signal) =>
      toAccountInfo(
        await throttle.run(
          (attempt) =>
            client.batchAccountOperations.get(resourceGroup, accountName, { abortSignal: attempt }),
          { signal },
        ),
      ),
    listPools: async (signal) =>
      (
        await listArmPages(
          throttle,
          signal,
          (attempt) =>
            client.poolOperations.listByBatchAccount(resourceGroup, accountName, { abortSignal: attempt }),
          getContinuationToken,
        )
      ).map(toManagedPool),
    getPool: async (poolId, signal) =>
      toManagedPool(
        await throttle.run(
          (attempt) =>
            client.poolOperations.get(resourceGroup, accountName, poolId, { abortSignal: attempt }),
          { signal },
        ),
      ),
  };
}
