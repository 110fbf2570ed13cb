/**
 * Values Azure Monitor sets on every resource-log row whatever the table: which workspace holds the
 * row and which ARM resource it is about, in the casings Log Analytics stores them.
 */

/** The workspace the rows are ingested into. */
export interface Workspace {
  /** The workspace (customer) id. Log Analytics stores it in every row's `TenantId` column. */
  workspaceId: string;
}

/** `SourceSystem` of rows that Azure resources send through diagnostic settings. */
export const azureSourceSystem = "Azure";

/** `_ResourceId`: the resource's ARM id, which Log Analytics stores lower-cased. */
export function normalisedResourceId(resourceId: string): string {
  return resourceId.toLowerCase();
}

/** `_SubscriptionId`: the subscription an ARM id names. */
export function subscriptionOf(resourceId: string): string {
  return /^\/subscriptions\/([^/]+)\//i.exec(resourceId)?.[1]?.toLowerCase() ?? "";
}

/** The parts of an ARM id `/subscriptions/{s}/resourceGroups/{g}/providers/{namespace}/{type}/{name}`. */
export function armIdParts(
  resourceId: string,
): { resourceGroup: string; provider: string; type: string; name: string } | undefined {
  const match =
    /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i.exec(
      resourceId,
    );
  if (!match) return undefined;
  const [, resourceGroup = "", provider = "", type = "", name = ""] = match;
  return { resourceGroup, provider, type, name };
}

/** "West Europe" → "westeurope": resource logs carry the ARM region name, not its display name. */
export function regionName(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}
