import { ClauseError } from "./clauseError.js";
import { tokenize, type Token } from "./filterTokens.js";

// A recursive-descent parser for the $filter subset Batch documents: comparisons `path op literal`,
// `startswith(path, 'text')`, `and`, `or` and parentheses, with `or` binding loosest. Keywords are read
// case-insensitively, as the service's OData stack does.

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type Literal =
  | { type: "string"; value: string }
  | { type: "integer"; value: number }
  | { type: "datetime"; text: string }
  | { type: "boolean"; value: boolean }
  | { type: "null" };

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "compare"; operator: ComparisonOperator; property: string; value: Literal }
  | { kind: "startswith"; property: string; prefix: string };

const comparisonOperators = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);

/** Deep enough for any filter a person writes; shallow enough that `((((…` cannot exhaust the stack. */
const maxDepth = 64;

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr(0);
    const next = this.peek();
    if (next.kind !== "end") throw this.unexpected(next, "'and', 'or' or the end of the filter");
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private take(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  private isKeyword(token: Token, word: string): boolean {
    return token.kind === "identifier" && token.text.toLowerCase() === word;
  }

  private isPunctuation(token: Token, text: string): boolean {
    return token.kind === "punctuation" && token.text === text;
  }

  private unexpected(token: Token, expected: string): ClauseError {
    const found = token.kind === "end" ? "the end of the filter" : `'${describe(token)}'`;
    return new ClauseError(`Expected ${expected} at position ${token.position} but found ${found}.`);
  }

  private expectPunctuation(text: string): void {
    const token = this.take();
    if (!this.isPunctuation(token, text)) throw this.unexpected(token, `'${text}'`);
  }

  private parseOr(depth: number): FilterNode {
    let left = this.parseAnd(depth);
    while (this.isKeyword(this.peek(), "or")) {
      this.take();
      left = { kind: "or", left, right: this.parseAnd(depth) };
    }
    return left;
  }

  private parseAnd(depth: number): FilterNode {
    let left = this.parsePrimary(depth);
    while (this.isKeyword(this.peek(), "and")) {
      this.take();
      left = { kind: "and", left, right: this.parsePrimary(depth) };
    }
    return left;
  }

  private parsePrimary(depth: number): FilterNode {
    if (depth >= maxDepth) throw new ClauseError(`The filter nests parentheses more than ${maxDepth} deep.`);
    const token = this.peek();
    if (this.isPunctuation(token, "(")) {
      this.take();
      const inner = this.parseOr(depth + 1);
      this.expectPunctuation(")");
      return inner;
    }
    if (this.isKeyword(token, "startswith") && this.isPunctuation(this.tokens[this.index + 1]!, "(")) {
      return this.parseStartsWith();
    }
    const property = this.parsePath();
    const operator = this.take();
    if (operator.kind !== "identifier" || !comparisonOperators.has(operator.text.toLowerCase())) {
      throw this.unexpected(operator, "a comparison operator (eq, ne, gt, ge, lt, le)");
    }
    return {
      kind: "compare",
      operator: operator.text.toLowerCase() as ComparisonOperator,
      property,
      value: this.parseLiteral(),
    };
  }

  /** `startswith(path, 'text')`, optionally compared with true as OData v3 clients often write it. */
  private parseStartsWith(): FilterNode {
    this.take();
    this.expectPunctuation("(");
    const property = this.parsePath();
    this.expectPunctuation(",");
    const prefix = this.take();
    if (prefix.kind !== "string") throw this.unexpected(prefix, "a string literal");
    this.expectPunctuation(")");
    if (this.isKeyword(this.peek(), "eq")) {
      this.take();
      const truth = this.take();
      if (!this.isKeyword(truth, "true")) throw this.unexpected(truth, "'true'");
    }
    return { kind: "startswith", property, prefix: prefix.value };
  }

  private parsePath(): string {
    const segments: string[] = [];
    for (;;) {
      const token = this.take();
      if (token.kind !== "identifier") throw this.unexpected(token, "a property name");
      segments.push(token.text);
      if (!this.isPunctuation(this.peek(), "/")) return segments.join("/");
      this.take();
    }
  }

  private parseLiteral(): Literal {
    const token = this.take();
    switch (token.kind) {
      case "string":
        return { type: "string", value: token.value };
      case "integer":
        return { type: "integer", value: token.value };
      case "datetime":
        return { type: "datetime", text: token.text };
      case "identifier": {
        const word = token.text.toLowerCase();
        if (word === "true" || word === "false") return { type: "boolean", value: word === "true" };
        if (word === "null") return { type: "null" };
        throw this.unexpected(token, "a literal value");
      }
      default:
        throw this.unexpected(token, "a literal value");
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case "identifier":
    case "punctuation":
      return token.text;
    case "string":
      return `'${token.value}'`;
    case "integer":
      return token.text;
    case "datetime":
      return `DateTime'${token.text}'`;
    case "end":
      return "";
  }
}

/** Parses a $filter clause; throws ClauseError with a reason a person can act on. */
export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text)).parse();
}
