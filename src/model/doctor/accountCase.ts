// The account's own identity against its autostorage account: the fifth case of seed 001.

import { identityName } from "../pools.js";
import type { AccountEvidence } from "./evidence.js";
import { grantFix } from "./fixes.js";
import { Findings, managedIdentityMode, observeAccount } from "./observations.js";
import { blobDataContributor, describeStanding, roleStanding, writeRoles } from "./storageRoles.js";
import type { Verdict } from "./verdict.js";

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
