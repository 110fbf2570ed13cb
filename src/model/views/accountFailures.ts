import { failedTaskProblems, problemLine, type JobFailures } from "../health.js";
import { sanitizeInline } from "../sanitize.js";

export interface AccountFailureSummary {
  /** "adfv2-etl-linux-d4: 8 failed: 8 FailureExitCode · adfv2-etl-win-d4: 1 failed: …", sanitised. */
  text: string;
  /** The jobs with failed tasks, most failures first: where the jump key lands, in turn. */
  jobIds: readonly string[];
}

/**
 * Where the account is failing, across jobs, as `batchtop snapshot` words it (the same problem
 * lines), for the line under the dashboard's header. Undefined when no task failed.
 */
export function accountFailureSummary(jobs: readonly JobFailures[]): AccountFailureSummary | undefined {
  const problems = failedTaskProblems(jobs);
  if (problems.length === 0) return undefined;
  return {
    text: sanitizeInline(problems.map(problemLine).join(" · ")),
    jobIds: problems.map((problem) => problem.subject),
  };
}

/**
 * The job the jump key goes to: the job on screen when it has failures and they are not shown yet,
 * the next failing job when they are (so the key walks through them), else the one failing most.
 */
export function nextFailingJob(
  jobIds: readonly string[],
  current: string | undefined,
  showingItsFailures: boolean,
): string | undefined {
  const at = current === undefined ? -1 : jobIds.indexOf(current);
  if (at >= 0 && !showingItsFailures) return current;
  return jobIds[(at + 1) % jobIds.length];
}
