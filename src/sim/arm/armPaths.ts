// Resource ids, types and locations as Azure Resource Manager spells them for the demo account.

import type { AccountConfig } from "../world/accountConfig.js";

/** What @azure/arm-batch 9.1.0 sends and the only version the demo account's provider serves. */
export const armApiVersion = "2023-11-01";

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
 * The Microsoft.Batch resource type a request path addresses (`batchAccounts/pools` for a pool),
 * as ARM names it in api-version errors; the provider's own type when the path names no resource.
 */
export function resourceTypeOf(path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  const provider = segments.findIndex((segment) => segment.toLowerCase() === "microsoft.batch");
  if (provider < 0) return "batchAccounts";
  const types = segments.slice(provider + 1).filter((_, index) => index % 2 === 0);
  return types.length > 0 ? types.join("/") : "batchAccounts";
}
