import stringWidth from "string-width";

/** One character of a styled line, with the styles active where it is drawn. */
export interface Cell {
  text: string;
  /** The SGR parameters in effect, in a fixed order ("1;38;5;81"), "" for the default style. */
  style: string;
  /** The cells it takes on a terminal, as Ink lays it out. */
  width: number;
  /** True when every terminal agrees on that width, so a write may start right after it. */
  reliable: boolean;
}

/*
 * What an SGR parameter sets, so a style is known by its effect, not by the codes that led to it:
 * Ink writes "bold on, red on, red off" where a cell before wrote "bold on". One slot per attribute
 * a terminal keeps apart; their order is the order a style is written in.
 */
const slot = {
  bold: 0,
  dim: 1,
  italic: 2,
  underline: 3,
  blink: 4,
  inverse: 5,
  hidden: 6,
  strike: 7,
  overline: 8,
  foreground: 9,
  background: 10,
  underlineColor: 11,
  other: 12,
} as const;
const slotCount = 13;

/** Parameters that set an attribute, and those that clear one (or two: 22 ends bold and dim). */
const sets: Readonly<Record<string, number>> = {
  "1": slot.bold,
  "2": slot.dim,
  "3": slot.italic,
  "4": slot.underline,
  "21": slot.underline,
  "5": slot.blink,
  "6": slot.blink,
  "7": slot.inverse,
  "8": slot.hidden,
  "9": slot.strike,
  "53": slot.overline,
};
const clears: Readonly<Record<string, readonly number[]>> = {
  "22": [slot.bold, slot.dim],
  "23": [slot.italic],
  "24": [slot.underline],
  "25": [slot.blink],
  "27": [slot.inverse],
  "28": [slot.hidden],
  "29": [slot.strike],
  "55": [slot.overline],
  "39": [slot.foreground],
  "49": [slot.background],
  "59": [slot.underlineColor],
};
const extendedColors: Readonly<Record<string, number>> = {
  "38": slot.foreground,
  "48": slot.background,
  "58": slot.underlineColor,
};

function colourSlot(code: number): number | undefined {
  if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) return slot.foreground;
  if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) return slot.background;
  return undefined;
}

/** The state after one SGR sequence's parameters ("1;38;5;208"). */
function applySgr(state: string[], parameters: string): void {
  const list = parameters.split(";");
  for (let index = 0; index < list.length; index += 1) {
    const parameter = list[index]!;
    if (parameter === "" || parameter === "0") {
      state.fill("");
      continue;
    }
    const extended = extendedColors[parameter];
    if (extended !== undefined) {
      // 38;5;n or 38;2;r;g;b: the colour's parameters belong to it.
      const length = list[index + 1] === "5" ? 2 : list[index + 1] === "2" ? 4 : 0;
      state[extended] = list.slice(index, index + 1 + length).join(";");
      index += length;
      continue;
    }
    const set = sets[parameter] ?? colourSlot(Number(parameter));
    if (set !== undefined) {
      state[set] = parameter;
      continue;
    }
    const cleared = clears[parameter];
    if (cleared) {
      for (const each of cleared) state[each] = "";
      continue;
    }
    // A colon form (38:5:208, 4:3) or a code of no known slot: kept, cleared only by a reset.
    const colon = extendedColors[parameter.split(":")[0] ?? ""];
    if (colon !== undefined) state[colon] = parameter;
    else state[slot.other] = state[slot.other] ? `${state[slot.other]};${parameter}` : parameter;
  }
}

const measured = new Map<string, { width: number; reliable: boolean }>();
const pictographic = /\p{Extended_Pictographic}/u;
const wideScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Terminals disagree on emoji (one cell or two), ambiguous and combining characters; on printable
 * text, box drawing and CJK ideographs they agree. A line is only written from the middle when every
 * character before that point is of the second kind, so the cursor lands where the terminal drew.
 */
function measure(text: string): { width: number; reliable: boolean } {
  let found = measured.get(text);
  if (found === undefined) {
    const width = stringWidth(text);
    const reliable = width === 1 ? !pictographic.test(text) : width === 2 && wideScripts.test(text);
    found = { width, reliable };
    measured.set(text, found);
  }
  return found;
}

const printableAscii = { width: 1, reliable: true };
const segmenter = new Intl.Segmenter();
/**
 * Text whose every code point is a character of its own: Latin and its punctuation, general
 * punctuation ("…"), arrows, box drawing, blocks and geometric shapes ("●", "▸"). Anything else
 * (accents that combine, CJK, emoji and their modifiers) is cut into characters by Intl.Segmenter,
 * as Ink's own tokenizer does, at some twenty times the cost.
 */
const simpleText = /^[\u0020-\u02ff\u2000-\u2bff]*$/;

/** The cells of `text` drawn in `style`, one per character (grapheme cluster). */
function pushText(cells: Cell[], text: string, style: string): void {
  if (simpleText.test(text)) {
    for (const character of text) {
      const size = character < "\u007f" ? printableAscii : measure(character);
      cells.push({ text: character, style, width: size.width, reliable: size.reliable });
    }
    return;
  }
  for (const { segment } of segmenter.segment(text)) {
    const size = measure(segment);
    cells.push({ text: segment, style, width: size.width, reliable: size.reliable });
  }
}

/**
 * A line of Ink's output (text and SGR codes: Ink strips every other sequence from <Text>) as the
 * cells a terminal draws, one per character, as Ink places them.
 */
export function cellsOf(line: string): Cell[] {
  const cells: Cell[] = [];
  const state: string[] = new Array<string>(slotCount).fill("");
  let style = "";
  let index = 0;
  while (index < line.length) {
    const escape = line.indexOf("\u001b[", index);
    const textEnd = escape === -1 ? line.length : escape;
    if (textEnd > index) pushText(cells, line.slice(index, textEnd), style);
    if (escape === -1) break;
    const end = line.indexOf("m", escape);
    if (end === -1) break;
    applySgr(state, line.slice(escape + 2, end));
    style = state.filter((value) => value !== "").join(";");
    index = end + 1;
  }
  return cells;
}

/** Whether two cells draw the same: the same character in the same style. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.text === b.text && a.style === b.style;
}

/** The escape codes that draw `cells` from a terminal in its default style, back to that style. */
export function drawCells(cells: readonly Cell[]): string {
  let out = "";
  let style = "";
  for (const cell of cells) {
    if (cell.style !== style) {
      out += cell.style === "" ? "\u001b[0m" : `\u001b[0;${cell.style}m`;
      style = cell.style;
    }
    out += cell.text;
  }
  return style === "" ? out : `${out}\u001b[0m`;
}
