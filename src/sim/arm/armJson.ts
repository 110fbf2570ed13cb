// Reading JSON request bodies the way ARM validates them: a value of the wrong type is a 400
// InvalidRequestContent naming the property's path.

import { invalidRequestContent } from "./armErrors.js";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalidRequestContent(`'${path}' must be a JSON object`);
  return value;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidRequestContent(`'${path}' must be a JSON array`);
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== "string") throw invalidRequestContent(`'${path}' must be a string`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : stringAt(value, path);
}

export function integerAt(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalidRequestContent(`'${path}' must be an integer`);
  }
  return value;
}

/** The key of a capitalised ARM enum value, matched without regard to case. */
export function enumKey<K extends string>(
  values: Readonly<Record<K, string>>,
  value: unknown,
  path: string,
): K {
  const text = stringAt(value, path).toLowerCase();
  const key = (Object.keys(values) as K[]).find((candidate) => values[candidate].toLowerCase() === text);
  if (key === undefined) {
    throw invalidRequestContent(`'${path}' must be one of ${Object.values(values).join(", ")}`);
  }
  return key;
}

/** The JSON value of a request body. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw invalidRequestContent("The request body is not valid JSON");
  }
}
