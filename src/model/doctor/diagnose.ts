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
// so (unexplained) instead of choosing. Each row's judgement is its own function below, asked in the
// order the symptoms are most telling: stuck nodes, package errors, listing errors, denials, settings.

import { identityName } from "../pools.js";
import type { PoolEvidence } from "./evidence.js";
import { sameResourceId } from "./evidence.js";
import {
  allocatedBeforeChange,
  attachThenCycle,
  grantFix,
  namedIdentity,
  nodesOf,
  principalOf,
} from "./fixes.js";
import {
  Findings,
  managedIdentityMode,
  observeAccount,
  observeNodes,
  observeTasks,
  plural,
  type Symptoms,
} from "./observations.js";
import {
  blobDataReader,
  describeStanding,
  readRoles,
  roleStanding,
  type RoleStanding,
} from "./storageRoles.js";
import type { Verdict } from "./verdict.js";

export { diagnoseAccount } from "./accountCase.js";

export const applicationPackageError = "ApplicationPackageError";
export const accessDenied = "ResourceContainerAccessDenied";
export const listMiscError = "ResourceContainerListMiscError";

/** What every judgement reads: the evidence, what was observed so far, and the account's settings. */
interface PoolCase {
  evidence: PoolEvidence;
  findings: Findings;
  symptoms: Symptoms;
  /** Autostorage is reached with the account's managed identity. */
  managed: boolean;
  /** The node identity reference, when autostorage is managed and the account has one. */
  reference: string | undefined;
  referenceName: string;
  /** The autostorage account's resource id: where a role would be granted. */
  scope: string;
  onPool(resourceId: string): boolean;
  /** The identity's blob data role on autostorage, written to the observations as it is read. */
  standing(resourceId: string): RoleStanding;
}

/** Row 3, node side: only a node that installs application packages needs autostorage at boot. */
function stuckStarting(c: PoolCase): Verdict | undefined {
  const { evidence, findings, symptoms, managed, reference, referenceName, onPool } = c;
  const { poolId } = evidence;
  if (!(symptoms.stuck.length > 0 && managed)) return undefined;
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

/** Row 4, node side: unusable nodes with ApplicationPackageError. */
function packageErrors(c: PoolCase): Verdict | undefined {
  const { evidence, findings, symptoms, reference, referenceName, onPool } = c;
  const { poolId } = evidence;
  if (!(symptoms.packageErrors.length > 0 && reference)) return undefined;
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

/** Row 4, task side: the node asked for a token of an identity its VM does not have. */
function listErrors(c: PoolCase): Verdict | undefined {
  const { evidence, findings, symptoms, reference, onPool } = c;
  const { poolId } = evidence;
  if (!(symptoms.listErrors.length > 0)) return undefined;
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

/** Rows 2 and 3, task side: denied either for want of a role or for want of any identity. */
function denials(c: PoolCase): Verdict | undefined {
  const { evidence, findings, symptoms, managed, reference, scope, onPool, standing } = c;
  const { poolId } = evidence;
  if (!(symptoms.denied.length > 0)) return undefined;
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

/** No symptom: what a node allocated now would meet, where the settings alone decide it. */
function bySettings(c: PoolCase): Verdict | undefined {
  const { evidence, findings, reference, referenceName, scope, onPool, standing } = c;
  const { applicationPackages } = evidence;
  if (!(reference && applicationPackages.length > 0)) return undefined;
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
  return undefined;
}

/** The diagnosis of one pool from its evidence. Pure: the same evidence always gives the same verdict. */
export function diagnosePool(evidence: PoolEvidence): Verdict {
  const findings = new Findings();
  const { account, identities, applicationPackages } = evidence;
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
  const c: PoolCase = {
    evidence,
    findings,
    symptoms,
    managed,
    reference,
    referenceName,
    scope,
    onPool,
    standing,
  };
  return (
    stuckStarting(c) ?? packageErrors(c) ?? listErrors(c) ?? denials(c) ?? bySettings(c) ?? healthy(findings)
  );
}

function healthy(findings: Findings): Verdict {
  findings.inferred.push("no symptom of the documented identity cases");
  return findings.verdict("healthy", "no identity problem seen");
}
