// `:changes` and `:runs all`: lines in the details pane of which some are rows, one selected, that
// Enter lands from. Pure: the keys move `selected`, the pane draws these lines.
import { changeLine, type Change, type ChangesReport } from "../changes.js";
import { runEnd, type ActivityRun, type QueryWarning } from "../runs.js";
import { sanitizeInline } from "../sanitize.js";

/** A read that is under way (absent), answered, or failed. */
export type DetailsRead<T> = T | { error: string } | undefined;

export interface AccountRunsRead {
  items: readonly ActivityRun[];
  warnings: readonly QueryWarning[];
  /** Said above the rows when Log Analytics is not configured. */
  notConfigured?: string;
}

export interface RowsPane<T> {
  lines: string[];
  /** The index in `lines` of the first row. */
  firstRow: number;
  rows: readonly T[];
  /** Clamped to the rows. */
  selected: number;
}

const marker = (at: number, selected: number) => (at === selected ? "› " : "  ");

function rowsPane<T>(
  head: string[],
  rows: readonly T[],
  selected: number,
  line: (row: T) => string,
): RowsPane<T> {
  const clamped = Math.max(0, Math.min(rows.length - 1, selected));
  return {
    lines: [...head, ...rows.map((row, at) => marker(at, clamped) + line(row))],
    firstRow: head.length,
    rows,
    selected: clamped,
  };
}

const isError = <T extends object>(read: DetailsRead<T>): read is { error: string } =>
  read !== undefined && "error" in read;

export function formatWindow(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

export function changesPane(
  sinceMs: number,
  read: DetailsRead<ChangesReport>,
  selected: number,
): RowsPane<Change> {
  const window = formatWindow(sinceMs);
  if (read === undefined) return rowsPane([`reading what changed in the last ${window}…`], [], 0, changeLine);
  if (isError(read))
    return rowsPane([sanitizeInline(`could not read what changed: ${read.error}`)], [], 0, changeLine);
  const head = [
    read.changes.length === 0
      ? `nothing changed since ${read.since.toISOString()} (${window}) as far as batchtop can read`
      : `${read.changes.length} changes since ${read.since.toISOString()} (${window}), newest first; Enter lands on one`,
    ...read.notes.map((note) => `note: ${sanitizeInline(note)}`),
    "",
  ];
  return rowsPane(head, read.changes, selected, changeLine);
}

/** Words typed after `:runs all`: each must appear in the run's pipeline, status or activity type. */
export function matchesRunFilter(run: ActivityRun, words: readonly string[]): boolean {
  const haystack = `${run.pipelineName} ${run.status} ${run.activityType} ${run.source}`.toLowerCase();
  return words.every((word) => haystack.includes(word.toLowerCase()));
}

function runLine(run: ActivityRun): string {
  const end = runEnd(run.end);
  const when = (end ?? run.start ?? run.updated).toISOString().slice(11, 19);
  const error = run.error ? `  ${run.error.code}: ${run.error.message}` : "";
  return sanitizeInline(
    `${when}  ${run.status.padEnd(10)} ${run.activityType.padEnd(12)} ${run.pipelineName} / ${run.activityName}  run ${run.pipelineRunId}${error}`,
  );
}

export function accountRunsPane(
  filter: readonly string[],
  read: DetailsRead<AccountRunsRead>,
  selected: number,
): RowsPane<ActivityRun> {
  if (read === undefined)
    return rowsPane(["asking Log Analytics for the workspace's activity runs…"], [], 0, runLine);
  if (isError(read))
    return rowsPane([sanitizeInline(`Log Analytics did not answer: ${read.error}`)], [], 0, runLine);
  if (read.notConfigured) return rowsPane([read.notConfigured], [], 0, runLine);
  const rows = read.items.filter((run) => matchesRunFilter(run, filter));
  const shown = filter.length > 0 ? `, ${rows.length} matching "${sanitizeInline(filter.join(" "))}"` : "";
  const head = [
    `${read.items.length} activity runs of the workspace, latest status each, newest first${shown}; from Log Analytics (minutes behind)`,
    "Enter: a Custom activity's task and log; any other shows its error and pipeline run. :runs all WORDS filters by pipeline, status, type",
    ...read.warnings.map((warning) => sanitizeInline(`warning: ${warning.source}: ${warning.message}`)),
    "",
  ];
  return rowsPane(head, rows, selected, runLine);
}
