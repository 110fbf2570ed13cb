import type { IdentityReader } from "../../src/azure/identityReader.js";
import type { ManagedIdentityInfo, RoleAssignmentFact } from "../../src/model/identities.js";

/** A fake IdentityReader that counts its requests, as store tests check how many were sent. */
export interface FakeIdentityReader extends IdentityReader {
  calls: { roleAssignmentsAt: string[]; listUserAssignedIdentities: number };
}

/**
 * An in-memory IdentityReader: the identities it lists and the role assignments at each scope it
 * knows. `forbidden` answers as a caller without roleAssignments/read does (403, unreadable); a scope
 * it does not know has no assignments.
 */
export function fakeIdentityReader(options: {
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
