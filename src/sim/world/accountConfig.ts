// The simulated Batch account as configured: names, quotas, autostorage and the account identity.

export interface AccountConfig {
  name: string;
  /** Base of every entity `url`, e.g. https://contosobatch.westeurope.batch.azure.com */
  url: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  dedicatedCoreQuota: number;
  lowPriorityCoreQuota: number;
  /**
   * The storage account ADF/Synapse link for Custom activities (holds the `adfjobs` container); it is
   * also the account's autostorage, where application packages live.
   */
  storageAccountName: string;
  autoStorage: AutoStorageConfig;
  identity: AccountIdentity;
}

export type AutoStorageAuthenticationMode = "StorageKeys" | "BatchAccountManagedIdentity";

/** How the Batch service and the account's nodes reach the autostorage account. */
export interface AutoStorageConfig {
  authenticationMode: AutoStorageAuthenticationMode;
  /** Resource id of the user-assigned identity nodes use for autostorage; undefined when not given. */
  nodeIdentityReference: string | undefined;
  lastKeySync: string;
}

/** The Batch account's own identity: what the service uses for autostorage in managed identity mode. */
export type AccountIdentity =
  | { type: "None" }
  | { type: "SystemAssigned"; principalId: string; tenantId: string };
