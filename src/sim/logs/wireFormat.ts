/**
 * A query result as the Log Analytics query API writes it: one `PrimaryResult` table; datetimes
 * as ISO strings, dynamic values as compact JSON text (the SDK parses both back), timespans in
 * .NET "c" format. Checked against Azure SDK for JS live recordings (recording_query_with_types).
 */
import type { QueryResult } from "./kql/evaluator.js";
import { type KqlType, type Value, formatDateTime, formatTimespan } from "./kql/values.js";

export interface WireTable {
  name: string;
  columns: { name: string; type: KqlType }[];
  rows: unknown[][];
}

function encode(value: Value, type: KqlType): unknown {
  if (value === null) return null;
  switch (type) {
    case "datetime":
      return formatDateTime(value as number);
    case "timespan":
      return formatTimespan(value as number);
    case "dynamic":
      return JSON.stringify(value);
    case "real":
      // JSON has no NaN or infinities: they go as the strings "NaN", "Infinity", "-Infinity".
      return Number.isFinite(value) ? value : String(value);
    default:
      return value;
  }
}

export function toWireTables(result: QueryResult): { tables: WireTable[] } {
  const types = result.columns.map((column) => column.type);
  return {
    tables: [
      {
        name: "PrimaryResult",
        columns: result.columns,
        rows: result.rows.map((row) => row.map((value, i) => encode(value, types[i] ?? "string"))),
      },
    ],
  };
}
