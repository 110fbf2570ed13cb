import { ClauseError } from "./clauseError.js";
import { parseFilter, type ComparisonOperator, type FilterNode, type Literal } from "./filterSyntax.js";
import { instantKey } from "./instant.js";

// Turns a parsed $filter into one closure per request, checked against the properties the service lets
// a list be filtered on. Property types decide which literals fit; strings compare case-insensitively
// because Batch ids and enum values are case-insensitive. A missing value behaves as OData null: it
// equals only null and satisfies no ordering comparison.

export type FilterOperator = ComparisonOperator | "startswith";

export type FilterPropertyType =
  | { kind: "string" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "integer" }
  | { kind: "datetime" }
  | { kind: "boolean" };

export interface FilterableProperty {
  type: FilterPropertyType;
  operators: readonly FilterOperator[];
}

/** The properties one list operation can be filtered on, keyed by their `a/b` path. */
export type FilterSchema = Readonly<Record<string, FilterableProperty>>;

export type Predicate = (entity: object) => boolean;

type Comparable = string | number | boolean;

function accessor(path: string): (entity: object) => unknown {
  const keys = path.split("/");
  if (keys.length === 1) {
    const key = keys[0]!;
    return (entity) => (entity as Record<string, unknown>)[key];
  }
  return (entity) => {
    let value: unknown = entity;
    for (const key of keys) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
}

function order(operator: ComparisonOperator, difference: number): boolean {
  switch (operator) {
    case "eq":
      return difference === 0;
    case "ne":
      return difference !== 0;
    case "gt":
      return difference > 0;
    case "ge":
      return difference >= 0;
    case "lt":
      return difference < 0;
    case "le":
      return difference <= 0;
  }
}

function compareValues(left: Comparable, right: Comparable): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function literalText(literal: Literal): string {
  switch (literal.type) {
    case "string":
      return `'${literal.value}'`;
    case "integer":
      return String(literal.value);
    case "datetime":
      return `DateTime'${literal.text}'`;
    case "boolean":
      return String(literal.value);
    case "null":
      return "null";
  }
}

/** The literal as a value comparable with the property's normalised values, or a ClauseError. */
function literalValue(property: string, type: FilterPropertyType, literal: Literal): Comparable {
  const mismatch = () =>
    new ClauseError(
      `The value ${literalText(literal)} does not match the type of property '${property}' (${type.kind}).`,
    );
  switch (type.kind) {
    case "string":
      if (literal.type !== "string") throw mismatch();
      return literal.value.toLowerCase();
    case "enum": {
      if (literal.type !== "string") throw mismatch();
      const value = literal.value.toLowerCase();
      if (!type.values.includes(value)) {
        throw new ClauseError(
          `'${literal.value}' is not a valid value for '${property}'; valid values are ${type.values.join(", ")}.`,
        );
      }
      return value;
    }
    case "integer":
      if (literal.type !== "integer") throw mismatch();
      return literal.value;
    case "datetime": {
      if (literal.type !== "datetime") throw mismatch();
      const key = instantKey(literal.text);
      if (key === undefined)
        throw new ClauseError(`DateTime'${literal.text}' is not a valid ISO 8601 date and time.`);
      return key;
    }
    case "boolean":
      if (literal.type !== "boolean") throw mismatch();
      return literal.value;
  }
}

/** Normalises an entity's value to compare with a literal of the property's type; undefined reads as null. */
function entityValue(type: FilterPropertyType, value: unknown): Comparable | undefined {
  switch (type.kind) {
    case "string":
    case "enum":
      return typeof value === "string" ? value.toLowerCase() : undefined;
    case "integer":
      return typeof value === "number" ? value : undefined;
    case "datetime":
      return typeof value === "string" ? instantKey(value) : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
  }
}

function lookUp(schema: FilterSchema, property: string, operator: FilterOperator): FilterableProperty {
  const spec = Object.hasOwn(schema, property) ? schema[property] : undefined;
  if (!spec) {
    throw new ClauseError(
      `'${property}' cannot be used in a filter here; filterable properties are ${Object.keys(schema).join(", ")}.`,
    );
  }
  if (!spec.operators.includes(operator)) {
    throw new ClauseError(
      `The operator '${operator}' is not supported for '${property}'; use ${spec.operators.join(", ")}.`,
    );
  }
  return spec;
}

function compileNode(node: FilterNode, schema: FilterSchema): Predicate {
  switch (node.kind) {
    case "and": {
      const left = compileNode(node.left, schema);
      const right = compileNode(node.right, schema);
      return (entity) => left(entity) && right(entity);
    }
    case "or": {
      const left = compileNode(node.left, schema);
      const right = compileNode(node.right, schema);
      return (entity) => left(entity) || right(entity);
    }
    case "startswith": {
      const spec = lookUp(schema, node.property, "startswith");
      const read = accessor(node.property);
      const prefix = node.prefix.toLowerCase();
      return (entity) => {
        const value = entityValue(spec.type, read(entity));
        return typeof value === "string" && value.startsWith(prefix);
      };
    }
    case "compare": {
      const { operator, property } = node;
      const spec = lookUp(schema, property, operator);
      const read = accessor(property);
      if (node.value.type === "null") {
        if (operator !== "eq" && operator !== "ne")
          throw new ClauseError(`null can only be compared with eq or ne.`);
        const wantsNull = operator === "eq";
        return (entity) => (entityValue(spec.type, read(entity)) === undefined) === wantsNull;
      }
      const literal = literalValue(property, spec.type, node.value);
      return (entity) => {
        const value = entityValue(spec.type, read(entity));
        if (value === undefined) return operator === "ne";
        return order(operator, compareValues(value, literal));
      };
    }
  }
}

/** Compiles a $filter clause once per request; throws ClauseError when it cannot be read or applied. */
export function compileFilter(text: string, schema: FilterSchema): Predicate {
  return compileNode(parseFilter(text), schema);
}
