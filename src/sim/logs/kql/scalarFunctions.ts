/**
 * The scalar functions the evaluator implements. Each one gets its arguments already compiled, with
 * their static types, and returns the per-row function, or undefined for an argument shape it does
 * not implement (the caller then refuses the query rather than guess).
 */
import { parseDateTime } from "./literals.js";
import type { QueryContext } from "./queryContext.js";
import { type KqlType, type RowFunction, type Value, toKqlString } from "./values.js";

export interface Argument {
  evaluate: RowFunction;
  type: KqlType;
}

type ScalarFunction = (args: readonly Argument[], context: QueryContext) => RowFunction | undefined;

/** .NET DateTime ticks start at 0001-01-01; Kusto bins datetimes from there, not from 1970. */
const MS_FROM_YEAR_ONE_TO_EPOCH = 62_135_596_800_000;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const REAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function unary(
  args: readonly Argument[],
  map: (value: Value, type: KqlType) => Value,
): RowFunction | undefined {
  const [arg] = args;
  if (args.length !== 1 || !arg) return undefined;
  return (row) => map(arg.evaluate(row), arg.type);
}

/** A number from any scalar for toint/tolong/toreal: strings must hold a number in full. */
function toNumber(value: Value, type: KqlType, integer: boolean): Value {
  if (value === null) return null;
  if (type === "datetime" || type === "timespan") return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return integer ? Math.trunc(value) : value;
  if (typeof value === "string") {
    if (integer) return INTEGER.test(value) ? Number(value) : null;
    return REAL.test(value) ? Number(value) : null;
  }
  return null;
}

function toBool(value: Value): Value {
  if (typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    return lower === "true" || lower === "1" ? true : lower === "false" || lower === "0" ? false : null;
  }
  return null;
}

function parseJson(value: Value, type: KqlType): Value {
  if (type !== "string") return value;
  if (value === "") return null;
  try {
    return JSON.parse(value as string) as Value;
  } catch {
    // Kusto keeps text that is not JSON as a dynamic string.
    return value;
  }
}

function bin(args: readonly Argument[]): RowFunction | undefined {
  const [value, size] = args;
  if (args.length !== 2 || !value || !size) return undefined;
  const offset = value.type === "datetime" ? MS_FROM_YEAR_ONE_TO_EPOCH : 0;
  const numeric = (t: KqlType) => t === "int" || t === "long" || t === "real" || t === "timespan";
  if (!(value.type === "datetime" ? size.type === "timespan" : numeric(value.type) && numeric(size.type))) {
    return undefined;
  }
  return (row) => {
    const v = value.evaluate(row);
    const s = size.evaluate(row);
    if (typeof v !== "number" || typeof s !== "number" || s <= 0) return null;
    return Math.floor((v + offset) / s) * s - offset;
  };
}

const functions: Record<string, ScalarFunction> = {
  now: (args, context) => {
    if (args.length === 0) return () => context.now;
    const [offset] = args;
    if (args.length !== 1 || offset?.type !== "timespan") return undefined;
    return (row) => {
      const v = offset.evaluate(row);
      return typeof v === "number" ? context.now + v : null;
    };
  },
  ago: (args, context) => {
    const [span] = args;
    if (args.length !== 1 || span?.type !== "timespan") return undefined;
    return (row) => {
      const v = span.evaluate(row);
      return typeof v === "number" ? context.now - v : null;
    };
  },
  bin,
  floor: bin,
  tostring: (args) => unary(args, (value, type) => toKqlString(value, type)),
  toint: (args) => unary(args, (value, type) => toNumber(value, type, true)),
  tolong: (args) => unary(args, (value, type) => toNumber(value, type, true)),
  toreal: (args) => unary(args, (value, type) => toNumber(value, type, false)),
  todouble: (args) => unary(args, (value, type) => toNumber(value, type, false)),
  tobool: (args) => unary(args, toBool),
  toboolean: (args) => unary(args, toBool),
  todatetime: (args) =>
    unary(args, (value, type) => {
      if (type === "datetime") return value;
      return typeof value === "string" ? (parseDateTime(value) ?? null) : null;
    }),
  tolower: (args) => unary(args, (value, type) => toKqlString(value, type).toLowerCase()),
  toupper: (args) => unary(args, (value, type) => toKqlString(value, type).toUpperCase()),
  strlen: (args) => unary(args, (value, type) => toKqlString(value, type).length),
  strcat: (args) => (row) => args.map((arg) => toKqlString(arg.evaluate(row), arg.type)).join(""),
  isempty: (args) => unary(args, (value) => value === null || value === ""),
  isnotempty: (args) => unary(args, (value) => !(value === null || value === "")),
  isnull: (args) => unary(args, (value) => value === null),
  isnotnull: (args) => unary(args, (value) => value !== null),
  parse_json: (args) => unary(args, parseJson),
  todynamic: (args) => unary(args, parseJson),
  pack_array: (args) => (row) => args.map((arg) => arg.evaluate(row)),
  array_length: (args) => unary(args, (value) => (Array.isArray(value) ? value.length : null)),
  not: (args) => unary(args, (value) => (typeof value === "boolean" ? !value : null)),
  iff: conditional,
  iif: conditional,
};

function conditional(args: readonly Argument[]): RowFunction | undefined {
  const [condition, then, otherwise] = args;
  if (args.length !== 3 || !condition || !then || !otherwise) return undefined;
  return (row) => (condition.evaluate(row) === true ? then.evaluate(row) : otherwise.evaluate(row));
}

/** The implementation of scalar function `name`, if this evaluator has one. */
export function scalarFunction(name: string): ScalarFunction | undefined {
  return Object.hasOwn(functions, name) ? functions[name] : undefined;
}
