import type { JobSummary, JobTaskCounts } from "./jobs.js";
import { unhealthyNodeStates, type NodeSummary } from "./nodes.js";
import type { PoolNodeCounts, PoolSummary } from "./pools.js";
import { isNodeStuck } from "./stuckNodes.js";
import { adfPoolName } from "./views/jobRows.js";

/** What the account shows about a pool beyond the pool itself. */
export interface PoolEvidence {
  nodeCounts?: PoolNodeCounts;
  /** The pool's nodes in passing states (creating, starting…), as listed by state. */
  passingNodes?: readonly NodeSummary[];
  /** Batch's task counts of the jobs that run on the pool (`adfv2-<pool>` among them). */
  jobCounts?: readonly JobTaskCounts[];
}

/**
 * A resize that has run this long without settling is stuck (on a quota, on capacity): Batch's own
 * default resize timeout is 15 minutes, and most resizes settle in a few.
 */
const stuckResizeMs = 15 * 60_000;

/** Fewer failures than this are not "most of its tasks": one failed task of one is not a broken pool. */
const minFailuresForAFault = 3;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * Why a pool needs an operator, one reason a line; none for a healthy pool. A resize error or a
 * resize that never settles, nodes that will not recover on their own, nodes stuck in a passing
 * state far longer than it lasts, or most of the tasks its jobs completed having failed (by Batch's
 * own counts, never by what is held).
 */
export function poolFaults(pool: PoolSummary, evidence: PoolEvidence, now: number): string[] {
  const reasons = pool.resizeErrors.map((error) => `resize error ${error.code}`);
  const resizingSince = pool.allocationStateTransitionTime?.getTime();
  if (
    pool.allocationState.toLowerCase() === "resizing" &&
    resizingSince !== undefined &&
    now - resizingSince > stuckResizeMs
  )
    reasons.push(`resizing for ${Math.round((now - resizingSince) / 60_000)} min`);
  for (const [state, count] of Object.entries(evidence.nodeCounts?.byState ?? {})) {
    if (count > 0 && unhealthyNodeStates.has(state)) reasons.push(`${plural(count, "node")} ${state}`);
  }
  const stuck = new Map<string, number>();
  for (const node of evidence.passingNodes ?? []) {
    if (isNodeStuck(node, now)) stuck.set(node.state, (stuck.get(node.state) ?? 0) + 1);
  }
  for (const [state, count] of stuck) reasons.push(`${plural(count, "node")} stuck ${state}`);
  const completed = { succeeded: 0, failed: 0 };
  for (const counts of evidence.jobCounts ?? []) {
    completed.succeeded += counts.succeeded;
    completed.failed += counts.failed;
  }
  const finished = completed.succeeded + completed.failed;
  if (completed.failed >= minFailuresForAFault && completed.failed * 2 > finished)
    reasons.push(`${completed.failed} of ${finished} completed tasks failed`);
  return reasons;
}

/** The jobs that run on a pool: by the pool they name, or by ADF's `adfv2-<pool>` convention. */
export function jobsOfPool(poolId: string, jobs: readonly JobSummary[]): JobSummary[] {
  return jobs.filter((job) => job.poolId === poolId || adfPoolName(job.id) === poolId);
}
