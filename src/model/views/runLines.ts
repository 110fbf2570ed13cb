import type { ActivityRun } from "../runs.js";
import { sanitizeInline } from "../sanitize.js";

/** What the store holds of the pipeline context, as `:runs` reads it. */
export interface RunsView {
  data?: { byActivityRunId: ReadonlyMap<string, ActivityRun>; warnings: readonly string[] };
  error?: string;
  loading: boolean;
}

/**
 * `:runs`: the activity runs Log Analytics knows for the job's latest tasks, newest first, drawn from
 * the store's current answer each time it changes: a view opened before the first answer fills in
 * when it comes, rather than saying "0" for as long as it stays open.
 */
export function runLines(jobId: string, runs: RunsView, selectedJobId: string | undefined): string[] {
  // The store asks Log Analytics about the selected job only.
  if (selectedJobId !== jobId) return [`${jobId} is no longer selected; :runs shows the selected job's runs`];
  if (!runs.data) {
    if (runs.error) return [`Log Analytics did not answer: ${sanitizeInline(runs.error)}`];
    return [`asking Log Analytics for the pipeline runs of ${jobId}'s latest tasks…`];
  }
  const items = [...runs.data.byActivityRunId.values()].sort(
    (a, b) => (b.start?.getTime() ?? 0) - (a.start?.getTime() ?? 0),
  );
  return [
    `${items.length} activity runs of the latest tasks of ${jobId}, from Log Analytics (minutes behind Batch)`,
    ...(runs.error ? [`the last query failed, showing the one before: ${sanitizeInline(runs.error)}`] : []),
    ...runs.data.warnings.map((warning) => sanitizeInline(`warning: ${warning}`)),
    "",
    ...items.map((run) =>
      sanitizeInline(
        `${run.start?.toISOString() ?? "not started"}  ${run.status.padEnd(10)} ${run.pipelineName} / ${run.activityName}  ${run.activityRunId}${run.error ? `  ${run.error.code}: ${run.error.message}` : ""}`,
      ),
    ),
  ];
}
