// A Batch account as ARM shows it (BatchAccount in the 2023-11-01 Swagger): the data-plane
// endpoint, quotas, the autostorage settings with their authentication mode and node identity
// reference, and the account's own identity.

import type { AccountConfig } from "../world/accountConfig.js";
import { accountResourceId, armLocation, storageAccountResourceId } from "./armPaths.js";

function identityOf(account: AccountConfig): object {
  const { identity } = account;
  if (identity.type === "None") return { type: "None" };
  return { type: "SystemAssigned", principalId: identity.principalId, tenantId: identity.tenantId };
}

export function armAccount(account: AccountConfig): object {
  const { autoStorage } = account;
  const reference = autoStorage.nodeIdentityReference;
  return {
    id: accountResourceId(account),
    name: account.name,
    type: "Microsoft.Batch/batchAccounts",
    location: armLocation(account.location),
    identity: identityOf(account),
    properties: {
      // Host (and port) without the scheme, as the service gives it: clients prepend https://.
      accountEndpoint: new URL(account.url).host,
      provisioningState: "Succeeded",
      poolAllocationMode: "BatchService",
      dedicatedCoreQuota: account.dedicatedCoreQuota,
      lowPriorityCoreQuota: account.lowPriorityCoreQuota,
      dedicatedCoreQuotaPerVMFamilyEnforced: false,
      poolQuota: 100,
      activeJobAndJobScheduleQuota: 300,
      autoStorage: {
        storageAccountId: storageAccountResourceId(account),
        authenticationMode: autoStorage.authenticationMode,
        ...(reference !== undefined ? { nodeIdentityReference: { resourceId: reference } } : {}),
        lastKeySync: autoStorage.lastKeySync,
      },
      publicNetworkAccess: "Enabled",
      allowedAuthenticationModes: ["SharedKey", "AAD", "TaskAuthenticationToken"],
    },
  };
}
