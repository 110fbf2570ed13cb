import type { KeyPress } from "./keyNames.js";

/** What a key does to a one-line prompt (`:`, `/`, log search). */
export type TextEdit =
  | { kind: "text"; text: string }
  | { kind: "submit" }
  | { kind: "cancel" }
  | { kind: "complete" }
  | { kind: "ignore" };

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Backspace takes what the user sees as one character: a flag or 👩‍💻 goes whole. */
function withoutLastCharacter(text: string): string {
  const last = [...graphemes.segment(text)].at(-1);
  return last ? text.slice(0, last.index) : text;
}

/**
 * One key on a prompt: characters are added (a paste arrives whole, which is how an activity run id
 * from an alert gets in), Backspace deletes, Ctrl-U clears, Enter submits, Esc cancels, Tab asks for
 * completion. Control characters never become part of the text.
 */
export function editText(text: string, input: string, press: KeyPress): TextEdit {
  if (press.escape) return { kind: "cancel" };
  if (press.return) return { kind: "submit" };
  if (press.tab) return { kind: "complete" };
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as delete.
  if (press.backspace || press.delete) return { kind: "text", text: withoutLastCharacter(text) };
  if (press.ctrl && input === "u") return { kind: "text", text: "" };
  if (press.ctrl || press.meta || press.upArrow || press.downArrow || press.leftArrow || press.rightArrow)
    return { kind: "ignore" };
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const typed = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
  return typed ? { kind: "text", text: text + typed } : { kind: "ignore" };
}
