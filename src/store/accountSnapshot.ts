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
  const withFailures = await recentFailures(reader, jobs, { since, ...(signal ? { signal } : {}) });
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

/**
 * The tasks of each active job that failed after `since` (a `$filter` on stateTransitionTime, one
 * request per job), only the jobs with some: what the snapshot and the dashboard's failure line
 * report. `failedOnly` has Batch leave out the successes as well.
 */
export async function recentFailures(
  reader: Pick<BatchReader, "listTasks">,
  jobs: readonly JobSummary[],
  options: { since: Date; failedOnly?: boolean; signal?: AbortSignal },
): Promise<JobFailures[]> {
  const { since, failedOnly, signal } = options;
  const watched = jobs.filter((job) => job.state === "active" || job.state === "terminating");
  const failures = await Promise.all(
    watched.map(async (job) => {
      const changed = await reader.listTasks(job.id, {
        changedAfter: since,
        ...(failedOnly ? { failedOnly } : {}),
        ...(signal ? { signal } : {}),
      });
      return { jobId: job.id, failed: changed.filter(isTaskFailed) };
    }),
  );
  return failures.filter((job) => job.failed.length > 0);
}
