// What the doctor reads off the evidence, as lines an operator can check: the account's autostorage,
// the pool's nodes and its failed tasks. Each observe* function writes what it saw and returns what
// the judgements need.

import { identityName } from "../pools.js";
import type { AccountEvidence, NodeFact, PoolEvidence, TaskFailureFact } from "./evidence.js";
import { sanitizeVerdict, type DoctorCase, type Fix, type Verdict } from "./verdict.js";

/** A node in `starting` this long has not just been slow: row 3's nodes never leave it. */
export const stuckStartingMs = 15 * 60_000;

export const managedIdentityMode = "BatchAccountManagedIdentity";

export function plural(count: number, word: string): string {
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

export function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export class Findings {
  readonly observed: string[] = [];
  readonly inferred: string[] = [];

  verdict(kind: DoctorCase, summary: string, fix: Fix[] = []): Verdict {
    return sanitizeVerdict({ case: kind, summary, observed: this.observed, inferred: this.inferred, fix });
  }
}

/** What the pool's tasks and nodes show, reduced to what the rows tell apart. */
export interface Symptoms {
  stuck: NodeFact[];
  packageErrors: NodeFact[];
  denied: TaskFailureFact[];
  listErrors: TaskFailureFact[];
}

export function observeAccount(account: AccountEvidence, findings: Findings): void {
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

export function observeNodes(evidence: PoolEvidence, findings: Findings): Symptoms["stuck"] {
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

export function observeTasks(evidence: PoolEvidence, findings: Findings): TaskFailureFact[] {
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
