import type { BatchAccountInfo } from "../account.js";
import { autoScaleDetails } from "../autoscale.js";
import { explainErrorCode, explanationLines, type ErrorCodeFamily } from "../errorCodes/lookup.js";
import type { NodeSummary } from "../nodes.js";
import { identityName, type PoolSummary } from "../pools.js";
import { sanitizeInline } from "../sanitize.js";
import type { ActivityRun } from "../runs.js";
import type { TaskRow } from "../tasks.js";

/** JSON-compatible data: what the details pane prints. */
type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * The selected object as pretty JSON lines, for a scrollable text view. Once per selection or
 * snapshot, not per frame. Keys are sorted (with `id` first) so a field stays in its place between
 * polls; strings are sanitised, because JSON escapes C0 controls but not ESC sequences' C1
 * relatives or bidi overrides; dates print as ISO 8601, Maps as objects, Sets as arrays; undefined
 * fields are left out and a cycle prints as "[circular]".
 */
export function detailLines(value: unknown): string[] {
  return JSON.stringify(toPlain(value, new Set()), null, 2).split("\n");
}

function toPlain(value: unknown, ancestors: Set<object>): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return sanitizeInline(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return `[${typeof value}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (ancestors.has(value)) return "[circular]";
  ancestors.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set)
      return [...value].map((item) => toPlain(item, ancestors));
    const entries: [string, unknown][] =
      value instanceof Map ? [...value].map(([key, item]) => [String(key), item]) : Object.entries(value);
    const result: { [key: string]: Plain } = {};
    for (const [key, item] of entries.sort(([a], [b]) => compareKeys(a, b))) {
      if (item !== undefined) result[sanitizeInline(key)] = toPlain(item, ancestors);
    }
    return result;
  } finally {
    ancestors.delete(value);
  }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "id") return -1;
  if (b === "id") return 1;
  return a < b ? -1 : 1;
}

/**
 * What the knowledge base says of a code, as the details pane lists it ("means: …", "check: …",
 * "fix: …", "docs: …"), under the key `meaning`, which sorts between `code` and `message`. Nothing
 * for a code it does not know: that code is shown as the service wrote it, unexplained.
 */
function meaningOf(family: ErrorCodeFamily, code: string | undefined): { meaning?: string[] } {
  const entry = explainErrorCode(family, code);
  return entry ? { meaning: explanationLines(entry) } : {};
}

/** Service errors (`{code, message}`) with what each code means beside it. */
function explainedErrors<T extends { code: string }>(family: ErrorCodeFamily, errors: readonly T[]): T[] {
  return errors.map((error) => ({ ...error, ...meaningOf(family, error.code) }));
}

const taskObjects = new WeakMap<TaskRow, { run: ActivityRun | undefined; shown: object }>();

/**
 * A task as its details show it: the failure's name/value details as one object
 * (`"ContainerUrl": "https://…"`), which reads at a glance where a list of pairs takes three lines
 * each, and what its code means. A name the service repeats keeps every value, joined by "; ". With
 * the activity run it ran as (Log Analytics), the pipeline's error too, as `activityRunError`: ADF's
 * 2500 says only that the program failed, and its meaning points back at this task's stderr. The
 * same object for the same row and run, so a poll that changed nothing does not rebuild the JSON.
 */
export function taskDetailsObject(task: TaskRow, run?: ActivityRun): object {
  const cached = taskObjects.get(task);
  if (cached && cached.run === run) return cached.shown;
  const failure = task.failure;
  let shown: object = task;
  if (failure) {
    const details = failure.details ?? [];
    const byName: Record<string, string> = {};
    for (const { name, value } of details) {
      const before = byName[name];
      byName[name] = before === undefined ? value : `${before}; ${value}`;
    }
    shown = {
      ...task,
      failure: {
        ...failure,
        ...(details.length > 0 ? { details: byName } : {}),
        ...meaningOf("batchTask", failure.code),
      },
    };
  }
  if (run?.error) {
    shown = { ...shown, activityRunError: { ...run.error, ...meaningOf("adfActivity", run.error.code) } };
  }
  taskObjects.set(task, { run, shown });
  return shown;
}

const nodeObjects = new WeakMap<NodeSummary, object>();

/**
 * A node as its details show it: each error with what its code means, and what its state means when
 * the state says more than the errors (start task failed, preempted, unusable without an error).
 * The same object for the same row, as for tasks.
 */
export function nodeDetailsObject(node: NodeSummary): object {
  const cached = nodeObjects.get(node);
  if (cached) return cached;
  const stateSpeaks = node.state !== "unusable" || node.errors.length === 0;
  const stateEntry = stateSpeaks ? explainErrorCode("nodeState", node.state) : undefined;
  const shown = {
    ...node,
    errors: explainedErrors("computeNode", node.errors),
    ...(stateEntry ? { stateMeaning: explanationLines(stateEntry) } : {}),
  };
  nodeObjects.set(node, shown);
  return shown;
}

/**
 * A pool's details: the pool, and beside it the account's autostorage node identity reference and
 * whether this pool has it, which is the first question when its nodes cannot reach autostorage
 * (001_a5bcfcf801ea43e6.txt: the reference must be on every pool that uses it). Only when ARM showed
 * the account; pools carry identity names, so they are compared by name. With the identity doctor's
 * answer (`verdict`, one line), the pool's case as `identityDoctor`. An autoscaled pool's formula
 * shows a statement a line and its last evaluation's age as of `now` (the poll that read the pool).
 * Each resize error carries what its code means.
 */
export function poolDetailsObject(
  pool: PoolSummary,
  account: BatchAccountInfo | undefined,
  verdict?: string,
  now?: Date,
): object {
  const withMeanings =
    pool.resizeErrors.length > 0
      ? { ...pool, resizeErrors: explainedErrors("poolResize", pool.resizeErrors) }
      : pool;
  const shown = pool.autoScale
    ? { ...withMeanings, autoScale: autoScaleDetails(pool.autoScale, now) }
    : withMeanings;
  const withVerdict = verdict === undefined ? shown : { identityDoctor: verdict, ...shown };
  const storage = account?.autoStorage;
  if (!storage) return withVerdict;
  const reference = storage.nodeIdentityResourceId;
  const name = reference === undefined ? undefined : identityName(reference);
  const onPool =
    name === undefined
      ? undefined
      : (pool.identityNames ?? []).some((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return {
    ...withVerdict,
    accountAutoStorage: {
      authenticationMode: storage.authenticationMode,
      nodeIdentityReference: name ?? "none",
      ...(onPool === undefined ? {} : { nodeIdentityReferenceOnThisPool: onPool }),
    },
  };
}
