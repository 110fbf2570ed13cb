import { errorMessage } from "../errorMessage.js";

/** The rows `/` keeps: a predicate over a row's plain text, and a notice when the pattern was not a regex. */
export interface RowFilter {
  matches(rowText: string): boolean;
  /** One line for the flash when the pattern is taken literally because it is not a valid regex. */
  notice?: string;
}

/**
 * Smart case, as in vim and k9s: a pattern with an upper-case letter matches case-sensitively, one
 * without ignores case. Escapes such as `\S` and `\W` are classes, not letters the user typed.
 */
function isCaseSensitive(pattern: string): boolean {
  return /\p{Lu}/u.test(pattern.replace(/\\./g, ""));
}

/**
 * Parses the text typed after `/`: a regular expression, or with a leading `!` the rows that do not
 * match it. An invalid regular expression is matched as plain text instead of failing, so typing
 * `[` on the way to `[0-9]` never breaks the pane. Empty (or just `!`) keeps every row.
 */
export function parseRowFilter(text: string): RowFilter {
  const inverted = text.startsWith("!");
  const pattern = inverted ? text.slice(1) : text;
  if (pattern === "") return { matches: () => true };
  const caseSensitive = isCaseSensitive(pattern);
  let test: (rowText: string) => boolean;
  let notice: string | undefined;
  try {
    const regex = new RegExp(pattern, caseSensitive ? "" : "i");
    test = (rowText) => regex.test(rowText);
  } catch (error) {
    // V8's message repeats the pattern ("Invalid regular expression: /[a/: Unterminated character
    // class"); the reason is the part after the last colon.
    const reason = errorMessage(error).split(": ").at(-1);
    notice = `${pattern} is not a valid regular expression (${reason}); matching it as plain text`;
    const needle = caseSensitive ? pattern : pattern.toLowerCase();
    test = (rowText) => (caseSensitive ? rowText : rowText.toLowerCase()).includes(needle);
  }
  const matches = inverted ? (rowText: string) => !test(rowText) : test;
  return notice === undefined ? { matches } : { matches, notice };
}
