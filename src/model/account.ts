import type { UserAssignedIdentity } from "./pools.js";

/**
 * How the Batch service reaches the autostorage account: with its keys, or with the Batch account's
 * managed identity (then nodes need the node identity reference to reach it too).
 */
export interface AutoStorageSettings {
  /** The storage account's ARM resource id. */
  storageAccountId: string;
  /** "StorageKeys" or "BatchAccountManagedIdentity". */
  authenticationMode: string;
  /** The user-assigned identity nodes use for autostorage; it must be on every pool that needs it. */
  nodeIdentityResourceId?: string;
}

/** The Batch account's own identity, which the service uses (for autostorage, among others). */
export interface AccountIdentity {
  /** "SystemAssigned", "UserAssigned" or "None". */
  type: string;
  /** The system-assigned identity's principal. */
  principalId?: string;
  tenantId?: string;
  userAssignedIdentities: UserAssignedIdentity[];
}

/** A Batch account as the management plane shows it. */
export interface BatchAccountInfo {
  /** The ARM resource id. */
  id: string;
  name: string;
  location: string;
  /** The data-plane host, without scheme, as ARM gives it. */
  accountEndpoint?: string;
  identity: AccountIdentity;
  /** Absent when the account has no autostorage account. */
  autoStorage?: AutoStorageSettings;
  dedicatedCoreQuota?: number;
  lowPriorityCoreQuota?: number;
}
