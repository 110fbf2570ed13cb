import { ClauseError } from "./clauseError.js";

// The lexer of the OData v3 $filter subset Batch accepts: identifiers (property path segments and
// keywords), '…' strings with '' as the escaped quote, integers, DateTime'…' literals, and ( ) , /.

export type Token =
  | { kind: "identifier"; text: string; position: number }
  | { kind: "string"; value: string; position: number }
  | { kind: "integer"; value: number; text: string; position: number }
  | { kind: "datetime"; text: string; position: number }
  | { kind: "punctuation"; text: "(" | ")" | "," | "/"; position: number }
  | { kind: "end"; position: number };

const identifierStart = /[A-Za-z_]/;
const identifierPart = /[A-Za-z0-9_]/;
const digit = /[0-9]/;

function readQuoted(text: string, open: number): { value: string; next: number } {
  let value = "";
  let index = open + 1;
  for (;;) {
    const quote = text.indexOf("'", index);
    if (quote === -1)
      throw new ClauseError(`The string literal starting at position ${open} is not terminated.`);
    value += text.slice(index, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      index = quote + 2;
    } else {
      return { value, next: quote + 1 };
    }
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "(" || char === ")" || char === "," || char === "/") {
      tokens.push({ kind: "punctuation", text: char, position: index });
      index += 1;
    } else if (char === "'") {
      const { value, next } = readQuoted(text, index);
      tokens.push({ kind: "string", value, position: index });
      index = next;
    } else if (digit.test(char) || (char === "-" && digit.test(text[index + 1] ?? ""))) {
      let end = index + 1;
      while (end < text.length && digit.test(text[end]!)) end += 1;
      if (end < text.length && (text[end] === "." || identifierPart.test(text[end]!))) {
        throw new ClauseError(`The number at position ${index} is not an integer.`);
      }
      const literal = text.slice(index, end);
      const value = Number(literal);
      if (!Number.isSafeInteger(value))
        throw new ClauseError(`The number at position ${index} is out of range.`);
      tokens.push({ kind: "integer", value, text: literal, position: index });
      index = end;
    } else if (identifierStart.test(char)) {
      let end = index + 1;
      while (end < text.length && identifierPart.test(text[end]!)) end += 1;
      const word = text.slice(index, end);
      if (word.toLowerCase() === "datetime" && text[end] === "'") {
        const { value, next } = readQuoted(text, end);
        tokens.push({ kind: "datetime", text: value, position: index });
        index = next;
      } else {
        tokens.push({ kind: "identifier", text: word, position: index });
        index = end;
      }
    } else {
      throw new ClauseError(`The character '${char}' at position ${index} is not valid here.`);
    }
  }
  tokens.push({ kind: "end", position: text.length });
  return tokens;
}
