/**
 * A key press as Ink's `useInput` reports it (its `Key`, which has more fields, fits this type). Home
 * and End are optional because only newer Ink versions report them.
 */
export interface KeyPress {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home?: boolean;
  end?: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
  backspace: boolean;
  delete: boolean;
}

interface Modifiers {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

/** Keys with a name rather than a character, as users write them in the config file. */
const namedKeys = new Set([
  "up",
  "down",
  "left",
  "right",
  "pageup",
  "pagedown",
  "home",
  "end",
  "enter",
  "esc",
  "tab",
  "backspace",
  "space",
]);

/** Other spellings users reach for, mapped to the canonical name. */
const namedKeyAliases: Readonly<Record<string, string>> = {
  escape: "esc",
  return: "enter",
  pgup: "pageup",
  pgdn: "pagedown",
};

const modifierAliases: Readonly<Record<string, keyof Modifiers>> = {
  ctrl: "ctrl",
  control: "ctrl",
  meta: "meta",
  alt: "meta",
  shift: "shift",
};

/** Terminals send these Ctrl letters as the same bytes as Tab, Enter and Backspace. */
const ctrlLettersSentAsKeys: Readonly<Record<string, string>> = { i: "tab", m: "enter", h: "backspace" };

const namedKeyLabels: Readonly<Record<string, string>> = {
  up: "↑",
  down: "↓",
  left: "←",
  right: "→",
  pageup: "PgUp",
  pagedown: "PgDn",
  home: "Home",
  end: "End",
  enter: "Enter",
  esc: "Esc",
  tab: "Tab",
  backspace: "Backspace",
  space: "Space",
};

/** "ctrl+shift+tab" → ["ctrl", "shift"] and "tab"; "ctrl++" → ["ctrl"] and "+". */
function splitModifiers(text: string): { modifierWords: string[]; key: string } {
  const match = /^((?:[a-z]+\+)*)(.+)$/i.exec(text);
  return {
    modifierWords: (match?.[1] ?? "").split("+").filter(Boolean),
    key: match?.[2] ?? text,
  };
}

function withModifiers(name: string, { ctrl, meta, shift }: Modifiers): string {
  return `${ctrl ? "ctrl+" : ""}${meta ? "meta+" : ""}${shift ? "shift+" : ""}${name}`;
}

function namedKeyOf(input: string, press: KeyPress): string | undefined {
  if (press.upArrow) return "up";
  if (press.downArrow) return "down";
  if (press.leftArrow) return "left";
  if (press.rightArrow) return "right";
  if (press.pageUp) return "pageup";
  if (press.pageDown) return "pagedown";
  if (press.home) return "home";
  if (press.end) return "end";
  if (press.return) return "enter";
  if (press.tab) return "tab";
  // Most terminals send DEL for the Backspace key, which Ink reports as `delete`; the two cannot be
  // told apart, so both are one key.
  if (press.backspace || press.delete) return "backspace";
  if (input === " ") return "space";
  return undefined;
}

/**
 * The canonical name of what Ink's `useInput` reported: "j", "G", ":", "ctrl+c", "shift+tab",
 * "pageup", "enter", "esc". Undefined for a paste (more than one character) and for control
 * characters Ink did not name, which no binding can mean.
 */
export function keyNameOf(input: string, press: KeyPress): string | undefined {
  // Ink marks every Escape press as meta too, so Esc carries no modifiers.
  if (press.escape) return "esc";
  const named = namedKeyOf(input, press);
  if (named) return withModifiers(named, press);
  const characters = [...input];
  const character = characters[0];
  if (characters.length !== 1 || character === undefined || /\p{Cc}/u.test(character)) return undefined;
  // A character's case already says whether Shift was held ("G"); Ctrl with a letter arrives as the
  // lower-case letter whatever Shift did, since terminals cannot tell ctrl+shift+g from ctrl+g.
  const spelled = press.ctrl ? character.toLowerCase() : character;
  return withModifiers(spelled, { ctrl: press.ctrl, meta: press.meta, shift: false });
}

/**
 * A key as a user wrote it in the config file ("R", "Ctrl+R", "shift+Tab", "PgDn", "escape"), in
 * its canonical form ("R", "ctrl+r", "shift+tab", "pagedown", "esc"); undefined for what no
 * terminal can send as one key press ("ctrl+1", "shift+1", "ctrl+esc").
 */
export function parseKeyName(text: string): string | undefined {
  const { modifierWords, key } = splitModifiers(text);
  const modifiers: Modifiers = { ctrl: false, meta: false, shift: false };
  for (const word of modifierWords) {
    const modifier = modifierAliases[word.toLowerCase()];
    if (!modifier) return undefined;
    modifiers[modifier] = true;
  }
  if ([...key].length === 1) return characterKey(key, modifiers);
  const named = namedKeyAliases[key.toLowerCase()] ?? key.toLowerCase();
  if (!namedKeys.has(named)) return undefined;
  if (named === "esc" && (modifiers.ctrl || modifiers.meta || modifiers.shift)) return undefined;
  return withModifiers(named, modifiers);
}

function characterKey(character: string, { ctrl, meta, shift }: Modifiers): string | undefined {
  if (/[\p{Cc}\s]/u.test(character)) return undefined;
  const isLetter = /^[a-z]$/i.test(character);
  // Terminals send Ctrl only with letters, and Shift with a character is the character's other case.
  if (ctrl && (!isLetter || shift)) return undefined;
  if (shift && !isLetter) return undefined;
  const spelled = ctrl ? character.toLowerCase() : shift ? character.toUpperCase() : character;
  const sentAs = ctrl ? ctrlLettersSentAsKeys[spelled] : undefined;
  if (sentAs) return withModifiers(sentAs, { ctrl: false, meta, shift: false });
  return withModifiers(spelled, { ctrl, meta, shift: false });
}

/** How the help screen and the footer show a canonical key: "↓", "PgDn", "Shift-Tab", "Ctrl-F". */
export function keyLabel(name: string): string {
  const { modifierWords, key } = splitModifiers(name);
  const modifierLabels: Readonly<Record<string, string>> = { ctrl: "Ctrl-", meta: "Alt-", shift: "Shift-" };
  const keyText = namedKeyLabels[key] ?? (modifierWords.includes("ctrl") ? key.toUpperCase() : key);
  return `${modifierWords.map((word) => modifierLabels[word] ?? "").join("")}${keyText}`;
}
