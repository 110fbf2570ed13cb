import type { BatchManagementClient, Pool } from "@azure/arm-batch";
import { toArmPoolIdentity, toArmScaleSettings, toManagedPool } from "./armMapping.js";
import type { BatchAccountRef } from "./poolManagement.js";
import type { AccountThrottle } from "./throttle.js";
import type { ManagedPool, PoolScaleSettings } from "../model/pools.js";

export interface PoolUpdateOptions {
  /** The pool's etag as read: the update is refused (412) if the pool changed since. */
  etag?: string | undefined;
  signal?: AbortSignal;
}

/**
 * The pool mutations only ARM offers, each sent once (no retry: a resize must not be applied
 * twice). Each answers the pool as ARM reports it right after the change. Never constructed in
 * read-only mode.
 */
export interface PoolManager {
  /**
   * Makes `identityResourceIds` the pool's whole user-assigned identity set. ARM's PATCH replaces
   * the set: an identity left out is removed. To add one, pass the union of the pool's current set
   * and the new ones (identitySetUnion in src/model/poolIdentity.ts); an empty list removes all.
   * The change reaches only nodes allocated afterwards, so the pool needs a scale to 0 and back.
   */
  setPoolIdentities(
    poolId: string,
    identityResourceIds: readonly string[],
    options?: PoolUpdateOptions,
  ): Promise<ManagedPool>;
  /**
   * Fixed targets (a resize starts; refused with 409 while the pool resizes) or an autoscale
   * formula (autoscale on). Setting fixed targets turns autoscale off.
   */
  setScaleSettings(
    poolId: string,
    scale: PoolScaleSettings,
    options?: PoolUpdateOptions,
  ): Promise<ManagedPool>;
}

export function createPoolManager(
  client: BatchManagementClient,
  account: BatchAccountRef,
  throttle: AccountThrottle,
): PoolManager {
  const patch = async (poolId: string, body: Pool, options: PoolUpdateOptions) =>
    toManagedPool(
      await throttle.run(
        (attempt) =>
          client.poolOperations.update(account.resourceGroup, account.accountName, poolId, body, {
            abortSignal: attempt,
            ...(options.etag ? { ifMatch: options.etag } : {}),
          }),
        { signal: options.signal, retry: false },
      ),
    );
  return {
    setPoolIdentities: (poolId, identityResourceIds, options = {}) =>
      patch(poolId, { identity: toArmPoolIdentity(identityResourceIds) }, options),
    setScaleSettings: (poolId, scale, options = {}) =>
      patch(poolId, { scaleSettings: toArmScaleSettings(scale) }, options),
  };
}
