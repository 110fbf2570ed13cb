/**
 * The analysed KQL syntax tree as plain data (copied out of Kusto.Language by kustoLanguage.ts),
 * and small helpers to walk it by the roles the parser gives each child.
 */

/** A symbol a name refers to; `id` identifies the symbol object across the whole tree. */
export interface SymbolRef {
  /** `Column`, `Table`, `Function`, `Operator`, `Variable`, ... */
  kind: string;
  name: string;
  id: number;
}

/** A column of a tabular (or tuple) result type, as the analyser computed it. */
export interface ResultColumn {
  name: string;
  type: string;
  id: number;
}

export interface SyntaxNode {
  /** Kusto.Language node class without namespace (`PipeExpression`, `FilterOperator`), or `Token`. */
  kind: string;
  /** The child's role in its parent (`Expression`, `Operator`, `Condition`, `Left`, ...). */
  role: string;
  start: number;
  end: number;
  children: SyntaxNode[];
  /** Token text (tokens only). */
  text?: string;
  /** Name of the result type of an expression: a scalar type (`string`, `long`, ...) or a table. */
  type?: string;
  /** Columns of a tabular or tuple result. */
  columns?: ResultColumn[];
  symbol?: SymbolRef;
  /** Simple name of a NameReference / NameDeclaration. */
  name?: string;
  /** Literal source text (`1h`, `2026-11-22T00:00:00Z`) and, for strings, the unescaped value. */
  literal?: { text: string; value: string | undefined };
}

/** The child with a role, if present (optional clauses are simply absent). */
export function childWithRole(node: SyntaxNode, role: string): SyntaxNode | undefined {
  return node.children.find((child) => child.role === role);
}

/** The elements of a separated list (`a, b, c`), without the separators. */
export function listItems(list: SyntaxNode | undefined): SyntaxNode[] {
  if (!list) return [];
  return list.children.flatMap((element) =>
    element.kind === "SeparatedElement" ? element.children.filter((c) => c.kind !== "Token") : [element],
  );
}

/** The first token of a node: the keyword of an operator (`where`, `mv-expand`, `take`/`limit`). */
export function firstToken(node: SyntaxNode): string {
  if (node.kind === "Token") return node.text ?? "";
  for (const child of node.children) {
    const text = firstToken(child);
    if (text !== "") return text;
  }
  return "";
}

/** The text of the first token child with a role (`Operator`, `AscOrDescKeyword`, ...). */
export function tokenWithRole(node: SyntaxNode, role: string): string | undefined {
  const token = childWithRole(node, role);
  return token?.kind === "Token" ? token.text : undefined;
}

/** The value of `name = value` (an output column's name is the analyser's business), or the item itself. */
export function valueOfNamed(item: SyntaxNode): SyntaxNode {
  return item.kind === "SimpleNamedExpression" ? (childWithRole(item, "Expression") ?? item) : item;
}
