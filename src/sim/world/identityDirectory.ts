// The demo tenant's user-assigned managed identities and its Azure RBAC role assignments. Role
// assignments live outside the Batch API (on the storage account, the resource group, the
// subscription), so the world keeps them as records that scenarios lay out and the ARM
// Microsoft.Authorization routes list, create and delete, as an operator would in the portal. The
// identity rules read who may read the autostorage account's blobs from these records, so a role
// granted through the API takes effect as RBAC does: at the next token, without a node cycle.

import { createHash } from "node:crypto";
import {
  blobReadDataAction,
  builtInRoles,
  findRoleDefinition,
  grantsAction,
  grantsDataAction,
  type RoleDefinitionRecord,
} from "./roleDefinitions.js";

/** ARM resource ids compare without regard to case. */
export function normaliseResourceId(resourceId: string): string {
  return resourceId.toLowerCase();
}

export interface ManagedIdentity {
  resourceId: string;
  clientId: string;
  principalId: string;
  /** The tenant the identity's service principal lives in. */
  tenantId?: string;
}

export type PrincipalType = "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device";

/** One role assignment: a principal holds a role at a scope (and every scope below it). */
export interface RoleAssignmentRecord {
  /** The assignment's name, a GUID. */
  name: string;
  /** Where it was made, as ARM spells it: `/subscriptions/…[/resourceGroups/…[/providers/…]]`. */
  scope: string;
  /** The role definition's GUID. */
  roleDefinitionName: string;
  principalId: string;
  principalType: PrincipalType;
  createdOn: string;
  createdBy?: string;
}

/** Whether `ancestor` is `scope` or a scope above it (a role there applies at `scope` too). */
export function scopeCovers(ancestor: string, scope: string): boolean {
  const a = normaliseResourceId(ancestor).replace(/\/+$/, "");
  const s = normaliseResourceId(scope).replace(/\/+$/, "");
  return a === "" || s === a || s.startsWith(`${a}/`);
}

/** A stable assignment name for a laid-out assignment: the same seed lays out the same names. */
function derivedName(principalId: string, roleName: string, scope: string): string {
  const hex = createHash("sha256")
    .update(`${principalId}|${roleName}|${normaliseResourceId(scope)}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class IdentityDirectory {
  private readonly identities = new Map<string, ManagedIdentity>();
  private readonly assignments: RoleAssignmentRecord[] = [];

  /** `storageScope`: the autostorage account's resource id, the scope the identity rules ask about. */
  constructor(private readonly storageScope: string) {}

  add(identity: ManagedIdentity): void {
    this.identities.set(normaliseResourceId(identity.resourceId), identity);
  }

  find(resourceId: string): ManagedIdentity | undefined {
    return this.identities.get(normaliseResourceId(resourceId));
  }

  list(): readonly ManagedIdentity[] {
    return [...this.identities.values()];
  }

  /** Every assignment, in the order made. */
  roleAssignments(): readonly RoleAssignmentRecord[] {
    return this.assignments;
  }

  /**
   * Records an assignment. An existing one with the same principal, role and scope is returned
   * instead with `created: false`: ARM refuses such a duplicate.
   */
  assignRole(assignment: Omit<RoleAssignmentRecord, "name"> & { name?: string }): {
    record: RoleAssignmentRecord;
    created: boolean;
  } {
    const existing = this.assignments.find(
      (candidate) =>
        candidate.principalId.toLowerCase() === assignment.principalId.toLowerCase() &&
        candidate.roleDefinitionName === assignment.roleDefinitionName.toLowerCase() &&
        normaliseResourceId(candidate.scope) === normaliseResourceId(assignment.scope),
    );
    if (existing) return { record: existing, created: false };
    const record: RoleAssignmentRecord = {
      ...assignment,
      roleDefinitionName: assignment.roleDefinitionName.toLowerCase(),
      name: (
        assignment.name ??
        derivedName(assignment.principalId, assignment.roleDefinitionName, assignment.scope)
      ).toLowerCase(),
    };
    this.assignments.push(record);
    return { record, created: true };
  }

  /** Removes the assignment of that name made at that scope; the removed record, if there was one. */
  removeRoleAssignment(scope: string, name: string): RoleAssignmentRecord | undefined {
    const index = this.assignments.findIndex(
      (candidate) =>
        candidate.name === name.toLowerCase() &&
        normaliseResourceId(candidate.scope) === normaliseResourceId(scope),
    );
    if (index < 0) return undefined;
    return this.assignments.splice(index, 1)[0];
  }

  /** The roles a principal holds at `scope`, made there or above it. */
  private rolesAt(principalId: string, scope: string): RoleDefinitionRecord[] {
    const principal = principalId.toLowerCase();
    return this.assignments
      .filter((record) => record.principalId.toLowerCase() === principal && scopeCovers(record.scope, scope))
      .flatMap((record) => findRoleDefinition(record.roleDefinitionName) ?? []);
  }

  /** Whether the principal may perform a control-plane action at `scope` (ARM's authorization check). */
  permits(principalId: string, action: string, scope: string): boolean {
    return this.rolesAt(principalId, scope).some((definition) => grantsAction(definition, action));
  }

  /**
   * Scenario shorthand for "the principal holds Storage Blob Data Reader on the autostorage
   * account", the role seed 000 grants in the portal.
   */
  assignStorageRole(principalId: string, createdOn: string): void {
    this.assignRole({
      scope: this.storageScope,
      roleDefinitionName: builtInRoles.storageBlobDataReader.name,
      principalId,
      principalType: "ServicePrincipal",
      createdOn,
    });
  }

  /** Whether the principal may read blobs in the autostorage account, through any of its roles. */
  hasStorageRole(principalId: string): boolean {
    return this.rolesAt(principalId, this.storageScope).some((definition) =>
      grantsDataAction(definition, blobReadDataAction),
    );
  }

  /** Normalised resource ids of the user-assigned identities that can read the autostorage account. */
  storageReaders(): ReadonlySet<string> {
    const readers = new Set<string>();
    for (const [key, identity] of this.identities) {
      if (this.hasStorageRole(identity.principalId)) readers.add(key);
    }
    return readers;
  }
}
