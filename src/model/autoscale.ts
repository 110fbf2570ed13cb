// An autoscaled pool's formula and its last evaluation, as the details pane and the autoscale dialog
// show them. Batch reports an evaluation's results as one string (`$TargetDedicatedNodes=4;$x=2`).

import { formatDuration } from "./views/duration.js";
import { sanitizeInline } from "./sanitize.js";

/** Batch refuses a longer formula (AutoScaleFormulaTooLong). */
export const MAX_FORMULA_LENGTH = 8192;

/** What went wrong in an evaluation, in the service's words (AutoScaleRunError). */
export interface AutoScaleRunError {
  code: string;
  message: string;
  values: { name: string; value: string }[];
}

/** One evaluation of a pool's formula: when, the variables' final values, and its error if it failed. */
export interface AutoScaleRun {
  timestamp: Date;
  /** As Batch sends it: `$A=1;$B=2`; absent when the evaluation failed before producing any. */
  results?: string;
  error?: AutoScaleRunError;
}

/** The pool's autoscale settings; only on a pool with autoscale on. */
export interface PoolAutoScale {
  formula: string;
  /** ISO 8601 duration (`PT15M`), as Batch sends it. */
  evaluationInterval?: string;
  lastRun?: AutoScaleRun;
}

/**
 * `$TargetDedicatedNodes=4;$NodeDeallocationOption=taskcompletion` as name/value pairs, in the
 * service's order. Empty parts (a trailing `;`) are skipped; a part without `=` keeps its text as
 * the name with an empty value, so nothing the service said is lost.
 */
export function parseAutoScaleResults(results: string): { name: string; value: string }[] {
  return results
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0
        ? { name: part, value: "" }
        : { name: part.slice(0, at).trim(), value: part.slice(at + 1).trim() };
    });
}

/**
 * A formula's statements, one per entry: split at `;` and newlines, blank ones dropped. A formula is
 * text an operator (or the service) wrote; the statements are trimmed but otherwise kept as written.
 */
export function formulaStatements(formula: string): string[] {
  return formula
    .split(/[;\r\n]/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/** The formula as the autoscale dialog edits it: one line, statements separated by "; ". */
export function formulaAsOneLine(formula: string): string {
  return formulaStatements(formula).join("; ");
}

/** "PT15M" as "every 15 min"; another ISO duration as written. */
function intervalText(interval: string | undefined): string {
  if (interval === undefined) return "every 15 min (the service's default)";
  const match = /^PT(\d+)M$/i.exec(interval);
  if (match) return `every ${match[1]} min`;
  const hours = /^PT(\d+)H$/i.exec(interval);
  return hours ? `every ${hours[1]} h` : `every ${sanitizeInline(interval)}`;
}

/** An evaluation's error as one line: `code: message (name=value, …)`, sanitised. */
export function autoScaleErrorLine(error: AutoScaleRunError): string {
  const values = error.values.map(({ name, value }) => `${name}=${value}`).join(", ");
  return sanitizeInline(`${error.code}: ${error.message}${values ? ` (${values})` : ""}`);
}

/** The results as `name = value` lines, sanitised. */
export function autoScaleResultLines(results: string | undefined): string[] {
  return parseAutoScaleResults(results ?? "").map(({ name, value }) => sanitizeInline(`${name} = ${value}`));
}

/**
 * What the details pane shows of a pool's autoscale: the formula a statement a line, the interval,
 * and the last evaluation's time (`at`, with its age at `now`), results and error. Strings are sanitised
 * here, and again by the details view, which is harmless.
 */
export function autoScaleDetails(autoScale: PoolAutoScale, now: Date | undefined): object {
  const run = autoScale.lastRun;
  return {
    formula: formulaStatements(autoScale.formula).map(sanitizeInline),
    evaluated: intervalText(autoScale.evaluationInterval),
    ...(run
      ? {
          lastEvaluation: {
            // `at`, not `time`: the details sort keys, and the when reads best before the results.
            at: `${run.timestamp.toISOString()}${now ? ` (${formatDuration(now.getTime() - run.timestamp.getTime())} ago)` : ""}`,
            ...(run.results !== undefined ? { results: autoScaleResultLines(run.results) } : {}),
            ...(run.error ? { error: autoScaleErrorLine(run.error) } : {}),
          },
        }
      : { lastEvaluation: "not evaluated yet" }),
  };
}
