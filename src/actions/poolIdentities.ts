// The reads and the one write behind `I`: what the picker offers, and sending a pool's new identity
// set through ARM. The UI reaches ARM only through here.
import { AzureRequestError } from "../azure/azureError.js";
import { describeError } from "../azure/describeError.js";
import type { IdentityReader } from "../azure/identityReader.js";
import type { PoolManagement } from "../azure/poolManagement.js";
import type { PoolManager } from "../azure/poolManager.js";
import {
  nextIdentitySet,
  type IdentityCatalogue,
  type IdentityChange,
} from "../model/actions/identityPlan.js";
import type { ManagedPool } from "../model/pools.js";
import { identityName } from "../model/pools.js";

export interface PoolIdentities {
  /** The pool's set, the account's and the other pools' identities, and the identities the caller may list. */
  catalogue(poolId: string, signal?: AbortSignal): Promise<IdentityCatalogue>;
  /**
   * Sends one confirmed change, once. The pool is read fresh just before, and the set sent is that
   * read's set with the change applied, under the read's etag: if the pool changes in between, ARM
   * answers 412 and nothing is changed. Answers the pool as ARM reports it after the change.
   */
  send(change: IdentityChange, signal?: AbortSignal): Promise<ManagedPool>;
}

export interface PoolIdentitySources {
  management: Pick<PoolManagement, "getAccount" | "listPools" | "getPool">;
  /** Absent in read-only mode: then `send` refuses. */
  manager?: Pick<PoolManager, "setPoolIdentities">;
  /** Lists the subscription's user-assigned identities; without it the picker takes a pasted id only. */
  identityReader?: Pick<IdentityReader, "listUserAssignedIdentities">;
}

const ids = (pool: ManagedPool) => pool.identities.map((identity) => identity.resourceId);

/** Why the picker has no list: said in the picker, next to the resource id field. */
export const noIdentityReader = "this batchtop cannot list managed identities yet";

export function createPoolIdentities({
  management,
  manager,
  identityReader,
}: PoolIdentitySources): PoolIdentities {
  return {
    async catalogue(poolId, signal) {
      const listed = identityReader
        ? identityReader.listUserAssignedIdentities(signal).then(
            (identities) => ({ identities }),
            // The list is a convenience: without it the operator pastes the id.
            (error: unknown) => ({ unlisted: `the identities could not be listed: ${describeError(error)}` }),
          )
        : Promise.resolve({ unlisted: noIdentityReader });
      const [pools, account, identities] = await Promise.all([
        management.listPools(signal),
        management.getAccount(signal),
        listed,
      ]);
      const pool = pools.find((candidate) => candidate.id === poolId);
      if (!pool) throw new Error(`ARM does not show pool ${poolId} in the account`);
      return {
        poolId,
        poolIdentities: ids(pool),
        otherPools: pools
          .filter((candidate) => candidate.id !== poolId)
          .map((candidate) => ({ id: candidate.id, identities: ids(candidate) })),
        account,
        ...identities,
      };
    },
    async send(change, signal) {
      if (!manager) throw new Error("read-only: changing a pool's identities is off");
      const fresh = await management.getPool(change.poolId, signal);
      const current = ids(fresh);
      const name = identityName(change.identity);
      const next = nextIdentitySet(current, change);
      // Someone else made the same change since the dialog was drawn: sending it again changes nothing.
      if (next.length === current.length)
        throw new Error(
          change.kind === "attach-identity"
            ? `${name} is already on pool ${change.poolId}; nothing was sent`
            : `${name} is no longer on pool ${change.poolId}; nothing was sent`,
        );
      try {
        return await manager.setPoolIdentities(change.poolId, next, {
          ...(fresh.etag ? { etag: fresh.etag } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof AzureRequestError && error.statusCode === 412)
          throw new Error(
            `pool ${change.poolId} changed between batchtop's read and its update (412); nothing was changed: press I again to see its identities now`,
            { cause: error },
          );
        throw error;
      }
    },
  };
}
