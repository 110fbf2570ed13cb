import type { ManagedIdentityInfo, RoleAssignmentsSeen } from "../model/identities.js";

/**
 * Read access to the identity side of ARM: the user-assigned identities the caller can list, and the
 * role assignments on a resource (the autostorage account). Never mutates: batchtop does not grant
 * roles. Present with an ARM target, in read-only mode too.
 */
export interface IdentityReader {
  /** Every user-assigned identity in the account's subscription that the caller may list. */
  listUserAssignedIdentities(signal?: AbortSignal): Promise<ManagedIdentityInfo[]>;
  /**
   * The role assignments that apply at `scope` (`$filter=atScope()`, so inherited ones too), each
   * with its role definition's name. A 403 answers `unreadable` instead of throwing; other failures
   * throw an AzureRequestError.
   */
  roleAssignmentsAt(scope: string, signal?: AbortSignal): Promise<RoleAssignmentsSeen>;
}
