import {
  ansiCodesToString,
  diffAnsiCodes,
  styledCharsFromTokens,
  tokenize,
  type AnsiCode,
} from "@alcalzone/ansi-tokenize";
import stringWidth from "string-width";

/** One character of a styled line, with the styles active where it is drawn. */
export interface Cell {
  text: string;
  styles: AnsiCode[];
  /** The cells it takes on a terminal, as Ink lays it out. */
  width: number;
  /** True when every terminal agrees on that width, so a write may start right after it. */
  reliable: boolean;
}

const widths = new Map<string, number>();
const pictographic = /\p{Extended_Pictographic}/u;
const wideScripts = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function widthOf(text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    widths.set(text, width);
  }
  return width;
}

/**
 * Terminals disagree on emoji (one cell or two), ambiguous and combining characters; on printable
 * text, box drawing and CJK ideographs they agree. A line is only written from the middle when every
 * character before that point is of the second kind, so the cursor lands where the terminal drew.
 */
function isReliable(text: string, width: number): boolean {
  if (width === 1) return !pictographic.test(text);
  return width === 2 && wideScripts.test(text);
}

/** A line of Ink's output (text with SGR codes) as the cells a terminal draws. */
export function cellsOf(line: string): Cell[] {
  return styledCharsFromTokens(tokenize(line)).map((char) => {
    const width = widthOf(char.value);
    return { text: char.value, styles: char.styles, width, reliable: isReliable(char.value, width) };
  });
}

/** Whether two cells draw the same: the same character in the same style. */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.text !== b.text || a.styles.length !== b.styles.length) return false;
  return a.styles.every((code, index) => code.code === b.styles[index]?.code);
}

/** The escape codes that draw `cells` from a terminal in its default style, back to that style. */
export function drawCells(cells: readonly Cell[]): string {
  let out = "";
  let styles: AnsiCode[] = [];
  for (const cell of cells) {
    out += ansiCodesToString(diffAnsiCodes(styles, cell.styles)) + cell.text;
    styles = cell.styles;
  }
  return out + ansiCodesToString(diffAnsiCodes(styles, []));
}
