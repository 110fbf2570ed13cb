// What identity scenarios set up besides pools: the tenant's user-assigned identities, the Batch
// account's own identity, role assignments on the autostorage account and the account's
// applications. Ids are derived from the seed, so the same seed gives the same principals.

import type { ManagedIdentity } from "../identityDirectory.js";
import { Random } from "../random.js";
import type { AutoStorageConfig } from "../accountConfig.js";
import { DAY_MS, isoAt } from "../time.js";
import type { WorldBuilder } from "./builder.js";

/** Roles a scenario lays out were granted a week before it starts, like its applications. */
function roleGrantTime(builder: WorldBuilder): string {
  return isoAt(builder.startMs - 7 * DAY_MS);
}

/** Creates a user-assigned identity in the account's resource group. */
export function addUserAssignedIdentity(
  builder: WorldBuilder,
  name: string,
  options: { storageRole: boolean },
): ManagedIdentity {
  const { sim } = builder;
  const rng = Random.derive(sim.seed, `identity#${name}`);
  const identity: ManagedIdentity = {
    tenantId: Random.derive(sim.seed, "tenant").guid(),
    resourceId: `/subscriptions/${sim.account.subscriptionId}/resourceGroups/${sim.account.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
    clientId: rng.guid(),
    principalId: rng.guid(),
  };
  sim.identities.add(identity);
  if (options.storageRole) sim.identities.assignStorageRole(identity.principalId, roleGrantTime(builder));
  return identity;
}

/** Turns on the Batch account's system-assigned identity. */
export function enableSystemAssignedIdentity(builder: WorldBuilder, options: { storageRole: boolean }): void {
  const { sim } = builder;
  const rng = Random.derive(sim.seed, "identity#account");
  const principalId = rng.guid();
  sim.account.identity = { type: "SystemAssigned", principalId, tenantId: rng.guid() };
  if (options.storageRole) sim.identities.assignStorageRole(principalId, roleGrantTime(builder));
}

export function setAutoStorage(builder: WorldBuilder, settings: Partial<AutoStorageConfig>): void {
  builder.sim.account.autoStorage = { ...builder.sim.account.autoStorage, ...settings };
}

/** An application whose packages were uploaded and activated before the world starts. */
export function addApplication(builder: WorldBuilder, name: string, versions: readonly string[]): void {
  const { sim } = builder;
  const activated = isoAt(builder.startMs - 7 * DAY_MS);
  const packages = new Map(
    versions.map((version) => [
      version,
      {
        version,
        state: "Active" as const,
        format: "zip",
        lastActivationTime: activated,
        storageUrl: `https://${sim.account.storageAccountName}.blob.core.windows.net/app-${name}/${name}-${version}.zip`,
        storageUrlExpiry: activated,
      },
    ]),
  );
  sim.applications.add({ name, defaultVersion: versions.at(-1), packages });
}
