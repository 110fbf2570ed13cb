import { test } from "node:test";
import assert from "node:assert/strict";
import { diagnoseAccount, diagnosePool } from "../../../../src/model/doctor/diagnose.js";
import type {
  AccountEvidence,
  NodeFact,
  PoolEvidence,
  TaskFailureFact,
} from "../../../../src/model/doctor/evidence.js";
import { needsAttention } from "../../../../src/model/doctor/verdict.js";
import type { RoleAssignmentsSeen } from "../../../../src/model/identities.js";

const id = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const storageId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
const now = new Date("2026-12-07T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

const nodesId = { resourceId: id("id-nodes"), principalId: "p-nodes" };
const etlId = { resourceId: id("id-etl"), principalId: "p-etl" };
const vaultId = { resourceId: id("id-vault"), principalId: "p-vault" };

const readerRole = "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const rolesRead: RoleAssignmentsSeen = {
  kind: "read",
  scope: storageId,
  assignments: [
    {
      principalId: "p-nodes",
      roleDefinitionId: readerRole,
      roleName: "Storage Blob Data Reader",
      scope: storageId,
    },
  ],
};
const unreadable: RoleAssignmentsSeen = {
  kind: "unreadable",
  scope: storageId,
  status: 403,
  reason: "403 AuthorizationFailed",
};

function account(overrides: Partial<AccountEvidence> = {}): AccountEvidence {
  return {
    name: "acct",
    autoStorage: {
      storageAccountId: storageId,
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityResourceId: id("id-nodes"),
    },
    identity: { type: "SystemAssigned", principalId: "p-account", userAssignedIdentities: [] },
    storageRoles: rolesRead,
    ...overrides,
  };
}

function node(
  nodeId: string,
  state: string,
  options: { errors?: string[]; allocated?: number; since?: number } = {},
): NodeFact {
  return {
    id: nodeId,
    state,
    allocationTime: minutesAgo(options.allocated ?? 60),
    stateTransitionTime: minutesAgo(options.since ?? options.allocated ?? 60),
    errorCodes: options.errors ?? [],
  };
}

function failure(code: string, nodeId: string, identity?: string): TaskFailureFact {
  return {
    taskId: `t-${nodeId}-${code}`,
    code,
    nodeId,
    ...(identity ? { identityReference: identity } : {}),
  };
}

function pool(overrides: Partial<PoolEvidence> = {}): PoolEvidence {
  return {
    observedAt: now,
    poolId: "p",
    account: account(),
    identities: [nodesId],
    applicationPackages: ["etl-tool"],
    identitiesChanged: { at: minutesAgo(120), source: "pool lastModified" },
    nodes: [node("n1", "idle"), node("n2", "idle")],
    tasks: { kind: "read", jobId: "adfv2-p", failures: [], truncated: false, laterSuccesses: [] },
    ...overrides,
  };
}

test("row 1: the reference on the pool with a storage role and no symptom is healthy", () => {
  const verdict = diagnosePool(pool());
  assert.equal(verdict.case, "healthy");
  assert.deepEqual(verdict.fix, []);
  assert.ok(
    verdict.observed.some((line) => /id-nodes on autostorage: holds Storage Blob Data Reader/.test(line)),
  );
});

test("row 2: a named identity on the pool without a role, tasks denied: grant it Storage Blob Data Reader", () => {
  const verdict = diagnosePool(
    pool({
      identities: [nodesId, etlId],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1", id("id-etl"))],
      },
    }),
  );
  assert.equal(verdict.case, "identity-without-storage-role");
  assert.match(verdict.summary, /id-etl has no storage role/);
  assert.deepEqual(verdict.fix, [
    {
      kind: "grant",
      principalId: "p-etl",
      role: "Storage Blob Data Reader",
      scope: storageId,
      command: `az role assignment create --assignee-object-id p-etl --assignee-principal-type ServicePrincipal --role "Storage Blob Data Reader" --scope ${storageId}`,
    },
  ]);
  assert.ok(verdict.observed.some((line) => /id-etl on autostorage: holds none of/.test(line)));
  assert.ok(verdict.inferred.some((line) => /^row 2/.test(line)));
});

test("row 2 with role assignments unreadable: the symptoms still decide, and the role is unknown, not missing", () => {
  const verdict = diagnosePool(
    pool({
      account: account({ storageRoles: unreadable }),
      identities: [nodesId, etlId],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1", id("id-etl"))],
      },
    }),
  );
  assert.equal(verdict.case, "identity-without-storage-role");
  assert.match(verdict.summary, /role assignments unknown/);
  assert.ok(
    verdict.observed.some((line) =>
      /id-etl on autostorage: role unknown: 403 AuthorizationFailed/.test(line),
    ),
  );
  assert.ok(!verdict.observed.some((line) => /holds none/.test(line)));
});

test("denied with no identity named, the reference on the pool and roles unknown: rows 2 and 3 both fit, so unexplained", () => {
  const verdict = diagnosePool(
    pool({
      account: account({ storageRoles: unreadable }),
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "unexplained");
  assert.deepEqual(verdict.fix, []);
  assert.ok(verdict.inferred.some((line) => /row 2 .* row 3/.test(line)));
});

test("denied with the reference holding its role: row 3, the nodes predate the reference; cycle", () => {
  const verdict = diagnosePool(
    pool({
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "nodes-before-reference");
  assert.deepEqual(verdict.fix, [{ kind: "cycle", poolId: "p" }]);
});

test("row 3: nodes stuck in starting with application packages, reference not on the pool: attach it, then cycle", () => {
  const verdict = diagnosePool(
    pool({
      identities: [vaultId],
      nodes: [node("n1", "idle"), node("n2", "starting", { allocated: 25 })],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "nodes-before-reference");
  assert.match(verdict.summary, /^1 node stuck in starting/);
  assert.deepEqual(verdict.fix, [
    { kind: "attach", poolId: "p", identityResourceId: id("id-nodes") },
    { kind: "cycle", poolId: "p" },
  ]);
  assert.ok(
    verdict.observed.some((line) => /1 node in starting for 15 min or more \(longest 25 min\)/.test(line)),
  );
});

test("a node starting for a few minutes is not stuck", () => {
  const verdict = diagnosePool(pool({ nodes: [node("n1", "starting", { allocated: 3 })] }));
  assert.equal(verdict.case, "healthy");
});

test("row 3 when the account has no reference at all: set one (not a batchtop action), then cycle", () => {
  const verdict = diagnosePool(
    pool({
      account: account({
        autoStorage: { storageAccountId: storageId, authenticationMode: "BatchAccountManagedIdentity" },
      }),
      nodes: [node("n1", "starting", { allocated: 30 })],
    }),
  );
  assert.equal(verdict.case, "nodes-before-reference");
  assert.equal(verdict.fix[0]?.kind, "manual");
  assert.deepEqual(verdict.fix[1], { kind: "cycle", poolId: "p" });
});

test("denied, reference not on the pool, no identity named: row 3 (row 4 would fail to list); attach, then cycle", () => {
  const verdict = diagnosePool(
    pool({
      identities: [vaultId],
      applicationPackages: [],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "nodes-before-reference");
  assert.deepEqual(
    verdict.fix.map((fix) => fix.kind),
    ["attach", "cycle"],
  );
});

test("row 4: unusable nodes with ApplicationPackageError and the reference not on the pool: attach, then cycle", () => {
  const verdict = diagnosePool(
    pool({
      identities: [vaultId],
      nodes: [node("n1", "idle"), node("n2", "unusable", { errors: ["ApplicationPackageError"] })],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerListMiscError", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "reference-not-on-pool");
  assert.deepEqual(verdict.fix, [
    { kind: "attach", poolId: "p", identityResourceId: id("id-nodes") },
    { kind: "cycle", poolId: "p" },
  ]);
  assert.ok(
    verdict.observed.some((line) => line === "node errors (nodes with each): 1 ApplicationPackageError"),
  );
  assert.ok(verdict.observed.some((line) => /1 ResourceContainerListMiscError/.test(line)));
});

test("row 4 after the attach but before the cycle: the nodes predate the change, so only the cycle is left", () => {
  const verdict = diagnosePool(
    pool({
      identitiesChanged: { at: minutesAgo(5), source: "pool lastModified" },
      nodes: [node("n1", "unusable", { errors: ["ApplicationPackageError"], allocated: 40 })],
    }),
  );
  assert.equal(verdict.case, "reference-not-on-pool");
  assert.deepEqual(verdict.fix, [{ kind: "cycle", poolId: "p" }]);
  assert.ok(verdict.observed.some((line) => /1 of 1 nodes allocated before it/.test(line)));
});

test("ApplicationPackageError on nodes allocated with the reference on the pool is not an identity case", () => {
  const verdict = diagnosePool(
    pool({ nodes: [node("n1", "unusable", { errors: ["ApplicationPackageError"], allocated: 10 })] }),
  );
  assert.equal(verdict.case, "unexplained");
  assert.deepEqual(verdict.fix, []);
});

test("failures on nodes that left the pool (after a cycle) are not counted", () => {
  const verdict = diagnosePool(
    pool({
      nodes: [node("n9", "idle", { allocated: 2 })],
      tasks: {
        kind: "read",
        jobId: "adfv2-p",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerListMiscError", "n1")],
      },
    }),
  );
  assert.equal(verdict.case, "healthy");
  assert.ok(verdict.observed.some((line) => /1 failed task ran on nodes no longer in the pool/.test(line)));
});

test("no symptom but the reference missing from a pool with packages: latent row 4", () => {
  const verdict = diagnosePool(pool({ identities: [vaultId], nodes: [] }));
  assert.equal(verdict.case, "reference-not-on-pool");
  assert.deepEqual(verdict.fix, [{ kind: "attach", poolId: "p", identityResourceId: id("id-nodes") }]);
});

test("storage keys: the identity cases do not apply", () => {
  const verdict = diagnosePool(
    pool({
      account: account({ autoStorage: { storageAccountId: storageId, authenticationMode: "StorageKeys" } }),
      identities: [],
    }),
  );
  assert.equal(verdict.case, "healthy");
});

test("the account's own identity without a blob data role: grant Storage Blob Data Contributor", () => {
  const verdict = diagnoseAccount(account());
  assert.equal(verdict.case, "account-identity-without-autostorage-role");
  assert.equal(verdict.fix[0]?.kind, "grant");
  assert.match(
    verdict.fix[0]?.kind === "grant" ? verdict.fix[0].command : "",
    /--assignee-object-id p-account .*--role "Storage Blob Data Contributor"/,
  );
  assert.ok(needsAttention(verdict));
});

test("the account check is unknown, not failed, when the role assignments cannot be read", () => {
  const verdict = diagnoseAccount(account({ storageRoles: unreadable }));
  assert.equal(verdict.case, "unknown");
  assert.equal(needsAttention(verdict), false);
  assert.ok(verdict.observed.some((line) => /role unknown: 403 AuthorizationFailed/.test(line)));
});

test("a custom role is not judged: unknown, never missing", () => {
  const verdict = diagnoseAccount(
    account({
      storageRoles: {
        kind: "read",
        scope: storageId,
        assignments: [
          {
            principalId: "p-account",
            roleDefinitionId: "/x/roleDefinitions/custom",
            roleName: "Blob Uploader",
            scope: storageId,
          },
        ],
      },
    }),
  );
  assert.equal(verdict.case, "unknown");
});

test("the account's identity with Contributor on blobs is healthy", () => {
  const verdict = diagnoseAccount(
    account({
      storageRoles: {
        kind: "read",
        scope: storageId,
        assignments: [
          {
            principalId: "p-account",
            roleDefinitionId: "/x/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            scope: "/subscriptions/s",
          },
        ],
      },
    }),
  );
  assert.equal(verdict.case, "healthy");
});

test("service text is neutralised and shell-unsafe ids are quoted in the grant line", () => {
  const evil = "p\u001b]52;c;aGk=\u0007-x; rm -rf ~";
  const verdict = diagnosePool(
    pool({
      identities: [nodesId, { resourceId: id("id-etl"), principalId: evil }],
      tasks: {
        kind: "read",
        jobId: "adfv2-p\u202e",
        truncated: false,
        laterSuccesses: [],
        failures: [failure("ResourceContainerAccessDenied", "n1", id("id-etl"))],
      },
    }),
  );
  const text = JSON.stringify(verdict);
  assert.ok(!text.includes("\\u001b") && !text.includes("\u202e"));
  const grant = verdict.fix[0];
  assert.equal(grant?.kind, "grant");
  assert.match(grant?.kind === "grant" ? grant.command : "", /--assignee-object-id 'p-x; rm -rf ~'/);
});
