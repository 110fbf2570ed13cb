/**
 * KQL's string predicates. `has` matches whole terms: Kusto splits strings into maximal runs of
 * ASCII letters and digits, so "Task failed: exit-code" has "exit" but not "xit". Operators without
 * the `_cs` suffix ignore case; `==`/`!=` (handled with the other comparisons) do not.
 */

export type StringPredicate = (text: string, pattern: string) => boolean;

const isTermChar = (char: string | undefined): boolean => char !== undefined && /[A-Za-z0-9]/.test(char);

/** Whether `pattern` occurs in `text` starting (and/or ending) on a term boundary. */
function termMatch(text: string, pattern: string, atStart: boolean, atEnd: boolean): boolean {
  for (let index = text.indexOf(pattern); index !== -1; index = text.indexOf(pattern, index + 1)) {
    const startsTerm = !atStart || !isTermChar(pattern[0]) || !isTermChar(text[index - 1]);
    const endsTerm =
      !atEnd || !isTermChar(pattern[pattern.length - 1]) || !isTermChar(text[index + pattern.length]);
    if (startsTerm && endsTerm) return true;
  }
  return false;
}

const casePredicates: Record<string, StringPredicate> = {
  has: (text, pattern) => termMatch(text, pattern, true, true),
  hasprefix: (text, pattern) => termMatch(text, pattern, true, false),
  hassuffix: (text, pattern) => termMatch(text, pattern, false, true),
  contains: (text, pattern) => text.includes(pattern),
  startswith: (text, pattern) => text.startsWith(pattern),
  endswith: (text, pattern) => text.endsWith(pattern),
};

/** The predicate for an operator token (`has`, `!contains_cs`, `=~`, ...), or undefined if unknown. */
export function stringPredicate(operator: string): StringPredicate | undefined {
  if (operator === "=~") return (text, pattern) => text.toLowerCase() === pattern.toLowerCase();
  if (operator === "!~") return (text, pattern) => text.toLowerCase() !== pattern.toLowerCase();
  const negated = operator.startsWith("!");
  const name = negated ? operator.slice(1) : operator;
  const caseSensitive = name.endsWith("_cs");
  const base = casePredicates[caseSensitive ? name.slice(0, -3) : name];
  if (!base) return undefined;
  const predicate: StringPredicate = caseSensitive
    ? base
    : (text, pattern) => base(text.toLowerCase(), pattern.toLowerCase());
  return negated ? (text, pattern) => !predicate(text, pattern) : predicate;
}
