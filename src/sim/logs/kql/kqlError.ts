/**
 * Why a query was refused. Log Analytics answers a bad query with 400 `BadArgumentError` whose
 * `innererror.code` is `SyntaxError` or `SemanticError`; a query this evaluator cannot run
 * faithfully is refused the same way (as a semantic error), never answered with a guess.
 */
export type KqlErrorKind = "syntax" | "semantic" | "unsupported";

export interface QueryLocation {
  /** 1-based line. */
  line: number;
  /** 0-based column within the line, as Log Analytics reports `pos`. */
  pos: number;
  /** The query text at that position. */
  token: string;
}

export class KqlError extends Error {
  constructor(
    readonly kind: KqlErrorKind,
    /** The parser's diagnostic code (`KS142`) or `NotSupported`. */
    readonly code: string,
    message: string,
    readonly location?: QueryLocation,
  ) {
    super(message);
    this.name = "KqlError";
  }
}

export function locate(text: string, offset: number, length: number): QueryLocation {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return {
    line: before.split("\n").length,
    pos: offset - lineStart,
    token: text.slice(offset, offset + length),
  };
}

/** `line [1,10]`: how Log Analytics writes a position in its messages. */
export function describeLocation(location: QueryLocation): string {
  return `line [${location.line},${location.pos}]`;
}
