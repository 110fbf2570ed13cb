import type { IdentityReader } from "../../src/azure/identityReader.js";
import type {
  ManagedIdentityInfo,
  RoleAssignmentFact,
  RoleAssignmentsSeen,
} from "../../src/model/identities.js";

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

/** A fake IdentityReader that counts its requests, as store tests check how many were sent. */
export interface FakeIdentityReader extends IdentityReader {
  calls: { roleAssignmentsAt: string[]; listUserAssignedIdentities: number };
}

/**
 * An in-memory IdentityReader: the identities it lists and the role assignments at each scope it
 * knows. `forbidden` answers as a caller without roleAssignments/read does (403, unreadable); a scope
 * it does not know has no assignments.
 */
export function fakeRbacReader(options: {
  identities?: ManagedIdentityInfo[];
  assignments?: Record<string, RoleAssignmentFact[]>;
  forbidden?: boolean;
}): FakeIdentityReader {
  const calls = { roleAssignmentsAt: [] as string[], listUserAssignedIdentities: 0 };
  return {
    calls,
    listUserAssignedIdentities: async () => {
      calls.listUserAssignedIdentities += 1;
      return options.identities ?? [];
    },
    roleAssignmentsAt: async (scope) => {
      calls.roleAssignmentsAt.push(scope);
      if (options.forbidden)
        return {
          kind: "unreadable",
          scope,
          status: 403,
          reason: "403 AuthorizationFailed: the caller may not read role assignments",
        };
      return { kind: "read", scope, assignments: options.assignments?.[scope] ?? [] };
    },
  };
}
