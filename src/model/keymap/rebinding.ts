import { closestName } from "../editDistance.js";
import { commandIds, commands, isCommandId, type CommandId } from "./commands.js";
import { parseKeyName } from "./keyNames.js";

/** A profile's `keys`: command name → the keys to bind it to; an empty list unbinds the command. */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

/** One thing wrong with a user's key bindings, as one line naming the command and the key. */
export interface KeymapProblem {
  command: string;
  message: string;
}

export interface Rebinding {
  /** Every command's keys: the user's where given, the defaults elsewhere. */
  keys: ReadonlyMap<CommandId, readonly string[]>;
  /** Commands the user rebound, whose keys win over the defaults they collide with. */
  rebound: ReadonlySet<CommandId>;
  problems: KeymapProblem[];
}

function unknownCommandMessage(name: string): string {
  const close = closestName(name, commandIds, 3);
  if (close) return `${name}: unknown command; did you mean ${close}?`;
  const group = name.split(".")[0] ?? name;
  const sameGroup = commandIds.filter((id) => id.startsWith(`${group}.`));
  return sameGroup.length > 0
    ? `${name}: unknown command; the ${group} commands are ${sameGroup.join(", ")}`
    : `${name}: unknown command; the README's key table lists every command`;
}

/** The user's overrides laid over the default keys, with a problem for each name or key that is wrong. */
export function applyOverrides(overrides: KeyOverrides): Rebinding {
  const keys = new Map<CommandId, readonly string[]>(commandIds.map((id) => [id, commands[id].keys]));
  const rebound = new Set<CommandId>();
  const problems: KeymapProblem[] = [];
  for (const [name, written] of Object.entries(overrides)) {
    if (!isCommandId(name)) {
      problems.push({ command: name, message: unknownCommandMessage(name) });
      continue;
    }
    const parsed = new Set<string>();
    for (const text of written) {
      const key = parseKeyName(text);
      if (key) parsed.add(key);
      else
        problems.push({
          command: name,
          message: `${name}: ${JSON.stringify(text)} is not a key; write keys like "R", "ctrl+r", "shift+tab", "pageup", "enter" or "esc"`,
        });
    }
    keys.set(name, [...parsed]);
    rebound.add(name);
  }
  return { keys, rebound, problems };
}
