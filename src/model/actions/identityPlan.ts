// Attaching a user-assigned identity to a pool (`I`), and removing one: what the picker offers, how
// each identity is marked, and the plans the confirmation dialog shows. Pure; the reads and the
// ARM PATCH are src/actions/poolIdentities.ts's.
import type { BatchAccountInfo } from "../account.js";
import type { ManagedIdentityInfo } from "../identities.js";
import { identitySetUnion } from "../poolIdentity.js";
import { identityName } from "../pools.js";

/** What the picker is drawn from, read through ARM when `I` is pressed. */
export interface IdentityCatalogue {
  poolId: string;
  /** The pool's whole user-assigned identity set as ARM showed it, by resource id. */
  poolIdentities: readonly string[];
  /** Every other pool of the account, with its identity set. */
  otherPools: readonly { id: string; identities: readonly string[] }[];
  account?: BatchAccountInfo;
  /** The identities the caller may list; absent when they could not be listed (see `unlisted`). */
  identities?: readonly ManagedIdentityInfo[];
  /** Why the identities are not listed, so the picker offers only a pasted resource id. */
  unlisted?: string;
}

/** One row of the picker: an identity, with the parts it already plays. */
export interface PickerRow {
  resourceId: string;
  name: string;
  resourceGroup: string;
  marks: string[];
  onPool: boolean;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const includesId = (ids: readonly string[], id: string) => ids.some((candidate) => sameId(candidate, id));

/**
 * `/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`,
 * case-insensitively, as ARM compares resource ids. Resource group names allow letters, digits,
 * `._-()`; identity names letters, digits, `-` and `_`.
 */
const resourceIdShape =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[\w.()-]{1,90}\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[A-Za-z0-9][\w-]{2,127}$/i;

/** A pasted or typed resource id, checked for its shape: the id, or one line saying what is wrong. */
export function checkIdentityResourceId(text: string): { resourceId: string } | { problem: string } {
  const resourceId = text.trim();
  if (resourceId === "") return { problem: "type or paste a user-assigned identity's resource id" };
  if (resourceIdShape.test(resourceId)) return { resourceId };
  return {
    problem:
      "not a user-assigned identity's resource id: expected /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>",
  };
}

/** Where an identity already plays a part: the account's node identity reference, the account's own, pools. */
export function identityMarks(catalogue: IdentityCatalogue, resourceId: string): string[] {
  const marks: string[] = [];
  const reference = catalogue.account?.autoStorage?.nodeIdentityResourceId;
  if (reference !== undefined && sameId(reference, resourceId)) marks.push("node identity reference");
  const accountOwn = catalogue.account?.identity.userAssignedIdentities ?? [];
  if (accountOwn.some((identity) => sameId(identity.resourceId, resourceId))) marks.push("the account's own");
  if (includesId(catalogue.poolIdentities, resourceId)) marks.push("on this pool");
  const others = catalogue.otherPools.filter((pool) => includesId(pool.identities, resourceId));
  if (others.length > 0) marks.push(`on ${others.map((pool) => pool.id).join(", ")}`);
  return marks;
}

const resourceGroupOf = (resourceId: string) => /\/resourceGroups\/([^/]+)\//i.exec(resourceId)?.[1] ?? "";

/**
 * Every identity the picker can offer: those listed, and those the account already names (its node
 * identity reference, its own, the pools' sets) even when they were not listed (another
 * subscription, no right to list, no reader), so the pool's own can be removed and the reference
 * attached without a list.
 */
function candidates(
  catalogue: IdentityCatalogue,
): { resourceId: string; name: string; resourceGroup: string }[] {
  const byId = new Map<string, { resourceId: string; name: string; resourceGroup: string }>();
  for (const identity of catalogue.identities ?? []) byId.set(identity.resourceId.toLowerCase(), identity);
  const reference = catalogue.account?.autoStorage?.nodeIdentityResourceId;
  const named = [
    ...catalogue.poolIdentities,
    ...(reference === undefined ? [] : [reference]),
    ...(catalogue.account?.identity.userAssignedIdentities ?? []).map((identity) => identity.resourceId),
    ...catalogue.otherPools.flatMap((pool) => pool.identities),
  ];
  for (const resourceId of named) {
    const key = resourceId.toLowerCase();
    if (!byId.has(key))
      byId.set(key, {
        resourceId,
        name: identityName(resourceId),
        resourceGroup: resourceGroupOf(resourceId),
      });
  }
  return [...byId.values()];
}

/**
 * The picker's rows, filtered by `/` (a part of the name, resource group or a mark): the identities
 * that matter to this account first (marked ones), then by name.
 */
export function pickerRows(catalogue: IdentityCatalogue, filter: string): PickerRow[] {
  const needle = filter.trim().toLowerCase();
  const rows = candidates(catalogue).map((identity) => {
    const marks = identityMarks(catalogue, identity.resourceId);
    return {
      resourceId: identity.resourceId,
      name: identity.name,
      resourceGroup: identity.resourceGroup,
      marks,
      onPool: includesId(catalogue.poolIdentities, identity.resourceId),
    };
  });
  return rows
    .filter(
      (row) =>
        needle === "" ||
        [row.name, row.resourceGroup, ...row.marks].some((text) => text.toLowerCase().includes(needle)),
    )
    .sort(
      (a, b) =>
        Number(b.marks.length > 0) - Number(a.marks.length > 0) ||
        a.name.localeCompare(b.name) ||
        a.resourceId.localeCompare(b.resourceId),
    );
}

/** A change of one identity in a pool's set, against the set the dialog showed. */
export interface IdentityChange {
  kind: "attach-identity" | "detach-identity";
  poolId: string;
  /** The identity's resource id. */
  identity: string;
  /** The pool's set when the dialog was drawn; what is sent is recomputed from a fresh read. */
  before: readonly string[];
}

/**
 * The pool's whole set after a change: ARM replaces the set on PATCH, so an attach sends the union
 * of what the pool has and the new identity, and a removal sends everything but that one.
 */
export function nextIdentitySet(
  current: readonly string[],
  change: Pick<IdentityChange, "kind" | "identity">,
): string[] {
  return change.kind === "attach-identity"
    ? identitySetUnion(current, [change.identity])
    : current.filter((resourceId) => !sameId(resourceId, change.identity));
}

export type PlannedChange = { plan: IdentityChange } | { problem: string };

export function attachIdentityPlan(
  poolId: string,
  current: readonly string[],
  identity: string,
): PlannedChange {
  if (includesId(current, identity))
    return { problem: `${identityName(identity)} is already on pool ${poolId}; nothing to attach` };
  return { plan: { kind: "attach-identity", poolId, identity, before: [...current] } };
}

export function detachIdentityPlan(
  poolId: string,
  current: readonly string[],
  identity: string,
): PlannedChange {
  if (!includesId(current, identity))
    return { problem: `${identityName(identity)} is not on pool ${poolId}; nothing to remove` };
  return { plan: { kind: "detach-identity", poolId, identity, before: [...current] } };
}

/** What the confirmation lists: the pool's complete set after the change, each identity kept or added, and what goes. */
export function identityChangeLines(change: IdentityChange): string[] {
  const after = nextIdentitySet(change.before, change);
  const lines = after.map((resourceId) =>
    sameId(resourceId, change.identity)
      ? `add ${identityName(resourceId)}`
      : `keep ${identityName(resourceId)}`,
  );
  if (change.kind === "detach-identity") lines.push(`remove ${identityName(change.identity)}`);
  if (after.length === 0) lines.push("the pool is left with no user-assigned identity");
  return lines;
}

/** Nodes keep the identities they were allocated with; the documents' remedy is a scale to 0 and back. */
export const onlyNewNodes =
  "only nodes allocated from now on carry the new set: press C to cycle the pool's nodes";

/** The same, said in the dialog before the change is sent: C means nothing until then. */
export const onlyNewNodesAfterwards =
  "only nodes allocated after this change carry the new set: once it is done, C cycles the pool's nodes";
