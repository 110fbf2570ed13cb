import { formatCount } from "./views/numberFormat.js";
import type { PoolNodeCounts, PoolSummary } from "./pools.js";
import { isTaskFailed, type TaskRow } from "./tasks.js";

/** Something an operator must look at, in the order the snapshot lists them. */
export interface HealthProblem {
  kind: "resize-error" | "unusable-nodes" | "start-task-failed" | "failed-tasks";
  /** The pool or job it concerns. */
  subject: string;
  /** One line: what is wrong, with the service's codes. */
  detail: string;
}

export interface JobFailures {
  jobId: string;
  failed: readonly TaskRow[];
}

/** "12 failed: 9 FailureExitCode, 3 ResourceContainerAccessDenied" — largest group first. */
export function summarizeFailures(tasks: readonly TaskRow[]): string {
  const byCode = new Map<string, number>();
  for (const task of tasks) {
    const code = task.failure?.code ?? (task.exitCode !== undefined ? `exit ${task.exitCode}` : "unknown");
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const groups = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${formatCount(tasks.length)} failed: ${groups.map(([code, count]) => `${formatCount(count)} ${code}`).join(", ")}`;
}

/**
 * The rules behind `batchtop snapshot`'s exit code: a pool with resize errors, unusable or
 * start-task-failed nodes, or a job with tasks that failed (by result or failureInfo, not exit code)
 * in the window makes the account unhealthy.
 */
export function assessHealth(input: {
  pools: readonly PoolSummary[];
  nodeCounts: readonly PoolNodeCounts[];
  jobs: readonly JobFailures[];
}): HealthProblem[] {
  const problems: HealthProblem[] = [];
  for (const pool of input.pools) {
    for (const error of pool.resizeErrors) {
      problems.push({
        kind: "resize-error",
        subject: pool.id,
        detail: `resize error ${error.code}: ${error.message}`,
      });
    }
  }
  for (const counts of input.nodeCounts) {
    const unusable = counts.byState.unusable ?? 0;
    const startTaskFailed = counts.byState.starttaskfailed ?? 0;
    if (unusable > 0) {
      problems.push({
        kind: "unusable-nodes",
        subject: counts.poolId,
        detail: `${unusable} unusable node${unusable === 1 ? "" : "s"}`,
      });
    }
    if (startTaskFailed > 0) {
      problems.push({
        kind: "start-task-failed",
        subject: counts.poolId,
        detail: `${startTaskFailed} node${startTaskFailed === 1 ? "" : "s"} with a failed start task`,
      });
    }
  }
  problems.push(...failedTaskProblems(input.jobs));
  return problems;
}

/**
 * Each job's failed tasks as a problem ("adfv2-etl-linux-d4: 8 failed: 8 FailureExitCode"), the
 * jobs with most failures first: the snapshot's summary and the dashboard's failure line.
 */
export function failedTaskProblems(jobs: readonly JobFailures[]): HealthProblem[] {
  return jobs
    .map((job) => ({ jobId: job.jobId, failed: job.failed.filter(isTaskFailed) }))
    .filter((job) => job.failed.length > 0)
    .sort((a, b) => b.failed.length - a.failed.length || a.jobId.localeCompare(b.jobId))
    .map((job) => ({ kind: "failed-tasks", subject: job.jobId, detail: summarizeFailures(job.failed) }));
}

/** "adfv2-etl-linux-d4: 8 failed: 8 FailureExitCode": a problem as one line, unsanitised. */
export function problemLine(problem: HealthProblem): string {
  return `${problem.subject}: ${problem.detail}`;
}
