/** Tables as they flow between query operators. */
import { type QueryContext, notSupported } from "./queryContext.js";
import type { SyntaxNode } from "./syntax.js";
import { type KqlType, type Row, kqlTypeOf } from "./values.js";

/** A column of a table flowing through the query; `id` is the analyser's symbol id. */
export interface RuntimeColumn {
  name: string;
  type: KqlType;
  id: number;
}

export interface Table {
  columns: readonly RuntimeColumn[];
  rows: readonly Row[];
}

/**
 * The columns an operator produces, as the analyser computed them: their names (`count_`,
 * `max_TimeGenerated`, `TimeGenerated1`, ...) and types are Kusto's own, not re-derived here.
 */
export function outputColumns(node: SyntaxNode, context: QueryContext): RuntimeColumn[] {
  return (node.columns ?? []).map((column) => {
    const type = kqlTypeOf(column.type);
    if (!type) throw notSupported(context, node, `A column of type '${column.type}' ('${column.name}')`);
    return { name: column.name, type, id: column.id };
  });
}

/** The error for an operator whose output shape this evaluator would not reproduce exactly. */
export function shapeMismatch(context: QueryContext, node: SyntaxNode): Error {
  return notSupported(context, node, `This form of '${context.text.slice(node.start, node.end)}'`);
}
