import { explainErrorCode, meansLine } from "../errorCodes/lookup.js";
import { sanitizeInline } from "../sanitize.js";
import type { TaskRow } from "../tasks.js";
import { formatCount } from "./numberFormat.js";
import type { TaskView } from "./taskRows.js";

export const noFailedTasks = "no failed tasks";

/** What the summarised views are, against the tasks the line speaks for. */
export interface FailureScope {
  /**
   * Batch's own count of the job's failed tasks (`taskcounts`): the total the line reports. Absent
   * when not known yet, or when the list is narrowed to one node (Batch counts per job).
   */
  batchFailed?: number;
  /** The views are only part of the tasks in scope: a job larger than what is held, or a bounded fetch. */
  partial?: boolean;
  /** Tasks "held" (the default) or failed tasks "fetched" by filter. */
  from?: "held" | "fetched";
}

/** The failed tasks grouped by failure code (or exit code), largest group first. */
function failureGroups(failed: readonly TaskRow[]): [code: string, count: number][] {
  const counts = new Map<string, number>();
  for (const task of failed) {
    const code = task.failure?.code ?? (task.exitCode !== undefined ? `exit ${task.exitCode}` : "unknown");
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "9 FailureExitCode, 3 ResourceContainerAccessDenied": largest first, sanitised (the codes are Azure's). */
function byCode(failed: readonly TaskRow[]): string {
  return sanitizeInline(
    failureGroups(failed)
      .map(([code, count]) => `${formatCount(count)} ${code}`)
      .join(", "),
  );
}

/**
 * What the largest group's code means, for the end of the summary line: "means: …" when it is the
 * only code, "FailureExitCode means: …" when there are several. Undefined when nothing failed or the
 * knowledge base does not know the code: an unknown code stays as the summary shows it.
 */
export function taskFailureMeaning(views: readonly TaskView[]): string | undefined {
  const groups = failureGroups(views.filter((view) => view.failed).map((view) => view.task));
  const [leading] = groups;
  const entry = leading && explainErrorCode("batchTask", leading[0]);
  if (!leading || !entry) return undefined;
  return sanitizeInline(groups.length === 1 ? meansLine(entry) : `${leading[0]} ${meansLine(entry)}`);
}

/**
 * The tasks pane's summary line, once per snapshot: "12 failed: 9 FailureExitCode, 3
 * ResourceContainerAccessDenied", or "no failed tasks". The total is Batch's count when known (the
 * held tasks of a large job are only part of it); the codes are grouped over the views, and the line
 * says so when those are fewer than the total: "1,783 failed (Batch count) · codes of the 968 held: …".
 */
export function taskFailureSummary(views: readonly TaskView[], scope: FailureScope = {}): string {
  const failed = views.filter((view) => view.failed).map((view) => view.task);
  const from = scope.from ?? "held";
  const { batchFailed } = scope;
  if (batchFailed === undefined) {
    if (!scope.partial)
      return failed.length === 0 ? noFailedTasks : `${formatCount(failed.length)} failed: ${byCode(failed)}`;
    return failed.length === 0
      ? `no failed task among those ${from}`
      : `${formatCount(failed.length)} failed among the tasks ${from}: ${byCode(failed)}`;
  }
  if (batchFailed === 0 && failed.length === 0) return noFailedTasks;
  if (batchFailed === failed.length && !scope.partial)
    return `${formatCount(batchFailed)} failed: ${byCode(failed)}`;
  const total = `${formatCount(batchFailed)} failed (Batch count)`;
  if (failed.length === 0) return from === "held" ? `${total}, none of them held` : total;
  return `${total} · codes of the ${formatCount(failed.length)} ${from}: ${byCode(failed)}`;
}

/**
 * "52,000 of 100,000 held: the newest": what a job larger than batchtop's cap shows, and what not.
 * `jobTotal` is Batch's count of the job's tasks, when known.
 */
export function taskHoldNote(held: number, jobTotal: number | undefined): string {
  return jobTotal === undefined || jobTotal <= held
    ? `${formatCount(held)} held: the newest; the job has more`
    : `${formatCount(held)} of ${formatCount(jobTotal)} held: the newest`;
}
