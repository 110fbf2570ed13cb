import { KqlError, describeLocation, locate } from "./kqlError.js";
import type { SyntaxNode } from "./syntax.js";
import type { Value } from "./values.js";

/** What every part of one query evaluation shares. */
export interface QueryContext {
  /** The query text, to point errors at the right place. */
  readonly text: string;
  /** `now()` in epoch milliseconds: one instant for the whole query, as in Kusto. */
  readonly now: number;
  /** The values of the query's scalar `let` statements, by the declared symbol's id. */
  readonly constants: Map<number, Value>;
}

/** The error for a query feature this evaluator does not implement (`what` names it). */
export function notSupported(context: QueryContext, node: SyntaxNode, what: string): KqlError {
  const location = locate(context.text, node.start, node.end - node.start);
  return new KqlError(
    "unsupported",
    "NotSupported",
    `${what} is not supported by the batchtop demo account (${describeLocation(location)})`,
    location,
  );
}
