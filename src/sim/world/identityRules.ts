// The behaviour tables of "Use managed identities in an Azure Batch account or pool" (seed 001) as
// rules. A node that installs the pool's application packages, and a task that downloads resource
// files from the autostorage account, reach storage with one user-assigned identity: the resource
// file's own identity reference, or else the account's autostorage node identity reference. What
// happens depends on that identity being given, being on the node, and holding a storage data role:
//
//   row  identity                         node (application packages)         task (resource files)
//   1    on the node, role held           starts, packages downloaded         files downloaded
//   2    on the node, no role             idle, packages not downloaded       ResourceContainerAccessDenied
//   3    not given                        stuck in starting                   ResourceContainerAccessDenied
//   4    given, not on the node           unusable, ApplicationPackageError   ResourceContainerListMiscError
//
// The node side is read when a node is allocated and kept with it: a node keeps the identities its VM
// was created with, so a pool identity change reaches only nodes allocated afterwards.

import type { ComputeNodeError, Pool, ResourceFile, TaskFailureInfo } from "./entities.js";
import { normaliseResourceId } from "./identityDirectory.js";
import type { AccountConfig, AutoStorageAuthenticationMode } from "./accountConfig.js";
import type { NodeFate } from "./nodeFate.js";

/** What a node is created with, as far as identities go. Resource ids are normalised. */
export interface NodeIdentitySetup {
  identityIds: readonly string[];
  autoStorageMode: AutoStorageAuthenticationMode;
  nodeIdentityReference: string | undefined;
  applicationPackages: boolean;
}

export const applicationPackageError: ComputeNodeError = {
  code: "ApplicationPackageError",
  message: "One or more application packages specified for the pool are invalid",
};

export const resourceContainerAccessDenied: TaskFailureInfo = {
  category: "usererror",
  code: "ResourceContainerAccessDenied",
  message: "Access for one of the specified Azure Blob container(s) is denied",
};

export const resourceContainerListMiscError: TaskFailureInfo = {
  category: "usererror",
  code: "ResourceContainerListMiscError",
  message: "Miscellaneous error encountered while listing one of the specified Azure Blob container(s)",
};

export function nodeIdentitySetup(pool: Pool, account: AccountConfig): NodeIdentitySetup {
  const reference = account.autoStorage.nodeIdentityReference;
  return {
    identityIds: (pool.identity?.userAssignedIdentities ?? []).map((identity) =>
      normaliseResourceId(identity.resourceId),
    ),
    autoStorageMode: account.autoStorage.authenticationMode,
    nodeIdentityReference: reference === undefined ? undefined : normaliseResourceId(reference),
    applicationPackages: (pool.applicationPackageReferences ?? []).length > 0,
  };
}

const healthy: NodeFate = { kind: "healthy" };

/**
 * How a node boots. Only a node with application packages to install needs the autostorage account
 * at boot, and with storage keys it gets a SAS from the service instead of using an identity.
 */
export function nodeFateFor(setup: NodeIdentitySetup): NodeFate {
  if (setup.autoStorageMode !== "BatchAccountManagedIdentity" || !setup.applicationPackages) return healthy;
  const reference = setup.nodeIdentityReference;
  // Row 3: the node identity reference the service hands the node is null, and the node never
  // finishes joining the pool ("pool not fully joined yet, health=Status.TvmJoinPoolInProgress").
  if (reference === undefined) return { kind: "stuckStarting" };
  if (!setup.identityIds.includes(reference)) return { kind: "unusable", errors: [applicationPackageError] };
  // Row 2 ends here too: the node idles without its packages, and nothing on the node shows it.
  return healthy;
}

function blobHost(storageAccountName: string): string {
  return `https://${storageAccountName}.blob.core.windows.net/`.toLowerCase();
}

/**
 * The identity a container resource file is fetched with, or `null` when it is fetched without one
 * (a SAS from storage keys, or a container outside the autostorage account this world knows about).
 * `undefined` means an identity was needed and none was given.
 */
function identityFor(
  file: ResourceFile,
  setup: NodeIdentitySetup,
  autoStorageHost: string,
): string | undefined | null {
  const inAutoStorage =
    file.autoStorageContainerName !== undefined ||
    (file.storageContainerUrl?.toLowerCase().startsWith(autoStorageHost) ?? false);
  if (!inAutoStorage) return null;
  if (file.identityReference) return normaliseResourceId(file.identityReference.resourceId);
  if (setup.autoStorageMode !== "BatchAccountManagedIdentity") return null;
  return setup.nodeIdentityReference;
}

/**
 * Why a task's resource files cannot be downloaded on a node, if they cannot. The seed's table is
 * about blob containers, so single-blob (httpUrl) files are left alone. Role assignments are read
 * when the task starts: granting a role heals tasks without cycling nodes, as RBAC does.
 */
export function resourceFileFailure(
  resourceFiles: readonly ResourceFile[] | undefined,
  setup: NodeIdentitySetup,
  storageReaders: ReadonlySet<string>,
  storageAccountName: string,
): TaskFailureInfo | undefined {
  const host = blobHost(storageAccountName);
  for (const file of resourceFiles ?? []) {
    if (file.autoStorageContainerName === undefined && file.storageContainerUrl === undefined) continue;
    const identity = identityFor(file, setup, host);
    if (identity === null) continue;
    const container = file.storageContainerUrl ?? file.autoStorageContainerName ?? "";
    if (identity === undefined)
      return withDetails(resourceContainerAccessDenied, container, undefined, noIdentityMessage);
    // The node asks IMDS for a token of an identity its VM does not have and gets 400 Bad Request.
    if (!setup.identityIds.includes(identity))
      return withDetails(resourceContainerListMiscError, container, identity, notOnNodeMessage);
    if (!storageReaders.has(identity))
      return withDetails(resourceContainerAccessDenied, container, identity, noRoleMessage);
  }
  return undefined;
}

const noIdentityMessage =
  "No identity reference was given for the container and the account has no node identity reference";
const notOnNodeMessage = "The identity is not assigned to the pool: IMDS answered 400 Bad Request";
const noRoleMessage = "This request is not authorized to perform this operation using this permission.";

/**
 * The failure with the name/value details the operator needs and the generic message hides: which
 * container was refused, to which identity, and what storage or IMDS said.
 */
function withDetails(
  failure: TaskFailureInfo,
  container: string,
  identity: string | undefined,
  message: string,
): TaskFailureInfo {
  return {
    ...failure,
    details: [
      { name: "ContainerUrl", value: container },
      ...(identity === undefined ? [] : [{ name: "IdentityReference", value: identity }]),
      { name: "Message", value: message },
    ],
  };
}
