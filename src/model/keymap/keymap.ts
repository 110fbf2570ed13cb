import {
  commandIds,
  commands,
  inheritsGlobal,
  keyScopes,
  type CommandId,
  type KeyScope,
} from "./commands.js";
import { applyOverrides, type KeymapProblem, type KeyOverrides } from "./rebinding.js";

/** What a key press means where it was pressed. */
export type KeyOutcome =
  | { kind: "command"; command: CommandId }
  /** A mutating command's key in read-only mode: the UI says "read-only" in the flash line. */
  | { kind: "refused"; command: CommandId; reason: "read-only" }
  | { kind: "unbound" };

export interface Keymap {
  readonly readOnly: boolean;
  /** False for the mutating commands in read-only mode: they are not offered anywhere. */
  offers(command: CommandId): boolean;
  /** The keys that run a command for this user; none when it is unbound or not offered. */
  keysOf(command: CommandId): readonly string[];
  /**
   * A canonical key name (see `keyNameOf`) pressed in the focused pane or dialog, or over every pane
   * ("global": the help screen).
   */
  resolve(key: string | undefined, scope: KeyScope): KeyOutcome;
}

export interface KeymapOptions {
  readOnly: boolean;
}

function describeScope(scope: KeyScope): string {
  if (scope === "global") return "every pane";
  return scope === "dialogs" ? "dialogs" : `the ${scope} pane`;
}

/**
 * The keymap for this user: the defaults with their `keys` overrides laid over them, and a problem
 * for each unknown command name, unreadable key, or key that two commands claim in the same place.
 * A scope-specific binding may shadow a global one (`f` follows in the log, toggles faults
 * elsewhere); that is not a conflict.
 */
export function createKeymap(
  overrides: KeyOverrides,
  { readOnly }: KeymapOptions,
): { keymap: Keymap; problems: KeymapProblem[] } {
  const { keys, rebound, problems } = applyOverrides(overrides);
  const commandByKey = Object.fromEntries(
    keyScopes.map((scope) => [scope, new Map<string, CommandId>()]),
  ) as Record<KeyScope, Map<string, CommandId>>;
  // The commands the user rebound claim their keys first, so a collision takes the key from the
  // default binding, not from what the user asked for.
  const claimOrder = [
    ...commandIds.filter((id) => rebound.has(id)),
    ...commandIds.filter((id) => !rebound.has(id)),
  ];
  for (const id of claimOrder) {
    for (const scope of commands[id].scopes) {
      for (const key of keys.get(id) ?? []) {
        const holder = commandByKey[scope].get(key);
        if (holder === undefined) commandByKey[scope].set(key, id);
        else
          problems.push({
            command: id,
            message: `${id}: "${key}" is already ${holder}'s key in ${describeScope(scope)}; bind one of them to another key`,
          });
      }
    }
  }

  const offers = (id: CommandId) => !(readOnly && commands[id].mutates);
  const keymap: Keymap = {
    readOnly,
    offers,
    keysOf: (id) => (offers(id) ? (keys.get(id) ?? []) : []),
    resolve(key, scope) {
      if (key === undefined) return { kind: "unbound" };
      const command =
        commandByKey[scope].get(key) ?? (inheritsGlobal(scope) ? commandByKey.global.get(key) : undefined);
      if (command === undefined) return { kind: "unbound" };
      return offers(command)
        ? { kind: "command", command }
        : { kind: "refused", command, reason: "read-only" };
    },
  };
  return { keymap, problems };
}
