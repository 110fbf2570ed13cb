import { summarizeFailures } from "../health.js";
import { sanitizeInline } from "../sanitize.js";
import type { TaskView } from "./taskRows.js";

/**
 * The tasks pane's summary line, once per snapshot: "12 failed: 9 FailureExitCode, 3
 * ResourceContainerAccessDenied", or "no failed tasks". Counts what was loaded, by result or
 * failureInfo; the codes came from Azure, so the line is sanitised.
 */
export function taskFailureSummary(views: readonly TaskView[]): string {
  const failed = views.filter((view) => view.failed).map((view) => view.task);
  return failed.length === 0 ? "no failed tasks" : sanitizeInline(summarizeFailures(failed));
}
