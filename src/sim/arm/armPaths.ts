// Resource ids, types and locations as Azure Resource Manager spells them for the demo account.

import type { AccountConfig } from "../world/accountConfig.js";

/** What @azure/arm-batch 9.1.0 sends and the only version the demo account's provider serves. */
export const armApiVersion = "2023-11-01";

/**
 * The one api-version each resource provider of the demo account serves: what the SDK batchtop
 * reaches it with sends (@azure/arm-batch 9.1.0, @azure/arm-msi 2.2.0, @azure/arm-authorization
 * 9.0.0 for role assignments and definitions, @azure/arm-datafactory 12.0.0). Keys are lower-case
 * namespaces.
 */
export const providerApiVersions: Readonly<Record<string, string>> = {
  "microsoft.batch": armApiVersion,
  "microsoft.managedidentity": "2024-11-30",
  "microsoft.authorization": "2022-04-01",
  // @azure/arm-datafactory 12.0.0: factories, pipeline runs, activity runs, createRun.
  "microsoft.datafactory": "2018-06-01",
  // The demo account's own drills (src/sim/arm/routes/drillRoutes.ts): not an Azure namespace.
  "batchtop.demo": "2026-12-01",
};

/**
 * The resource provider a request path addresses: the last `providers/<namespace>` in it (a role
 * assignment on a storage account names Microsoft.Storage first), lower case; Microsoft.Batch when
 * the path names none.
 */
export function providerOf(path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  for (let index = segments.length - 2; index >= 0; index--) {
    if (segments[index]?.toLowerCase() === "providers") return (segments[index + 1] ?? "").toLowerCase();
  }
  return "microsoft.batch";
}

export type AccountCoordinates = Pick<AccountConfig, "subscriptionId" | "resourceGroup" | "name">;

export function accountResourceId(account: AccountCoordinates): string {
  return `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${account.name}`;
}

export function poolResourceId(account: AccountCoordinates, poolId: string): string {
  return `${accountResourceId(account)}/pools/${poolId}`;
}

export function storageAccountResourceId(account: AccountConfig): string {
  return `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.storageAccountName}`;
}

/** ARM names regions without spaces, in lower case: "West Europe" is `westeurope`. */
export function armLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/**
 * The resource type a request path addresses under its provider (`batchAccounts/pools` for a pool,
 * `roleAssignments` for a role assignment), as ARM names it in api-version errors; the Batch
 * provider's own type when the path names no resource.
 */
export function resourceTypeOf(path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  let provider = -1;
  for (let index = segments.length - 2; index >= 0 && provider < 0; index--) {
    if (segments[index]?.toLowerCase() === "providers") provider = index + 1;
  }
  if (provider < 0) return "batchAccounts";
  const types = segments.slice(provider + 1).filter((_, index) => index % 2 === 0);
  return types.length > 0 ? types.join("/") : "batchAccounts";
}
