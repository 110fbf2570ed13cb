/**
 * The query operators after a `|`. Each takes the analysed operator node and its input table and
 * returns the output table. Expressions in `project`/`extend` bind to the input columns only (the
 * analyser resolves `extend x=1, y=x` as an error, and `project N=N+1, M=N` reads the old N).
 */
import { type QueryContext, notSupported } from "./queryContext.js";
import { compileScalar, type Scope } from "./scalarCompiler.js";
import { summarize } from "./summarize.js";
import {
  childWithRole,
  firstToken,
  listItems,
  tokenWithRole,
  type SyntaxNode,
  valueOfNamed,
} from "./syntax.js";
import { type Table, outputColumns, shapeMismatch } from "./table.js";
import { type Row, type RowFunction, type Value, compareValues, valuesKey } from "./values.js";

type TabularOperator = (node: SyntaxNode, input: Table, context: QueryContext) => Table;

function scopeOf(input: Table, context: QueryContext): Scope {
  return { columns: input.columns, context };
}

function items(node: SyntaxNode): SyntaxNode[] {
  return listItems(childWithRole(node, "Expressions"));
}

/** A row-independent number such as the N of `take N`. */
function constantCount(node: SyntaxNode | undefined, parent: SyntaxNode, context: QueryContext): number {
  const value = node ? compileScalar(node, { columns: [], context }).evaluate([]) : null;
  if (typeof value !== "number" || value < 0)
    throw notSupported(context, parent, `The row count of '${firstToken(parent)}'`);
  return Math.floor(value);
}

const where: TabularOperator = (node, input, context) => {
  const condition = childWithRole(node, "Condition");
  if (!condition) throw shapeMismatch(context, node);
  const { evaluate } = compileScalar(condition, scopeOf(input, context));
  return { columns: input.columns, rows: input.rows.filter((row) => evaluate(row) === true) };
};

const project: TabularOperator = (node, input, context) => {
  const columns = outputColumns(node, context);
  const values = items(node).map(
    (item) => compileScalar(valueOfNamed(item), scopeOf(input, context)).evaluate,
  );
  if (values.length !== columns.length) throw shapeMismatch(context, node);
  return { columns, rows: input.rows.map((row) => values.map((evaluate) => evaluate(row))) };
};

/** New columns are appended in order; a named expression whose name exists replaces that column in place. */
const extend: TabularOperator = (node, input, context) => {
  const columns = outputColumns(node, context);
  const names = input.columns.map((column) => column.name);
  const steps: { index: number; evaluate: RowFunction }[] = [];
  for (const item of items(node)) {
    const name = item.kind === "SimpleNamedExpression" ? childWithRole(item, "Name")?.name : undefined;
    const existing = name === undefined ? -1 : names.indexOf(name);
    const index = existing >= 0 ? existing : names.length;
    if (existing < 0) names.push(name ?? columns[index]?.name ?? "");
    steps.push({ index, evaluate: compileScalar(valueOfNamed(item), scopeOf(input, context)).evaluate });
  }
  if (names.length !== columns.length || names.some((name, i) => columns[i]?.name !== name)) {
    throw shapeMismatch(context, node);
  }
  return {
    columns,
    rows: input.rows.map((row) => {
      const out: Value[] = [...row];
      for (const step of steps) out[step.index] = step.evaluate(row);
      return out;
    }),
  };
};

interface SortKey {
  evaluate: RowFunction;
  descending: boolean;
  nullsFirst: boolean;
}

/** `x [asc|desc] [nulls first|last]`: Kusto sorts descending by default, nulls last when descending. */
function sortKey(item: SyntaxNode, scope: Scope): SortKey {
  const ordering = item.kind === "OrderedExpression" ? childWithRole(item, "Ordering") : undefined;
  const expression = item.kind === "OrderedExpression" ? (childWithRole(item, "Expression") ?? item) : item;
  const descending = (ordering ? tokenWithRole(ordering, "AscOrDescKeyword") : undefined) !== "asc";
  const nullsClause = ordering ? childWithRole(ordering, "NullsClause") : undefined;
  const nulls = nullsClause ? tokenWithRole(nullsClause, "FirstOrLastKeyword") : undefined;
  return {
    evaluate: compileScalar(expression, scope).evaluate,
    descending,
    nullsFirst: nulls === undefined ? !descending : nulls === "first",
  };
}

function sortRows(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  const decorated = rows.map((row) => ({ row, values: keys.map((key) => key.evaluate(row)) }));
  decorated.sort((a, b) => {
    for (const [i, key] of keys.entries()) {
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const order = compareValues(x, y);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
  return decorated.map((entry) => entry.row);
}

const sort: TabularOperator = (node, input, context) => {
  const keys = items(node).map((item) => sortKey(item, scopeOf(input, context)));
  return { columns: input.columns, rows: sortRows(input.rows, keys) };
};

const top: TabularOperator = (node, input, context) => {
  const count = constantCount(childWithRole(node, "Expression"), node, context);
  const by = childWithRole(node, "ByExpression");
  if (!by) throw shapeMismatch(context, node);
  const rows = sortRows(input.rows, [sortKey(by, scopeOf(input, context))]);
  return { columns: input.columns, rows: rows.slice(0, count) };
};

const take: TabularOperator = (node, input, context) => {
  const count = constantCount(childWithRole(node, "Expression"), node, context);
  return { columns: input.columns, rows: input.rows.slice(0, count) };
};

const distinct: TabularOperator = (node, input, context) => {
  const columns = outputColumns(node, context);
  const list = items(node);
  const values: RowFunction[] =
    list.length === 1 && list[0]?.kind === "StarExpression"
      ? input.columns.map((_, index) => (row: Row) => row[index] ?? null)
      : list.map((item) => compileScalar(valueOfNamed(item), scopeOf(input, context)).evaluate);
  if (values.length !== columns.length) throw shapeMismatch(context, node);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const row of input.rows) {
    const out = values.map((evaluate) => evaluate(row));
    const key = valuesKey(out);
    if (!seen.has(key)) {
      seen.add(key);
      rows.push(out);
    }
  }
  return { columns, rows };
};

/** project-away / project-keep / project-reorder: the analyser says which input columns remain, in order. */
const selectColumns: TabularOperator = (node, input, context) => {
  const columns = outputColumns(node, context);
  const indexes = columns.map((column) => input.columns.findIndex((c) => c.id === column.id));
  if (indexes.some((index) => index < 0)) throw shapeMismatch(context, node);
  return { columns, rows: input.rows.map((row) => indexes.map((index) => row[index] ?? null)) };
};

const rename: TabularOperator = (node, input, context) => {
  const columns = outputColumns(node, context);
  const sources = new Map<number, number>();
  for (const item of items(node)) {
    const declared = childWithRole(item, "Name")?.symbol?.id;
    const source = childWithRole(item, "Expression")?.symbol?.id;
    if (declared === undefined || source === undefined) throw shapeMismatch(context, node);
    sources.set(declared, source);
  }
  const indexes = columns.map((column) => {
    const id = sources.get(column.id) ?? column.id;
    return input.columns.findIndex((c) => c.id === id);
  });
  if (indexes.some((index) => index < 0)) throw shapeMismatch(context, node);
  return { columns, rows: input.rows.map((row) => indexes.map((index) => row[index] ?? null)) };
};

const count: TabularOperator = (node, input, context) => ({
  columns: outputColumns(node, context),
  rows: [[input.rows.length]],
});

const operators: Record<string, TabularOperator> = {
  FilterOperator: where,
  ProjectOperator: project,
  ExtendOperator: extend,
  SummarizeOperator: summarize,
  SortOperator: sort,
  TopOperator: top,
  TakeOperator: take,
  DistinctOperator: distinct,
  ProjectAwayOperator: selectColumns,
  ProjectKeepOperator: selectColumns,
  ProjectReorderOperator: selectColumns,
  ProjectRenameOperator: rename,
  CountOperator: count,
};

/** Runs the operator `node` (the right side of a `|`) over `input`. */
export function applyOperator(node: SyntaxNode, input: Table, context: QueryContext): Table {
  const operator = Object.hasOwn(operators, node.kind) ? operators[node.kind] : undefined;
  if (!operator) throw notSupported(context, node, `Operator '${firstToken(node)}'`);
  const parameter = listItems(childWithRole(node, "Parameters"))[0];
  // Hints and options (hint.strategy=..., with_source=...) can change results: refuse rather than ignore.
  if (parameter)
    throw notSupported(
      context,
      parameter,
      `The parameter '${firstToken(parameter)}' of '${firstToken(node)}'`,
    );
  return operator(node, input, context);
}
