/**
 * Turns a parser diagnostic into the KqlError Log Analytics would answer with: syntax errors as
 * "Query could not be parsed at '<token>' on line [l,p]", semantic ones prefixed with the operator
 * they occur in ("'where' operator: ..."), as the service words them.
 */
import { KqlError, describeLocation, locate } from "./kqlError.js";
import type { ParserDiagnostic } from "./kustoLanguage.js";
import { firstToken, type SyntaxNode } from "./syntax.js";

/** The keyword of the innermost query operator around `offset`, for "'where' operator: ..." messages. */
function operatorAt(node: SyntaxNode, offset: number): string | undefined {
  if (offset < node.start || offset > node.end) return undefined;
  for (const child of node.children) {
    const inner = operatorAt(child, offset);
    if (inner) return inner;
  }
  return node.kind.endsWith("Operator") ? firstToken(node) : undefined;
}

export function diagnosticError(query: string, root: SyntaxNode, diagnostic: ParserDiagnostic): KqlError {
  const location = locate(query, diagnostic.start, diagnostic.length);
  if (diagnostic.syntax) {
    const token = location.token || (/^\s*(\S+)/.exec(query.slice(diagnostic.start))?.[1] ?? "<EOF>");
    return new KqlError(
      "syntax",
      diagnostic.code,
      `Query could not be parsed at '${token}' on ${describeLocation(location)}: ${diagnostic.message}`,
      { ...location, token },
    );
  }
  const operator = operatorAt(root, diagnostic.start);
  const prefix = operator ? `'${operator}' operator: ` : "";
  return new KqlError(
    "semantic",
    diagnostic.code,
    `${prefix}${diagnostic.message} (${describeLocation(location)})`,
    location,
  );
}
