import {
  invalidQueryParameter,
  missingApiVersion,
  outOfRangeQueryParameter,
  unsupportedApiVersion,
} from "./batchErrors.js";
import { ClauseError } from "./odata/clauseError.js";
import { compileFilter, type FilterSchema, type Predicate } from "./odata/filterCompile.js";
import { compileSelect, type Projection } from "./odata/select.js";

/** The one version the simulator speaks: the version @azure/batch 10.2.0 sends and the specs describe. */
export const apiVersion = "2022-10-01.16.0";

/** Long enough for any filter a person writes; bounds the work one request can ask for. */
const maxClauseLength = 8192;

export function checkApiVersion(query: URLSearchParams): void {
  const version = query.get("api-version");
  if (version === null || version === "") throw missingApiVersion();
  if (version !== apiVersion) throw unsupportedApiVersion(version);
}

/** `timeout` is accepted and, as on the service, values above 30 mean 30; the simulator never needs it. */
export function checkTimeout(query: URLSearchParams): void {
  const value = query.get("timeout");
  if (value !== null && !/^\d{1,9}$/.test(value)) {
    throw invalidQueryParameter("timeout", value, "The timeout must be a whole number of seconds.");
  }
}

export interface PageSize {
  default: number;
  max: number;
}

export function maxResults(query: URLSearchParams, size: PageSize): number {
  const value = query.get("maxresults");
  if (value === null) return size.default;
  if (!/^-?\d{1,12}$/.test(value))
    throw invalidQueryParameter("maxresults", value, "maxresults must be an integer.");
  const count = Number(value);
  if (count < 1 || count > size.max) {
    throw outOfRangeQueryParameter("maxresults", value, `maxresults must be between 1 and ${size.max}.`);
  }
  return count;
}

export function optionalBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false")
    throw invalidQueryParameter(name, value, `${name} must be true or false.`);
  return lower === "true";
}

function clause<T>(query: URLSearchParams, name: string, compile: (text: string) => T): T | undefined {
  const text = query.get(name);
  if (text === null || text.trim() === "") return undefined;
  if (text.length > maxClauseLength) {
    throw invalidQueryParameter(
      name,
      text.slice(0, 256),
      `The clause is longer than ${maxClauseLength} characters.`,
    );
  }
  try {
    return compile(text);
  } catch (error) {
    if (error instanceof ClauseError) throw invalidQueryParameter(name, text, error.message);
    throw error;
  }
}

export function filterOption(query: URLSearchParams, schema: FilterSchema): Predicate | undefined {
  return clause(query, "$filter", (text) => compileFilter(text, schema));
}

export function selectOption(query: URLSearchParams, properties: readonly string[]): Projection | undefined {
  return clause(query, "$select", (text) => compileSelect(text, properties));
}
