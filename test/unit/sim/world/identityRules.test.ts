import { test } from "node:test";
import assert from "node:assert/strict";
import type { Pool, ResourceFile } from "../../../../src/sim/world/entities.js";
import {
  nodeFateFor,
  nodeIdentitySetup,
  resourceFileFailure,
  type NodeIdentitySetup,
} from "../../../../src/sim/world/identityRules.js";
import type { AccountConfig } from "../../../../src/sim/world/accountConfig.js";

// The seed's two behaviour tables (001: application packages, resource files), row by row.

const identityId = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const nodes = identityId("id-nodes").toLowerCase();
const etl = identityId("id-etl").toLowerCase();
const vault = identityId("id-vault").toLowerCase();
const storage = "stdemo";

function setup(overrides: Partial<NodeIdentitySetup> = {}): NodeIdentitySetup {
  return {
    identityIds: [nodes],
    autoStorageMode: "BatchAccountManagedIdentity",
    nodeIdentityReference: nodes,
    applicationPackages: true,
    ...overrides,
  };
}

const adfjobs: ResourceFile = {
  storageContainerUrl: `https://${storage}.blob.core.windows.net/adfjobs`,
  blobPrefix: "run/runtime/",
};
const withReference = (resourceId: string): ResourceFile => ({
  ...adfjobs,
  identityReference: { resourceId },
});

test("the node setup records the pool's identities, the account's reference and packages, normalised", () => {
  const pool = {
    identity: {
      type: "UserAssigned",
      userAssignedIdentities: [{ resourceId: identityId("ID-Nodes") }, { resourceId: identityId("id-etl") }],
    },
    applicationPackageReferences: [{ applicationId: "etl-tool" }],
  } as Pool;
  const account = {
    autoStorage: {
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityReference: identityId("id-NODES"),
      lastKeySync: "",
    },
  } as AccountConfig;
  assert.deepEqual(nodeIdentitySetup(pool, account), {
    identityIds: [nodes, etl],
    autoStorageMode: "BatchAccountManagedIdentity",
    nodeIdentityReference: nodes,
    applicationPackages: true,
  });
  const bare = nodeIdentitySetup(
    {} as Pool,
    {
      autoStorage: { authenticationMode: "StorageKeys", nodeIdentityReference: undefined, lastKeySync: "" },
    } as AccountConfig,
  );
  assert.deepEqual(bare, {
    identityIds: [],
    autoStorageMode: "StorageKeys",
    nodeIdentityReference: undefined,
    applicationPackages: false,
  });
});

test("application packages: rows 1 and 2 start, row 3 is stuck starting, row 4 is unusable", () => {
  assert.deepEqual(nodeFateFor(setup()), { kind: "healthy" });
  // Row 2 differs from row 1 only in the storage role, which a node's state does not show.
  assert.deepEqual(nodeFateFor(setup({ identityIds: [nodes, etl] })), { kind: "healthy" });
  assert.deepEqual(nodeFateFor(setup({ nodeIdentityReference: undefined })), { kind: "stuckStarting" });
  assert.deepEqual(nodeFateFor(setup({ identityIds: [vault] })), {
    kind: "unusable",
    errors: [
      {
        code: "ApplicationPackageError",
        message: "One or more application packages specified for the pool are invalid",
      },
    ],
  });
});

test("application packages: nothing to install or storage keys means no identity is needed", () => {
  const broken = { identityIds: [], nodeIdentityReference: undefined };
  assert.deepEqual(nodeFateFor(setup({ ...broken, applicationPackages: false })), { kind: "healthy" });
  assert.deepEqual(nodeFateFor(setup({ ...broken, autoStorageMode: "StorageKeys" })), { kind: "healthy" });
});

test("resource files: row 1 downloads, 2 and 3 are denied, 4 cannot list the container", () => {
  const readers = new Set([nodes]);
  const failure = (files: ResourceFile[], node = setup()) =>
    resourceFileFailure(files, node, readers, storage)?.code;
  assert.equal(failure([adfjobs]), undefined);
  assert.equal(
    failure([withReference(identityId("id-etl"))], setup({ identityIds: [nodes, etl] })),
    "ResourceContainerAccessDenied",
  );
  assert.equal(
    failure([adfjobs], setup({ nodeIdentityReference: undefined })),
    "ResourceContainerAccessDenied",
  );
  assert.equal(failure([adfjobs], setup({ identityIds: [vault] })), "ResourceContainerListMiscError");
  assert.equal(failure([withReference(identityId("id-etl"))]), "ResourceContainerListMiscError");
  assert.deepEqual(resourceFileFailure([adfjobs], setup({ identityIds: [vault] }), readers, storage), {
    category: "usererror",
    code: "ResourceContainerListMiscError",
    message: "Miscellaneous error encountered while listing one of the specified Azure Blob container(s)",
    details: [
      { name: "ContainerUrl", value: adfjobs.storageContainerUrl },
      { name: "IdentityReference", value: nodes },
      { name: "Message", value: "The identity is not assigned to the pool: IMDS answered 400 Bad Request" },
    ],
  });
  assert.deepEqual(
    resourceFileFailure([adfjobs], setup({ nodeIdentityReference: undefined }), readers, storage),
    {
      category: "usererror",
      code: "ResourceContainerAccessDenied",
      message: "Access for one of the specified Azure Blob container(s) is denied",
      details: [
        { name: "ContainerUrl", value: adfjobs.storageContainerUrl },
        {
          name: "Message",
          value:
            "No identity reference was given for the container and the account has no node identity reference",
        },
      ],
    },
  );
  assert.deepEqual(
    resourceFileFailure(
      [withReference(identityId("id-etl"))],
      setup({ identityIds: [nodes, etl] }),
      readers,
      storage,
    )?.details,
    [
      { name: "ContainerUrl", value: adfjobs.storageContainerUrl },
      { name: "IdentityReference", value: etl },
      {
        name: "Message",
        value: "This request is not authorized to perform this operation using this permission.",
      },
    ],
    "the container and the identity that was refused",
  );
});

test("resource files: a role granted later counts at once; the node's identities do not change", () => {
  const node = setup({ identityIds: [nodes, etl] });
  const files = [withReference(identityId("ID-ETL"))];
  assert.equal(
    resourceFileFailure(files, node, new Set([nodes]), storage)?.code,
    "ResourceContainerAccessDenied",
  );
  assert.equal(resourceFileFailure(files, node, new Set([nodes, etl]), storage), undefined);
});

test("resource files: the autostorage container by name uses the node identity reference", () => {
  const byName: ResourceFile = { autoStorageContainerName: "inputs" };
  assert.equal(resourceFileFailure([byName], setup(), new Set([nodes]), storage), undefined);
  assert.equal(
    resourceFileFailure([byName], setup({ identityIds: [vault] }), new Set([nodes]), storage)?.code,
    "ResourceContainerListMiscError",
  );
});

test("resource files: other storage, single blobs and storage keys without a reference are not checked", () => {
  const node = setup({ identityIds: [], nodeIdentityReference: undefined });
  const none = new Set<string>();
  const elsewhere: ResourceFile = { storageContainerUrl: "https://other.blob.core.windows.net/data" };
  const blob: ResourceFile = { httpUrl: `https://${storage}.blob.core.windows.net/scripts/run.py` };
  assert.equal(resourceFileFailure([elsewhere, blob], node, none, storage), undefined);
  assert.equal(
    resourceFileFailure([adfjobs], { ...node, autoStorageMode: "StorageKeys" }, none, storage),
    undefined,
  );
  // An explicit identity reference is used whatever the autostorage mode.
  assert.equal(
    resourceFileFailure(
      [withReference(identityId("id-etl"))],
      { ...node, autoStorageMode: "StorageKeys" },
      none,
      storage,
    )?.code,
    "ResourceContainerListMiscError",
  );
  assert.equal(resourceFileFailure(undefined, node, none, storage), undefined);
});
