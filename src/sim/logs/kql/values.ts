/**
 * How KQL values live in the evaluator. Every expression has a static type from the analyser, so a
 * value needs no tag: datetimes are epoch milliseconds, timespans milliseconds, guids strings and
 * dynamic values plain JSON values. Strings are never null (Kusto has no null string: it uses "").
 */

export type KqlType =
  | "string"
  | "int"
  | "long"
  | "real"
  | "bool"
  | "datetime"
  | "timespan"
  | "dynamic"
  | "guid";

export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

export type DynamicObject = { readonly [key: string]: Value };

/** A row of a table flowing through a query, in its table's column order. */
export type Row = readonly Value[];

/** A compiled scalar expression: its value for one row. */
export type RowFunction = (row: Row) => Value;

const scalarTypes: ReadonlySet<string> = new Set([
  "string",
  "int",
  "long",
  "real",
  "bool",
  "datetime",
  "timespan",
  "guid",
]);

/** Maps an analyser type name to a supported type (dynamic sub-types such as `dynamic(string)` are dynamic). */
export function kqlTypeOf(typeName: string | undefined): KqlType | undefined {
  if (typeName === undefined) return undefined;
  if (typeName === "dynamic" || typeName.startsWith("dynamic(") || typeName.startsWith("dynamic<"))
    return "dynamic";
  if (typeName === "double") return "real";
  return scalarTypes.has(typeName) ? (typeName as KqlType) : undefined;
}

export function isDynamicObject(value: Value): value is DynamicObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** 2026-11-22T00:00:00Z, with a fraction only when there is one (`.5Z`), as Log Analytics writes it. */
export function formatDateTime(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const [seconds, fraction = "000Z"] = iso.split(".");
  const digits = fraction.slice(0, -1).replace(/0+$/, "");
  return digits === "" ? `${seconds}Z` : `${seconds}.${digits}Z`;
}

/** .NET TimeSpan "c" format, which Kusto uses: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const ticks = Math.round(Math.abs(ms) * 10_000);
  const fraction = ticks % 10_000_000;
  const totalSeconds = (ticks - fraction) / 10_000_000;
  const days = Math.floor(totalSeconds / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor(totalSeconds / 3600) % 24)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
  const dayPart = days > 0 ? `${days}.` : "";
  const fractionPart = fraction > 0 ? `.${String(fraction).padStart(7, "0")}` : "";
  return `${sign}${dayPart}${clock}${fractionPart}`;
}

/** `tostring()`: how Kusto turns any value into a string (null becomes ""). */
export function toKqlString(value: Value, type: KqlType): string {
  if (value === null) return "";
  switch (type) {
    case "datetime":
      return formatDateTime(value as number);
    case "timespan":
      return formatTimespan(value as number);
    case "dynamic":
      return typeof value === "string" ? value : JSON.stringify(value);
    default:
      return String(value);
  }
}

function rank(value: Value): number {
  if (typeof value === "boolean") return 0;
  if (typeof value === "number") return 1;
  if (typeof value === "string") return 2;
  return 3;
}

/** Order of two non-null values for sort/top/min/max: numbers numerically, strings ordinally. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const [left, right] = [JSON.stringify(a), JSON.stringify(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Equality of two non-null values (`==`, `in`, dcount): same kind and same content. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A key that is equal exactly when the values are equal one by one (grouping, distinct, dcount).
 * Each part is tagged and strings are length-prefixed, so no two value lists share a key; this is
 * several times faster than JSON.stringify on the summarize hot path.
 */
export function valuesKey(values: readonly Value[]): string {
  let key = "";
  for (const value of values) {
    if (typeof value === "string") key += `s${value.length}:${value}`;
    else if (typeof value === "number") key += `n${value};`;
    else if (typeof value === "boolean") key += value ? "t" : "f";
    else if (value === null) key += "z";
    else {
      const json = JSON.stringify(value);
      key += `j${json.length}:${json}`;
    }
  }
  return key;
}
