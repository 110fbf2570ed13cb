import { ClauseError } from "./clauseError.js";

/** Builds the object a $select clause asks for; nested objects such as executionInfo come whole. */
export type Projection = (entity: object) => object;

/**
 * Compiles a $select clause against an entity's properties. Batch selects top-level properties only;
 * the result keeps the entity's property order, and properties the entity lacks are left out, as the
 * service leaves out unset properties. Throws ClauseError.
 */
export function compileSelect(text: string, properties: readonly string[]): Projection {
  const names = text.split(",").map((name) => name.trim());
  for (const name of names) {
    if (name === "") throw new ClauseError("The $select clause has an empty property name.");
    if (!properties.includes(name)) {
      throw new ClauseError(
        `'${name}' is not a property of this entity; selectable properties are ${properties.join(", ")}.`,
      );
    }
  }
  const selected = properties.filter((property) => names.includes(property));
  return (entity) => {
    const source = entity as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const property of selected) {
      if (source[property] !== undefined) result[property] = source[property];
    }
    return result;
  };
}
