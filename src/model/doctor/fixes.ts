// The pieces of a verdict's fix, and the lookups the judgements share.

import type { NodeFact, PoolEvidence, TaskFailureFact } from "./evidence.js";
import { sameResourceId } from "./evidence.js";
import { countBy } from "./observations.js";
import { grantCommand } from "./storageRoles.js";
import type { Fix } from "./verdict.js";

/** The identity most failures name, if any does. */
export function namedIdentity(failures: readonly TaskFailureFact[]): string | undefined {
  const counts = countBy(failures, (failure) => failure.identityReference);
  return [...counts].sort(([, a], [, b]) => b - a)[0]?.[0];
}

export function principalOf(evidence: PoolEvidence, resourceId: string): string | undefined {
  return evidence.identities.find((identity) => sameResourceId(identity.resourceId, resourceId))?.principalId;
}

export function allocatedBeforeChange(evidence: PoolEvidence, nodes: readonly NodeFact[]): boolean {
  const change = evidence.identitiesChanged;
  return (
    change !== undefined &&
    nodes.length > 0 &&
    nodes.every((node) => node.allocationTime !== undefined && node.allocationTime < change.at)
  );
}

/** The nodes the failures ran on that are still in the pool. */
export function nodesOf(evidence: PoolEvidence, failures: readonly TaskFailureFact[]): NodeFact[] {
  const ids = new Set(failures.map((failure) => failure.nodeId));
  return evidence.nodes.filter((node) => ids.has(node.id));
}

/** Attach the identity first when it is missing, then cycle: only nodes allocated afterwards get it. */
export function attachThenCycle(evidence: PoolEvidence, identity: string, onPool: boolean): Fix[] {
  const { poolId } = evidence;
  return [
    ...(onPool ? [] : [{ kind: "attach" as const, poolId, identityResourceId: identity }]),
    ...(evidence.nodes.length > 0 ? [{ kind: "cycle" as const, poolId }] : []),
  ];
}

export function grantFix(principalId: string | undefined, role: string, scope: string, who: string): Fix {
  if (principalId === undefined)
    return {
      kind: "manual",
      text: `grant ${who} the ${role} role on ${scope} (its principal id is not known)`,
    };
  return { kind: "grant", principalId, role, scope, command: grantCommand(principalId, role, scope) };
}
