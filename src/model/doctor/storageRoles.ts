// Whether a principal holds a blob data role on the autostorage account, as far as the role
// assignments read at its scope show. A role batchtop cannot judge, or assignments it could not read,
// make the answer unknown: a permission it cannot see is never reported as missing.

import type { RoleAssignmentFact, RoleAssignmentsSeen } from "../identities.js";

export const blobDataReader = "Storage Blob Data Reader";
export const blobDataContributor = "Storage Blob Data Contributor";
export const blobDataOwner = "Storage Blob Data Owner";

/** The built-in roles' definition ids (the last segment of roleDefinitionId), the same in every cloud. */
const builtInRoleIds: Record<string, string> = {
  "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": blobDataReader,
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe": blobDataContributor,
  "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": blobDataOwner,
  "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
  "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
};

/** Built-in roles that grant no blob data access: holding only these is known to be not enough. */
const controlPlaneRoles = new Set(["reader", "contributor", "owner", "storage account contributor"]);

/** Reading blobs: what nodes need to install packages and fetch resource files. */
export const readRoles: readonly string[] = [blobDataReader, blobDataContributor, blobDataOwner];
/** Writing blobs: what the account's own identity needs to upload an application package. */
export const writeRoles: readonly string[] = [blobDataContributor, blobDataOwner];

export type RoleStanding =
  | { kind: "held"; role: string; scope: string }
  | { kind: "not-held"; others: readonly string[] }
  | { kind: "unknown"; reason: string };

function roleNameOf(assignment: RoleAssignmentFact): string | undefined {
  const id = assignment.roleDefinitionId.split("/").pop()?.toLowerCase() ?? "";
  return assignment.roleName ?? builtInRoleIds[id];
}

/** Whether `principalId` holds one of `roles` at the scope the assignments were read at. */
export function roleStanding(
  seen: RoleAssignmentsSeen | undefined,
  principalId: string | undefined,
  roles: readonly string[],
): RoleStanding {
  if (!seen) return { kind: "unknown", reason: "role assignments not read" };
  if (seen.kind === "unreadable") return { kind: "unknown", reason: seen.reason };
  if (principalId === undefined) return { kind: "unknown", reason: "its principal id is not known" };
  const wanted = new Set(roles.map((role) => role.toLowerCase()));
  const mine = seen.assignments.filter((assignment) => assignment.principalId === principalId);
  const names = mine.map((assignment) => roleNameOf(assignment));
  const heldAt = mine.findIndex((_, index) => wanted.has(names[index]?.toLowerCase() ?? ""));
  if (heldAt >= 0) return { kind: "held", role: names[heldAt]!, scope: mine[heldAt]!.scope };
  // A custom role, or one whose name could not be read, may grant data actions: not judged.
  const unjudged = names.filter(
    (name) =>
      name === undefined || (!controlPlaneRoles.has(name.toLowerCase()) && !wanted.has(name.toLowerCase())),
  );
  if (unjudged.length > 0)
    return {
      kind: "unknown",
      reason: `it holds ${unjudged.map((name) => name ?? "a role whose name could not be read").join(", ")}, which batchtop cannot judge`,
    };
  return { kind: "not-held", others: names.filter((name): name is string => name !== undefined) };
}

/** The standing in words, for the observed list. */
export function describeStanding(standing: RoleStanding, roles: readonly string[]): string {
  switch (standing.kind) {
    case "held":
      return `holds ${standing.role}${standing.scope ? ` (assigned at ${standing.scope})` : ""}`;
    case "not-held":
      return `holds none of ${roles.join(", ")}${standing.others.length > 0 ? ` (holds ${standing.others.join(", ")})` : ""}`;
    case "unknown":
      return `role unknown: ${standing.reason}`;
  }
}

/** The `az` line that grants `role` to a managed identity's principal at `scope`. */
export function grantCommand(principalId: string, role: string, scope: string): string {
  return `az role assignment create --assignee-object-id ${shellWord(principalId)} --assignee-principal-type ServicePrincipal --role ${shellWord(role)} --scope ${shellWord(scope)}`;
}

/**
 * A word a POSIX shell reads back unchanged: the ids come from the service, and an operator pastes
 * the line, so anything but plain id characters is single-quoted.
 */
function shellWord(text: string): string {
  if (/^[\w/.:@%+=,-]+$/.test(text)) return text;
  // A role's name has spaces: quoted as the documentation quotes it.
  if (/^[\w ]+$/.test(text)) return `"${text}"`;
  return `'${text.replaceAll("'", "'\\''")}'`;
}
