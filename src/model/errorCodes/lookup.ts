import { adfActivityCodes } from "./adfActivity.js";
import { batchTaskCodes } from "./batchTask.js";
import { computeNodeCodes } from "./computeNode.js";
import type { ErrorCodeEntry } from "./entry.js";
import { nodeStateCodes } from "./nodeState.js";
import { poolResizeCodes } from "./poolResize.js";

export type { ErrorCodeEntry } from "./entry.js";

/**
 * Where a code comes from: the same word can mean different things in two places (FailureExitCode
 * of a task and of a start task agree, but a node state is not an error code), so a lookup names it.
 * - `adfActivity`: a Data Factory or Synapse activity run's error code ("2500").
 * - `batchTask`: a task's (or start task's) failureInfo code ("FailureExitCode").
 * - `computeNode`: a node's error code ("DiskFull").
 * - `nodeState`: a node state worth explaining ("starttaskfailed").
 * - `poolResize`: a pool's resize error code ("AccountCoreQuotaReached").
 */
export type ErrorCodeFamily = "adfActivity" | "batchTask" | "computeNode" | "nodeState" | "poolResize";

const families: Readonly<Record<ErrorCodeFamily, readonly ErrorCodeEntry[]>> = {
  adfActivity: adfActivityCodes,
  batchTask: batchTaskCodes,
  computeNode: computeNodeCodes,
  nodeState: nodeStateCodes,
  poolResize: poolResizeCodes,
};

// Keyed by lower case: Batch's own documents spell one code two ways (AllocationTimedOut in the SDKs,
// AllocationTimedout in the service's events), and both must find the entry.
const byFamily = new Map(
  Object.entries(families).map(([family, entries]) => [
    family,
    new Map(entries.map((entry) => [entry.code.toLowerCase(), entry])),
  ]),
);

/**
 * What batchtop knows of `code` in `family`, or undefined: a code the knowledge base does not hold
 * is shown as it is, never with a guessed explanation. The one lookup every view uses (the failure
 * line, details, the timeline's rows).
 */
export function explainErrorCode(
  family: ErrorCodeFamily,
  code: string | undefined,
): ErrorCodeEntry | undefined {
  if (code === undefined) return undefined;
  return byFamily.get(family)?.get(code.trim().toLowerCase());
}

/** The codes the knowledge base holds for a family, as it spells them. */
export function knownErrorCodes(family: ErrorCodeFamily): readonly string[] {
  return families[family].map((entry) => entry.code);
}

/** "means: …": the entry's one-line gist, for a place that has room for one line. */
export function meansLine(entry: ErrorCodeEntry): string {
  return `means: ${entry.means}`;
}

/** The entry as the details pane lists it, one line each, in reading order. */
export function explanationLines(entry: ErrorCodeEntry): string[] {
  return [meansLine(entry), `check: ${entry.check}`, `fix: ${entry.fix}`, `docs: ${entry.docs}`];
}
