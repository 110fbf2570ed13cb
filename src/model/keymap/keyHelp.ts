import {
  appliesIn,
  categoryTitles,
  commandCategories,
  commandIds,
  commands,
  type CommandCategory,
  type CommandId,
  type FocusScope,
  type KeyScope,
} from "./commands.js";
import { displayWidth } from "../views/textWidth.js";
import { keyLabel } from "./keyNames.js";
import type { Keymap } from "./keymap.js";

export interface HelpRow {
  command: CommandId;
  /** Labels of the user's keys ("↓", "j"); none when the user unbound the command. */
  keys: readonly string[];
  /** "everywhere", or the panes and dialogs it applies in. */
  where: string;
  description: string;
}

export interface HelpSection {
  category: CommandCategory;
  title: string;
  rows: readonly HelpRow[];
}

export interface FooterHint {
  key: string;
  hint: string;
  command?: CommandId;
}

/** The footer's way out and way to everything else: they stay when nothing else fits. */
const pinnedHints: readonly CommandId[] = ["app.help", "app.quit"];

/** The cells a hint takes as the footer draws it: `<key> hint` and two spaces. */
export function hintWidth(hint: FooterHint): number {
  return displayWidth(hint.key) + 2 + 1 + displayWidth(hint.hint) + 2;
}

/**
 * The hints that fit in `width` cells, whole: the least useful (the last, which are the global ones)
 * go first, and `?` help and `q` quit always stay, at the end, so a narrow terminal still shows the
 * way to every key and the way out rather than a hint cut in the middle.
 */
export function fitFooterHints(hints: readonly FooterHint[], width: number): FooterHint[] {
  const pinned = hints.filter((hint) => hint.command !== undefined && pinnedHints.includes(hint.command));
  const others = hints.filter((hint) => !pinned.includes(hint));
  let left = width - pinned.reduce((sum, hint) => sum + hintWidth(hint), 0);
  const kept: FooterHint[] = [];
  for (const hint of others) {
    if (hintWidth(hint) > left) break;
    kept.push(hint);
    left -= hintWidth(hint);
  }
  return [...kept, ...pinned];
}

/** Where a command applies, in words: "everywhere", "pools, nodes, jobs, tasks". */
export function describeWhere(scopes: readonly KeyScope[]): string {
  return scopes.map((scope) => (scope === "global" ? "everywhere" : scope)).join(", ");
}

/**
 * What the help lists: the commands this user is offered. A read-only session has dialogs too (`A`'s
 * autoscale formula, which only evaluates there), so the dialog keys stay; the keys of dialogs that
 * only confirm changes (`x` in the identity picker) mutate, and go with the other mutations.
 */
function listedInHelp(keymap: Keymap, id: CommandId): boolean {
  return keymap.offers(id);
}

/**
 * The help screen: every command this user is offered, grouped by category, with the keys as they
 * bound them. In read-only mode the mutating commands are not listed at all.
 */
export function helpSections(keymap: Keymap): HelpSection[] {
  return commandCategories
    .map((category) => ({
      category,
      title: categoryTitles[category],
      rows: commandIds
        .filter((id) => commands[id].category === category && listedInHelp(keymap, id))
        .map((id) => ({
          command: id,
          keys: keymap.keysOf(id).map(keyLabel),
          where: describeWhere(commands[id].scopes),
          description: commands[id].description,
        })),
    }))
    .filter((section) => section.rows.length > 0);
}

/**
 * The footer of the focused pane or dialog: one key for each command with a hint that applies there,
 * the pane's own commands before the global ones. A key that another command shadows here is not
 * offered for this one.
 */
export function footerHints(keymap: Keymap, scope: FocusScope): FooterHint[] {
  const applicable = commandIds.filter((id) => commands[id].hint !== undefined && appliesIn(id, scope));
  const own = applicable.filter((id) => commands[id].scopes.includes(scope));
  const inherited = applicable.filter((id) => !own.includes(id));
  return [...own, ...inherited].flatMap((id) => {
    const key = keymap.keysOf(id).find((candidate) => {
      const outcome = keymap.resolve(candidate, scope);
      return outcome.kind === "command" && outcome.command === id;
    });
    const hint = commands[id].hint;
    return key !== undefined && hint !== undefined ? [{ key: keyLabel(key), hint, command: id }] : [];
  });
}
