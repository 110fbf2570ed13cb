// The demo tenant's user-assigned managed identities, and the role assignments on the autostorage
// account. Role assignments live outside the Batch API (Azure RBAC on the storage account), so the
// world keeps them as facts that scenarios set and tests change, as an operator would in the portal.

/** ARM resource ids compare without regard to case. */
export function normaliseResourceId(resourceId: string): string {
  return resourceId.toLowerCase();
}

export interface ManagedIdentity {
  resourceId: string;
  clientId: string;
  principalId: string;
}

export class IdentityDirectory {
  private readonly identities = new Map<string, ManagedIdentity>();
  /** Principal ids holding a data role (e.g. Storage Blob Data Reader) on the autostorage account. */
  private readonly storageRoles = new Set<string>();

  add(identity: ManagedIdentity): void {
    this.identities.set(normaliseResourceId(identity.resourceId), identity);
  }

  find(resourceId: string): ManagedIdentity | undefined {
    return this.identities.get(normaliseResourceId(resourceId));
  }

  assignStorageRole(principalId: string): void {
    this.storageRoles.add(principalId.toLowerCase());
  }

  hasStorageRole(principalId: string): boolean {
    return this.storageRoles.has(principalId.toLowerCase());
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
