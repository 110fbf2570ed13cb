/**
 * Turns the simulator's log records (plain objects keyed by column name) into evaluator rows in the
 * value representation of values.ts. Records are lenient about JavaScript types (a Date or an ISO
 * string for a datetime); a column a record lacks is null ("" for strings), as in Log Analytics.
 */
import { parseDateTime, parseTimespan } from "./literals.js";
import type { RuntimeColumn } from "./table.js";
import { type KqlType, type Row, type Value, formatDateTime } from "./values.js";

/** One log record: column name → value. */
export type LogRecord = Readonly<Record<string, unknown>>;

/** Table name → records, as the simulated world holds them. */
export type TableSet = Readonly<Record<string, readonly LogRecord[]>>;

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

function toDateTime(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === "number") return value;
  if (typeof value === "string") return parseDateTime(value) ?? null;
  return null;
}

/** JSON text in a dynamic column is stored parsed, as Log Analytics ingests it. */
function toDynamic(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return formatDateTime(value.getTime());
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as Value;
    } catch {
      return value;
    }
  }
  return value as Value;
}

function toStringValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return formatDateTime(value.getTime());
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function toInteger(value: unknown): Value {
  const number = toNumber(value);
  return number === null ? null : Math.trunc(number);
}

const converters: Record<KqlType, (value: unknown) => Value> = {
  string: toStringValue,
  int: toInteger,
  long: toInteger,
  real: toNumber,
  bool: (value) => (typeof value === "boolean" ? value : null),
  datetime: toDateTime,
  timespan: (value) => (typeof value === "string" ? (parseTimespan(value) ?? null) : toNumber(value)),
  guid: (value) => (typeof value === "string" ? value.toLowerCase() : null),
  dynamic: toDynamic,
};

/**
 * Rows for `columns` from records whose TimeGenerated is in `timeRange`. Only the columns in
 * `observed` are converted; the others stay null because the query never reads them.
 */
export function toRows(
  records: readonly LogRecord[],
  columns: readonly RuntimeColumn[],
  timeRange: { start: number; end: number } | undefined,
  observed: ReadonlySet<number>,
): Row[] {
  const converted = columns.flatMap((column, index) =>
    observed.has(column.id) ? [{ name: column.name, index, convert: converters[column.type] }] : [],
  );
  const rows: Row[] = [];
  for (const record of records) {
    if (timeRange) {
      const time = toDateTime(record["TimeGenerated"]);
      if (time === null || time < timeRange.start || time > timeRange.end) continue;
    }
    const row: Value[] = new Array<Value>(columns.length).fill(null);
    for (const column of converted) row[column.index] = column.convert(record[column.name]);
    rows.push(row);
  }
  return rows;
}
