import { getContinuationToken, type BatchManagementClient, type Pool } from "@azure/arm-batch";
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

  /** One page per request through the throttle, so a 429 halfway through pauses the list, not fails it. */
  const poolPage = async (continuationToken: string | undefined, signal: AbortSignal) => {
    const pages = client.poolOperations
      .listByBatchAccount(resourceGroup, accountName, { abortSignal: signal })
      .byPage(continuationToken === undefined ? {} : { continuationToken });
    const page: Pool[] = (await pages.next()).value ?? [];
    return { pools: page, next: getContinuationToken(page) };
  };

  return {
    getAccount: async (signal) =>
      toAccountInfo(
        await throttle.run(
          (attempt) =>
            client.batchAccountOperations.get(resourceGroup, accountName, { abortSignal: attempt }),
          { signal },
        ),
      ),
    listPools: async (signal) => {
      const pools: ManagedPool[] = [];
      let token: string | undefined;
      do {
        const page = await throttle.run((attempt) => poolPage(token, attempt), { signal });
        pools.push(...page.pools.map(toManagedPool));
        token = page.next;
      } while (token);
      return pools;
    },
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
