// The identity doctor: which row of the behaviour tables of 001_a5bcfcf801ea43e6.txt a pool is in.
//
//   row  identity                         node (application packages)         task (resource files)
//   1    on the node, role held           starts, packages downloaded         files downloaded
//   2    on the node, no role             idle, packages not downloaded       ResourceContainerAccessDenied
//   3    not given (no reference)         stuck in starting                   ResourceContainerAccessDenied
//   4    given, not on the node           unusable, ApplicationPackageError   ResourceContainerListMiscError
//
// A node keeps the identities and the reference it was allocated with, so the symptoms tell what the
// node got, and the pool's and the account's settings tell what a node allocated now would get. Where
// the symptoms fit no row, or two rows and the facts that would decide are unknown, the verdict says
// so (unexplained) instead of choosing.

import { identityName } from "../pools.js";
import type { AccountEvidence, NodeFact, PoolEvidence, TaskFailureFact } from "./evidence.js";
import { sameResourceId } from "./evidence.js";
import {
  blobDataContributor,
  blobDataReader,
  describeStanding,
  grantCommand,
  readRoles,
  roleStanding,
  writeRoles,
  type RoleStanding,
} from "./storageRoles.js";
import { sanitizeVerdict, type DoctorCase, type Fix, type Verdict } from "./verdict.js";

/** A node in `starting` this long has not just been slow: row 3's nodes never leave it. */
export const stuckStartingMs = 15 * 60_000;

export const applicationPackageError = "ApplicationPackageError";
export const accessDenied = "ResourceContainerAccessDenied";
export const listMiscError = "ResourceContainerListMiscError";

const managedIdentityMode = "BatchAccountManagedIdentity";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function minutes(ms: number): string {
  return `${Math.floor(ms / 60_000)} min`;
}

/** `{a: 2, b: 1}` as "2 a, 1 b", the largest first. */
function counted(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([key, count]) => `${count} ${key}`)
    .join(", ");
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

class Findings {
  readonly observed: string[] = [];
  readonly inferred: string[] = [];

  verdict(kind: DoctorCase, summary: string, fix: Fix[] = []): Verdict {
    return sanitizeVerdict({ case: kind, summary, observed: this.observed, inferred: this.inferred, fix });
  }
}

/** What the pool's tasks and nodes show, reduced to what the rows tell apart. */
interface Symptoms {
  stuck: NodeFact[];
  packageErrors: NodeFact[];
  denied: TaskFailureFact[];
  listErrors: TaskFailureFact[];
}

function observeAccount(account: AccountEvidence, findings: Findings): void {
  const storage = account.autoStorage;
  if (!storage) {
    findings.observed.push(`account ${account.name} has no autostorage account`);
    return;
  }
  const reference = storage.nodeIdentityResourceId;
  findings.observed.push(
    `autostorage ${storage.storageAccountId}: authentication mode ${storage.authenticationMode}, node identity reference ${reference ? identityName(reference) : "none"}`,
  );
}

function observeNodes(evidence: PoolEvidence, findings: Findings): Symptoms["stuck"] {
  const { nodes, observedAt, identitiesChanged } = evidence;
  if (nodes.length === 0) {
    findings.observed.push("the pool has no nodes");
    return [];
  }
  findings.observed.push(`nodes: ${counted(countBy(nodes, (node) => node.state))} (of ${nodes.length})`);
  const errors = countBy(
    nodes.flatMap((node) => [...new Set(node.errorCodes)]),
    (code) => code,
  );
  if (errors.size > 0) findings.observed.push(`node errors (nodes with each): ${counted(errors)}`);
  const stuck = nodes.filter((node) => {
    const since = node.stateTransitionTime ?? node.allocationTime;
    return (
      node.state === "starting" &&
      since !== undefined &&
      observedAt.getTime() - since.getTime() >= stuckStartingMs
    );
  });
  if (stuck.length > 0) {
    const longest = Math.max(
      ...stuck.map(
        (node) => observedAt.getTime() - (node.stateTransitionTime ?? node.allocationTime)!.getTime(),
      ),
    );
    findings.observed.push(
      `${plural(stuck.length, "node")} in starting for ${minutes(stuckStartingMs)} or more (longest ${minutes(longest)})`,
    );
  }
  if (identitiesChanged) {
    const unknown = nodes.filter((node) => node.allocationTime === undefined).length;
    const before = nodes.filter(
      (node) => node.allocationTime !== undefined && node.allocationTime < identitiesChanged.at,
    ).length;
    findings.observed.push(
      `pool last changed ${identitiesChanged.at.toISOString()} (${identitiesChanged.source}): ${before} of ${nodes.length} nodes allocated before it${unknown > 0 ? `, ${unknown} with no allocation time` : ""}`,
    );
  }
  return stuck;
}

function observeTasks(evidence: PoolEvidence, findings: Findings): TaskFailureFact[] {
  const { tasks, nodes } = evidence;
  if (tasks.kind === "no-job") {
    findings.observed.push(`no job ${tasks.jobId}: no ADF task has run on this pool`);
    return [];
  }
  const current = new Set(nodes.map((node) => node.id));
  // A failure on a node that has left the pool says nothing about the nodes it has now, and one on a
  // node where a task has succeeded since is over.
  const recovered = new Set(
    tasks.laterSuccesses.flatMap((success) => (success.nodeId ? [success.nodeId] : [])),
  );
  const onCurrent = tasks.failures.filter(
    (failure) => failure.nodeId === undefined || current.has(failure.nodeId),
  );
  const here = onCurrent.filter((failure) => failure.nodeId === undefined || !recovered.has(failure.nodeId));
  const gone = tasks.failures.length - onCurrent.length;
  const over = onCurrent.length - here.length;
  const latest = Math.max(...here.map((failure) => failure.at?.getTime() ?? -Infinity));
  findings.observed.push(
    here.length === 0
      ? `no current failed task of ${tasks.jobId} in the last hour`
      : `failed tasks of ${tasks.jobId} in the last hour, on the pool's current nodes: ${counted(countBy(here, (failure) => failure.code ?? "no code"))}${Number.isFinite(latest) ? ` (latest ${new Date(latest).toISOString()})` : ""}`,
  );
  if (gone > 0)
    findings.observed.push(`${plural(gone, "failed task")} ran on nodes no longer in the pool (not counted)`);
  if (over > 0)
    findings.observed.push(
      `${plural(over, "failed task")} ran on nodes where a task has succeeded since (${[...recovered].sort().join(", ")}): not counted`,
    );
  if (tasks.truncated) findings.observed.push("the first page of failed tasks was full: only it was read");
  const named = countBy(here, (failure) => failure.identityReference);
  for (const [identity, count] of named)
    findings.observed.push(
      `${plural(count, "failure")} name the identity ${identityName(identity)} (IdentityReference)`,
    );
  return here;
}

/** The identity most failures name, if any does. */
function namedIdentity(failures: readonly TaskFailureFact[]): string | undefined {
  const counts = countBy(failures, (failure) => failure.identityReference);
  return [...counts].sort(([, a], [, b]) => b - a)[0]?.[0];
}

function principalOf(evidence: PoolEvidence, resourceId: string): string | undefined {
  return evidence.identities.find((identity) => sameResourceId(identity.resourceId, resourceId))?.principalId;
}

function allocatedBeforeChange(evidence: PoolEvidence, nodes: readonly NodeFact[]): boolean {
  const change = evidence.identitiesChanged;
  return (
    change !== undefined &&
    nodes.length > 0 &&
    nodes.every((node) => node.allocationTime !== undefined && node.allocationTime < change.at)
  );
}

/** The nodes the failures ran on that are still in the pool. */
function nodesOf(evidence: PoolEvidence, failures: readonly TaskFailureFact[]): NodeFact[] {
  const ids = new Set(failures.map((failure) => failure.nodeId));
  return evidence.nodes.filter((node) => ids.has(node.id));
}

/** Attach the identity first when it is missing, then cycle: only nodes allocated afterwards get it. */
function attachThenCycle(evidence: PoolEvidence, identity: string, onPool: boolean): Fix[] {
  const { poolId } = evidence;
  return [
    ...(onPool ? [] : [{ kind: "attach" as const, poolId, identityResourceId: identity }]),
    ...(evidence.nodes.length > 0 ? [{ kind: "cycle" as const, poolId }] : []),
  ];
}

function grantFix(principalId: string | undefined, role: string, scope: string, who: string): Fix {
  if (principalId === undefined)
    return {
      kind: "manual",
      text: `grant ${who} the ${role} role on ${scope} (its principal id is not known)`,
    };
  return { kind: "grant", principalId, role, scope, command: grantCommand(principalId, role, scope) };
}

/** The diagnosis of one pool from its evidence. Pure: the same evidence always gives the same verdict. */
export function diagnosePool(evidence: PoolEvidence): Verdict {
  const findings = new Findings();
  const { account, identities, applicationPackages, poolId } = evidence;
  observeAccount(account, findings);
  findings.observed.push(
    identities.length === 0
      ? "the pool has no user-assigned identity"
      : `pool identities: ${identities.map((identity) => identityName(identity.resourceId)).join(", ")}`,
  );
  findings.observed.push(
    applicationPackages.length === 0
      ? "the pool has no application package"
      : `application packages: ${applicationPackages.join(", ")}`,
  );
  const stuck = observeNodes(evidence, findings);
  const failures = observeTasks(evidence, findings);
  const symptoms: Symptoms = {
    stuck: applicationPackages.length > 0 ? stuck : [],
    packageErrors: evidence.nodes.filter(
      (node) => node.state === "unusable" && node.errorCodes.includes(applicationPackageError),
    ),
    denied: failures.filter((failure) => failure.code === accessDenied),
    listErrors: failures.filter((failure) => failure.code === listMiscError),
  };

  const storage = account.autoStorage;
  const managed = storage?.authenticationMode === managedIdentityMode;
  const reference = managed ? storage?.nodeIdentityResourceId : undefined;
  const onPool = (resourceId: string) =>
    identities.some((identity) => sameResourceId(identity.resourceId, resourceId));
  const standing = (resourceId: string): RoleStanding => {
    const result = roleStanding(account.storageRoles, principalOf(evidence, resourceId), readRoles);
    findings.observed.push(
      `${identityName(resourceId)} on autostorage: ${describeStanding(result, readRoles)}`,
    );
    return result;
  };
  const scope = storage?.storageAccountId ?? "";
  const referenceName = reference ? identityName(reference) : "";

  // Row 3, node side: only a node that installs application packages needs autostorage at boot.
  if (symptoms.stuck.length > 0 && managed) {
    if (!reference) {
      findings.inferred.push(
        "row 3: the account has no node identity reference, so nodes that install application packages never finish joining",
      );
      return findings.verdict(
        "nodes-before-reference",
        `${plural(symptoms.stuck.length, "node")} stuck in starting: the account has no node identity reference`,
        [
          {
            kind: "manual",
            text: "set the autostorage node identity reference on the account (Batch account, Storage account, Node identity reference) to an identity on this pool",
          },
          { kind: "cycle", poolId },
        ],
      );
    }
    findings.inferred.push(
      `row 3: the account has a node identity reference now, so these nodes were allocated before it had one and keep a null reference`,
    );
    if (!onPool(reference))
      findings.inferred.push(
        `${referenceName} is not on the pool: after a cycle alone, new nodes would be unusable (row 4); attach it first`,
      );
    return findings.verdict(
      "nodes-before-reference",
      `${plural(symptoms.stuck.length, "node")} stuck in starting: allocated before the account had a node identity reference`,
      attachThenCycle(evidence, reference, onPool(reference)),
    );
  }

  // Row 4, node side.
  if (symptoms.packageErrors.length > 0 && reference) {
    const count = plural(symptoms.packageErrors.length, "node");
    if (!onPool(reference)) {
      findings.inferred.push(
        `row 4: ${referenceName} is the node identity reference but not on the pool, so nodes cannot fetch the application packages`,
      );
      return findings.verdict(
        "reference-not-on-pool",
        `${count} unusable (ApplicationPackageError): the node identity reference ${referenceName} is not on the pool`,
        attachThenCycle(evidence, reference, false),
      );
    }
    if (allocatedBeforeChange(evidence, symptoms.packageErrors)) {
      findings.inferred.push(
        `row 4: ${referenceName} is on the pool now, but these nodes were allocated before the pool last changed and keep the identities they were created with`,
      );
      return findings.verdict(
        "reference-not-on-pool",
        `${count} unusable (ApplicationPackageError): allocated before ${referenceName} was on the pool`,
        [{ kind: "cycle", poolId }],
      );
    }
    findings.inferred.push(
      `ApplicationPackageError on nodes allocated with ${referenceName} on the pool fits no row of the tables: the package itself may be at fault`,
    );
    return findings.verdict(
      "unexplained",
      `${count} unusable (ApplicationPackageError), not explained by identities`,
    );
  }

  // Row 4, task side: the node asked for a token of an identity its VM does not have.
  if (symptoms.listErrors.length > 0) {
    const identity = namedIdentity(symptoms.listErrors) ?? reference;
    const count = plural(symptoms.listErrors.length, "task");
    if (identity === undefined) {
      findings.inferred.push(
        "ResourceContainerListMiscError with no identity named and no node identity reference fits no row",
      );
      return findings.verdict(
        "unexplained",
        `${count} failed with ResourceContainerListMiscError, not explained by identities`,
      );
    }
    const name = identityName(identity);
    if (!onPool(identity)) {
      findings.inferred.push(`row 4: the tasks read autostorage as ${name}, which is not on the pool`);
      return findings.verdict(
        "reference-not-on-pool",
        `${count} failed (ResourceContainerListMiscError): ${name} is not on the pool`,
        attachThenCycle(evidence, identity, false),
      );
    }
    if (allocatedBeforeChange(evidence, nodesOf(evidence, symptoms.listErrors))) {
      findings.inferred.push(
        `row 4: ${name} is on the pool now, but the tasks ran on nodes allocated before the pool last changed`,
      );
      return findings.verdict(
        "reference-not-on-pool",
        `${count} failed (ResourceContainerListMiscError): their nodes predate ${name} on the pool`,
        [{ kind: "cycle", poolId }],
      );
    }
    findings.inferred.push(
      `ResourceContainerListMiscError with ${name} on the pool and on the nodes fits no row`,
    );
    return findings.verdict(
      "unexplained",
      `${count} failed with ResourceContainerListMiscError, not explained by identities`,
    );
  }

  // Rows 2 and 3, task side: denied either for want of a role or for want of any identity.
  if (symptoms.denied.length > 0) {
    const named = namedIdentity(symptoms.denied);
    const count = plural(symptoms.denied.length, "task");
    const identity = named ?? reference;
    if (identity === undefined) {
      if (managed) {
        findings.inferred.push("row 3: no identity is named and the account has no node identity reference");
        return findings.verdict(
          "nodes-before-reference",
          `${count} denied (ResourceContainerAccessDenied): the account has no node identity reference`,
          [
            {
              kind: "manual",
              text: "set the autostorage node identity reference on the account to an identity on this pool",
            },
          ],
        );
      }
      findings.inferred.push(
        "ResourceContainerAccessDenied with no identity named, and autostorage not on a managed identity, fits no row",
      );
      return findings.verdict(
        "unexplained",
        `${count} denied (ResourceContainerAccessDenied), not explained by identities`,
      );
    }
    const name = identityName(identity);
    if (!onPool(identity)) {
      if (named) {
        findings.inferred.push(
          `${name} is named but not on the pool, which would fail with ResourceContainerListMiscError (row 4), not be denied`,
        );
        return findings.verdict(
          "unexplained",
          `${count} denied (ResourceContainerAccessDenied), not explained by identities`,
        );
      }
      findings.inferred.push(
        `row 3: had the nodes been given the reference ${name}, which is not on the pool, the tasks would fail with ResourceContainerListMiscError (row 4); denied, they ran on nodes allocated before the account had a node identity reference`,
      );
      findings.inferred.push(
        `${name} is not on the pool: after a cycle alone, tasks would fail as in row 4; attach it first`,
      );
      return findings.verdict(
        "nodes-before-reference",
        `${count} denied (ResourceContainerAccessDenied): nodes allocated before the account had a node identity reference`,
        attachThenCycle(evidence, identity, false),
      );
    }
    const role = standing(identity);
    if (role.kind === "not-held") {
      findings.inferred.push(`row 2: ${name} reaches the storage but holds no blob data role on it`);
      return findings.verdict(
        "identity-without-storage-role",
        `${count} denied (ResourceContainerAccessDenied): ${name} has no storage role on autostorage`,
        [grantFix(principalOf(evidence, identity), blobDataReader, scope, name)],
      );
    }
    if (named) {
      if (role.kind === "held") {
        findings.inferred.push(
          `${name} holds a blob data role yet was denied: the failures may predate the grant, or the storage refuses for another reason (firewall, container)`,
        );
        return findings.verdict(
          "unexplained",
          `${count} denied (ResourceContainerAccessDenied) although ${name} holds a storage role`,
        );
      }
      // Named and on the pool: the identity was given and is on the node, which leaves row 2 only.
      findings.inferred.push(
        `row 2: the tasks name ${name}, which is on the pool, and were denied: only a missing role gives that (its role assignments are unknown, so check before granting)`,
      );
      return findings.verdict(
        "identity-without-storage-role",
        `${count} denied (ResourceContainerAccessDenied): ${name} appears to lack a storage role (role assignments unknown)`,
        [grantFix(principalOf(evidence, identity), blobDataReader, scope, name)],
      );
    }
    if (role.kind === "held") {
      findings.inferred.push(
        `row 3: the reference ${name} is on the pool and holds a storage role, so the denied tasks ran on nodes allocated before the account had a node identity reference`,
      );
      return findings.verdict(
        "nodes-before-reference",
        `${count} denied (ResourceContainerAccessDenied): nodes allocated before the account had a node identity reference`,
        [{ kind: "cycle", poolId }],
      );
    }
    findings.inferred.push(
      `ResourceContainerAccessDenied fits row 2 (${name} holds no storage role) and row 3 (nodes allocated before the account had a node identity reference); which one is unknown while the role assignments cannot be read`,
    );
    return findings.verdict(
      "unexplained",
      `${count} denied (ResourceContainerAccessDenied): row 2 or 3, role assignments unknown`,
    );
  }

  // No symptom: what a node allocated now would meet, where the settings alone decide it.
  if (reference && applicationPackages.length > 0) {
    if (!onPool(reference)) {
      findings.inferred.push(
        `row 4: nodes allocated from now on cannot fetch the application packages without ${referenceName}`,
      );
      return findings.verdict(
        "reference-not-on-pool",
        `the node identity reference ${referenceName} is not on the pool, which has application packages`,
        attachThenCycle(evidence, reference, false),
      );
    }
    const role = standing(reference);
    if (role.kind === "not-held") {
      findings.inferred.push(
        `row 2: nodes start idle but cannot download the application packages; nothing on the node shows it`,
      );
      return findings.verdict(
        "identity-without-storage-role",
        `${referenceName} has no storage role on autostorage: application packages are not downloaded`,
        [grantFix(principalOf(evidence, reference), blobDataReader, scope, referenceName)],
      );
    }
  }
  findings.inferred.push("no symptom of the documented identity cases");
  return findings.verdict("healthy", "no identity problem seen");
}

/** The principals the account's own identity acts as: the system-assigned one and each user-assigned. */
function accountPrincipals(account: AccountEvidence): { name: string; principalId?: string }[] {
  const { identity } = account;
  return [
    ...(identity.principalId
      ? [{ name: "the account's system-assigned identity", principalId: identity.principalId }]
      : []),
    ...identity.userAssignedIdentities.map((assigned) => ({
      name: identityName(assigned.resourceId),
      ...(assigned.principalId ? { principalId: assigned.principalId } : {}),
    })),
  ];
}

/**
 * The account's own identity against its autostorage account: with "Batch Account Managed Identity"
 * the service uploads application packages as it, and without a blob data role the upload answers
 * 409 AutoStorageNoPermission. batchtop does not upload, so only the role assignments can tell.
 */
export function diagnoseAccount(account: AccountEvidence): Verdict {
  const findings = new Findings();
  observeAccount(account, findings);
  const storage = account.autoStorage;
  if (!storage || storage.authenticationMode !== managedIdentityMode) {
    findings.inferred.push(
      "the service reaches autostorage with its keys (or there is none): the account's identity needs no role",
    );
    return findings.verdict("healthy", "the account's identity needs no autostorage role");
  }
  findings.observed.push(`account identity type ${account.identity.type}`);
  const principals = accountPrincipals(account);
  if (principals.length === 0) {
    findings.inferred.push(
      "autostorage is set to use the account's managed identity, but the account has none: uploading an application package fails",
    );
    return findings.verdict(
      "account-identity-without-autostorage-role",
      "autostorage uses the account's managed identity, but the account has none",
      [
        {
          kind: "manual",
          text: "give the Batch account a managed identity (Batch account, Identity) and a blob data role on autostorage",
        },
      ],
    );
  }
  const standings = principals.map((principal) => {
    const result = roleStanding(account.storageRoles, principal.principalId, writeRoles);
    findings.observed.push(`${principal.name} on autostorage: ${describeStanding(result, writeRoles)}`);
    return { principal, result };
  });
  if (standings.some(({ result }) => result.kind === "held")) {
    findings.inferred.push("the account's identity may upload application packages to autostorage");
    return findings.verdict("healthy", "the account's identity holds a blob data role on autostorage");
  }
  if (standings.every(({ result }) => result.kind === "not-held")) {
    const first = principals[0]!;
    findings.inferred.push(
      "uploading an application package answers 409 AutoStorageNoPermission: the account's identity holds no blob data role on autostorage",
    );
    return findings.verdict(
      "account-identity-without-autostorage-role",
      "the account's identity holds no blob data role on autostorage: package uploads fail (AutoStorageNoPermission)",
      [grantFix(first.principalId, blobDataContributor, storage.storageAccountId, first.name)],
    );
  }
  findings.inferred.push(
    "whether the account's identity may write to autostorage is unknown: a missing role would show only as 409 AutoStorageNoPermission on a package upload",
  );
  return findings.verdict("unknown", "the account identity's role on autostorage is unknown");
}
