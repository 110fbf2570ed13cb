import type { BatchReader } from "../azure/batchReader.js";
import { assessHealth, type HealthProblem, type JobFailures } from "../model/health.js";
import type { JobSummary } from "../model/jobs.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";
import { isTaskFailed } from "../model/tasks.js";

/** One poll of the overview plus the failures of a recent window: what `batchtop snapshot` prints. */
export interface AccountSnapshot {
  takenAt: Date;
  /** Tasks that failed after this instant count. */
  since: Date;
  pools: PoolSummary[];
  nodeCounts: PoolNodeCounts[];
  jobs: JobSummary[];
  failures: JobFailures[];
  problems: HealthProblem[];
}

/**
 * Polls the overview once and, for each active job, only the tasks whose state changed in the
 * window (a `$filter` on stateTransitionTime), keeping those that failed.
 */
export async function takeAccountSnapshot(
  reader: BatchReader,
  options: { windowMs: number; now?: Date; signal?: AbortSignal },
): Promise<AccountSnapshot> {
  const takenAt = options.now ?? new Date();
  const since = new Date(takenAt.getTime() - options.windowMs);
  const { signal } = options;
  const [pools, nodeCounts, jobs] = await Promise.all([
    reader.listPools(signal),
    reader.poolNodeCounts(signal),
    reader.listJobs(signal),
  ]);
  const watched = jobs.filter((job) => job.state === "active" || job.state === "terminating");
  const failures = await Promise.all(
    watched.map(async (job) => {
      const changed = await reader.listTasks(job.id, { changedAfter: since, ...(signal ? { signal } : {}) });
      return { jobId: job.id, failed: changed.filter(isTaskFailed) };
    }),
  );
  const withFailures = failures.filter((job) => job.failed.length > 0);
  return {
    takenAt,
    since,
    pools,
    nodeCounts,
    jobs,
    failures: withFailures,
    problems: assessHealth({ pools, nodeCounts, jobs: withFailures }),
  };
}
