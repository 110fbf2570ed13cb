/**
 * `summarize aggregates [by keys]`: groups rows by the key values and folds each group. Output
 * columns are the keys then each aggregate's column(s), named and typed by the analyser. Groups
 * come out in order of first appearance; Kusto does not promise an order either.
 */
import { type AggregateFactory, compileAggregate } from "./aggregates.js";
import type { QueryContext } from "./queryContext.js";
import { compileScalar } from "./scalarCompiler.js";
import { childWithRole, listItems, type SyntaxNode, valueOfNamed } from "./syntax.js";
import { type Table, outputColumns, shapeMismatch } from "./table.js";
import { type Row, type RowFunction, type Value, valuesKey } from "./values.js";

function aggregateWidth(call: SyntaxNode): number {
  return call.columns?.length ?? 1;
}

export function summarize(node: SyntaxNode, input: Table, context: QueryContext): Table {
  const scope = { columns: input.columns, context };
  const byClause = childWithRole(node, "ByClause");
  const keyItems = byClause ? listItems(childWithRole(byClause, "Expressions")) : [];
  const keys: RowFunction[] = keyItems.map((item) => compileScalar(valueOfNamed(item), scope).evaluate);
  const calls = listItems(childWithRole(node, "Aggregates")).map(valueOfNamed);
  const aggregates: AggregateFactory[] = calls.map((call) => compileAggregate(call, scope, context));
  const columns = outputColumns(node, context);
  const width = keys.length + calls.reduce((sum, call) => sum + aggregateWidth(call), 0);
  if (columns.length !== width) throw shapeMismatch(context, node);

  const groups = new Map<string, { key: Value[]; accumulators: ReturnType<AggregateFactory["create"]>[] }>();
  for (const row of input.rows) {
    const key = keys.map((evaluate) => evaluate(row));
    const id = valuesKey(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, accumulators: aggregates.map((aggregate) => aggregate.create()) };
      groups.set(id, group);
    }
    for (const accumulator of group.accumulators) accumulator.add(row);
  }

  const rows: Row[] = [...groups.values()].map((group) => [
    ...group.key,
    ...group.accumulators.flatMap((accumulator) => accumulator.results()),
  ]);
  // Without `by`, Kusto answers one row even for no input (count() = 0).
  if (keys.length === 0 && rows.length === 0)
    rows.push(aggregates.flatMap((aggregate) => aggregate.emptyResults));
  return { columns, rows };
}
