import { describeJson, isPlainObject, ok, problem, type Parsed } from "./valueParsers.js";

/** Named command (`pool.rescale`) → the keys bound to it; an empty list unbinds the command. */
export type KeyBindings = Readonly<Record<string, readonly string[]>>;

// Which commands exist is the dashboard's to say (its keymap checks the names); here only their shape.
const commandPattern = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
// eslint-disable-next-line no-control-regex -- a key name with control characters is a mistake
const keyPattern = /^[^\u0000-\u001f\u007f\s]{1,32}$/;

/** A profile's `keys` object: `{"pool.rescale": ["R", "ctrl+r"]}`. */
export function parseKeyBindings(value: unknown): Parsed<KeyBindings> {
  if (!isPlainObject(value))
    return problem(`must be an object of command name → list of keys, got ${describeJson(value)}`);
  const bindings: Record<string, readonly string[]> = {};
  for (const [command, keys] of Object.entries(value)) {
    if (!commandPattern.test(command))
      return problem(`must be a command name such as "pool.rescale"`, [command]);
    if (!Array.isArray(keys))
      return problem(`must be a list of keys such as ["R"], got ${describeJson(keys)}`, [command]);
    for (const [index, key] of keys.entries()) {
      if (typeof key !== "string" || !keyPattern.test(key))
        return problem(`must be a key such as "R" or "ctrl+r", got ${JSON.stringify(key)}`, [command, index]);
    }
    bindings[command] = keys as string[];
  }
  return ok(bindings);
}
