import { sanitizeInline } from "../sanitize.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";

/**
 * Why a failed task failed, in one line for the log pane: the code, then the service's details
 * (the container and identity refused, what storage said), else its generic message. A task that
 * never ran has no output to read, so this line is the whole answer there. Undefined for a task
 * that did not fail. The words came from Azure, so the line is sanitised.
 */
export function taskFailureLine(task: Pick<TaskRow, "result" | "failure" | "exitCode">): string | undefined {
  if (!isTaskFailed(task)) return undefined;
  const failure = task.failure;
  const code = failure?.code ?? (task.exitCode !== undefined ? `exit code ${task.exitCode}` : "failed");
  const details = failure?.details ?? [];
  const parts =
    details.length > 0
      ? details.map(({ name, value }) => `${name} ${value}`)
      : failure?.message
        ? [failure.message]
        : [];
  return sanitizeInline([`✗ ${code}`, ...parts].join(" · "));
}
