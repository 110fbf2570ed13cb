// What Azure says about managed identities and role assignments, in batchtop's own words. Read
// through the IdentityReader port (src/azure/identityReader.ts); used by the identity doctor and the
// attach-identity picker.

/** A user-assigned managed identity as ARM lists it (Microsoft.ManagedIdentity/userAssignedIdentities). */
export interface ManagedIdentityInfo {
  /** The ARM resource id: what a pool's identity set and a node identity reference name. */
  resourceId: string;
  name: string;
  resourceGroup: string;
  location?: string;
  clientId?: string;
  principalId?: string;
}

/** One role assignment that applies at a scope (made at it or inherited from above it). */
export interface RoleAssignmentFact {
  principalId: string;
  /** The role definition's ARM id. */
  roleDefinitionId: string;
  /** The role's display name, e.g. "Storage Blob Data Reader"; absent when it could not be read. */
  roleName?: string;
  /** Where the assignment was made: the scope itself or one above it. */
  scope: string;
}

/**
 * The role assignments at a scope, or why they could not be read. A caller without
 * Microsoft.Authorization/roleAssignments/read gets 403: then a permission is unknown, never missing.
 */
export type RoleAssignmentsSeen =
  | { kind: "read"; scope: string; assignments: RoleAssignmentFact[] }
  | { kind: "unreadable"; scope: string; status?: number; reason: string };
