import type { BatchAccountInfo } from "../account.js";
import { autoScaleDetails } from "../autoscale.js";
import { identityName, type PoolSummary } from "../pools.js";
import { sanitizeInline } from "../sanitize.js";
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

const taskObjects = new WeakMap<TaskRow, object>();

/**
 * A task as its details show it: the failure's name/value details as one object
 * (`"ContainerUrl": "https://…"`), which reads at a glance where a list of pairs takes three lines
 * each. A name the service repeats keeps every value, joined by "; ". The same object for the same
 * row, so a poll that changed nothing does not rebuild the JSON.
 */
export function taskDetailsObject(task: TaskRow): object {
  const cached = taskObjects.get(task);
  if (cached) return cached;
  const details = task.failure?.details;
  let shown: object = task;
  if (task.failure && details && details.length > 0) {
    const byName: Record<string, string> = {};
    for (const { name, value } of details) {
      const before = byName[name];
      byName[name] = before === undefined ? value : `${before}; ${value}`;
    }
    shown = { ...task, failure: { ...task.failure, details: byName } };
  }
  taskObjects.set(task, shown);
  return shown;
}

/**
 * A pool's details: the pool, and beside it the account's autostorage node identity reference and
 * whether this pool has it, which is the first question when its nodes cannot reach autostorage
 * (001_a5bcfcf801ea43e6.txt: the reference must be on every pool that uses it). Only when ARM showed
 * the account; pools carry identity names, so they are compared by name. With the identity doctor's
 * answer (`verdict`, one line), the pool's case as `identityDoctor`. An autoscaled pool's formula
 * shows a statement a line and its last evaluation's age as of `now` (the poll that read the pool).
 */
export function poolDetailsObject(
  pool: PoolSummary,
  account: BatchAccountInfo | undefined,
  verdict?: string,
  now?: Date,
): object {
  const shown = pool.autoScale ? { ...pool, autoScale: autoScaleDetails(pool.autoScale, now) } : pool;
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
