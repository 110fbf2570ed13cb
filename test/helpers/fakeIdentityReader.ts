import type { IdentityReader } from "../../src/azure/identityReader.js";
import type { ManagedIdentityInfo, RoleAssignmentsSeen } from "../../src/model/identities.js";

export const fakeSubscription = "00000000-0000-4000-8000-0000000000aa";

/** A user-assigned identity's resource id in the fake subscription. */
export function identityId(name: string, resourceGroup = "rg-batch"): string {
  return `/subscriptions/${fakeSubscription}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

export function managedIdentity(name: string, resourceGroup = "rg-batch"): ManagedIdentityInfo {
  return { resourceId: identityId(name, resourceGroup), name, resourceGroup, location: "westeurope" };
}

/**
 * An IdentityReader answering from memory: the identities given, and role assignments by scope (a
 * scope not given answers `unreadable` 403, as for a caller without roleAssignments/read). `fail`
 * makes the identity list throw, as a caller without list rights sees.
 */
export function fakeIdentityReader(
  identities: readonly ManagedIdentityInfo[],
  options: { roles?: Record<string, RoleAssignmentsSeen>; fail?: string } = {},
): IdentityReader & { listCalls: number } {
  const reader = {
    listCalls: 0,
    async listUserAssignedIdentities() {
      reader.listCalls += 1;
      if (options.fail) throw new Error(options.fail);
      return [...identities];
    },
    async roleAssignmentsAt(scope: string): Promise<RoleAssignmentsSeen> {
      return (
        options.roles?.[scope] ?? { kind: "unreadable", scope, status: 403, reason: "AuthorizationFailed" }
      );
    },
  };
  return reader;
}
