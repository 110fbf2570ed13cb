import { readFileSync } from "node:fs";

// The KQL batchtop sends lives in `.kql` files beside this module, one query per file, each opening
// with the parameters it takes: `declare query_parameters(ids:dynamic, limit:long);`. Log Analytics'
// query API has no parameters, so the declaration is replaced by `let` statements binding each
// parameter to a literal of its declared type, written here and nowhere else: no value is ever
// pasted into query text. The file as stored is plain KQL the official parser checks (tests do).

/** A value for a parameter, of the type its declaration names. */
export type KqlArgument = string | number | Date | readonly string[] | { durationMs: number };

interface Declared {
  name: string;
  type: string;
}

export interface LoadedQuery {
  parameters: readonly Declared[];
  /** The query after its declaration. */
  body: string;
}

/** The declaration, after the file's opening comment lines. */
const declaration = /^(?:\s*\/\/[^\n]*\n)*\s*declare\s+query_parameters\s*\(([^)]*)\)\s*;/;

/** Characters a literal must not carry raw: controls, and line separators some tools split on. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A KQL string literal holding exactly `value`: single-quoted, with backslash and quote escaped and
 * control characters written as `\uXXXX`, so no value can end the literal and add query text.
 */
export function kqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(unsafeCharacters, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `'${escaped}'`;
}

/** A query file's parameters and body; a file without a declaration takes none. */
export function parseQueryFile(text: string): LoadedQuery {
  const match = declaration.exec(text);
  if (!match) return { parameters: [], body: text.trim() };
  const parameters = (match[1] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const [name = "", type = ""] = part.split(":").map((piece) => piece.trim());
      if (!/^[A-Za-z_]\w*$/.test(name) || !/^[a-z]+$/.test(type))
        throw new Error(`malformed query parameter "${part}"`);
      return { name, type };
    });
  return { parameters, body: text.slice(match[0].length).trim() };
}

function literal({ name, type }: Declared, value: KqlArgument | undefined): string {
  const wrong = () =>
    new TypeError(`query parameter ${name} is declared ${type}, got ${JSON.stringify(value)}`);
  switch (type) {
    case "string":
      if (typeof value !== "string") throw wrong();
      return kqlString(value);
    case "long":
    case "int":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw wrong();
      return `${type}(${value})`;
    case "dynamic":
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw wrong();
      // pack_array of string literals: every value through kqlString, as everywhere else.
      return value.length === 0 ? "dynamic([])" : `pack_array(${value.map(kqlString).join(", ")})`;
    case "datetime":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw wrong();
      return `datetime(${value.toISOString()})`;
    case "timespan":
      if (typeof value !== "object" || value === null || !("durationMs" in value)) throw wrong();
      if (!Number.isSafeInteger(value.durationMs) || value.durationMs < 0) throw wrong();
      return `timespan(${value.durationMs}ms)`;
    default:
      throw new TypeError(`query parameter ${name} has a type batchtop does not write: ${type}`);
  }
}

/** The query text to send: each declared parameter bound by `let` to its value, then the body. */
export function bindQuery(query: LoadedQuery, args: Readonly<Record<string, KqlArgument>>): string {
  const unknown = Object.keys(args).filter((key) => !query.parameters.some(({ name }) => name === key));
  if (unknown.length > 0) throw new TypeError(`the query takes no parameter ${unknown.join(", ")}`);
  const lets = query.parameters.map(
    (parameter) => `let ${parameter.name} = ${literal(parameter, args[parameter.name])};`,
  );
  return [...lets, query.body].join("\n");
}

const cache = new Map<string, LoadedQuery>();

/** The `.kql` file of this name beside this module, read once. */
export function loadQuery(name: string): LoadedQuery {
  let query = cache.get(name);
  if (!query) {
    if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`not a query name: ${name}`);
    query = parseQueryFile(readFileSync(new URL(`./${name}.kql`, import.meta.url), "utf8"));
    cache.set(name, query);
  }
  return query;
}

/** The named query with its parameters bound: what is sent to Log Analytics. */
export function kqlQuery(name: string, args: Readonly<Record<string, KqlArgument>> = {}): string {
  return bindQuery(loadQuery(name), args);
}
