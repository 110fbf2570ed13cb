/**
 * Runs a KQL query over in-memory tables: the official parser checks and types it, then the
 * analysed tree is walked (`T | where ... | summarize ...` evaluates left to right). Errors from the
 * parser and constructs this evaluator does not implement both become KqlErrors.
 */
import { diagnosticError } from "./diagnosticError.js";
import { type LogRecord, type TableSet, toRows } from "./inputRows.js";
import type { TableSchema } from "./kustoLanguage.js";
import { analyzeCached } from "./queryAnalysis.js";
import { type QueryContext, notSupported } from "./queryContext.js";
import { compileScalar } from "./scalarCompiler.js";
import { childWithRole, firstToken, listItems, type SyntaxNode, valueOfNamed } from "./syntax.js";
import { type Table, outputColumns, shapeMismatch } from "./table.js";
import { applyOperator } from "./tabularOperators.js";
import type { KqlType, Value } from "./values.js";

export interface QueryInput {
  query: string;
  /** The tables the parser knows; pass the same array on every call (analyses are cached per array). */
  schemas: readonly TableSchema[];
  tables: TableSet;
  now: Date;
  /** The API's `timespan`: only rows whose TimeGenerated lies in [start, end] (epoch ms) are visible. */
  timeRange?: { start: number; end: number };
}

export interface QueryResult {
  columns: { name: string; type: KqlType }[];
  rows: readonly (readonly Value[])[];
}

class Evaluation {
  constructor(
    private readonly input: QueryInput,
    private readonly context: QueryContext,
    private readonly observed: ReadonlySet<number>,
  ) {}

  run(root: SyntaxNode): Table {
    const directive = listItems(childWithRole(root, "Directives"))[0];
    if (directive) throw notSupported(this.context, directive, "A query directive");
    const statements = listItems(childWithRole(root, "Statements"));
    const statement = statements.at(-1);
    if (!statement) throw notSupported(this.context, root, "A query with no statement");
    // `let name = <scalar>;` before the query: what batchtop's query files bind their parameters with.
    for (const before of statements.slice(0, -1)) this.let(before);
    if (statement.kind !== "ExpressionStatement")
      throw notSupported(this.context, statement, `The '${firstToken(statement)}' statement`);
    const expression = childWithRole(statement, "Expression");
    if (!expression) throw shapeMismatch(this.context, statement);
    return this.tabular(expression);
  }

  private tabular(node: SyntaxNode): Table {
    switch (node.kind) {
      case "PipeExpression": {
        const left = childWithRole(node, "Expression");
        const operator = childWithRole(node, "Operator");
        if (!left || !operator) throw shapeMismatch(this.context, node);
        return applyOperator(operator, this.tabular(left), this.context);
      }
      case "ParenthesizedExpression": {
        const inner = childWithRole(node, "Expression");
        if (!inner) throw shapeMismatch(this.context, node);
        return this.tabular(inner);
      }
      case "NameReference":
        if (node.symbol?.kind === "Table") return this.table(node, node.symbol.name);
        throw notSupported(this.context, node, `The name '${node.name ?? ""}' as a table`);
      case "PrintOperator":
        return this.print(node);
      default:
        throw notSupported(
          this.context,
          node,
          node.kind.endsWith("Operator")
            ? `Operator '${firstToken(node)}'`
            : "This kind of tabular expression",
        );
    }
  }

  /** A scalar `let`: evaluated once, its value read wherever the name is used. */
  private let(statement: SyntaxNode): void {
    const name = childWithRole(statement, "Name");
    const expression = childWithRole(statement, "Expression");
    if (statement.kind !== "LetStatement" || !name?.symbol || !expression)
      throw notSupported(this.context, statement, `The '${firstToken(statement)}' statement`);
    if (name.symbol.kind !== "Variable")
      throw notSupported(this.context, statement, "A 'let' of a function or a table");
    const value = compileScalar(expression, { columns: [], context: this.context }).evaluate([]);
    this.context.constants.set(name.symbol.id, value);
  }

  private table(node: SyntaxNode, name: string): Table {
    const columns = outputColumns(node, this.context);
    const records: readonly LogRecord[] = Object.hasOwn(this.input.tables, name)
      ? (this.input.tables[name] ?? [])
      : [];
    return { columns, rows: toRows(records, columns, this.input.timeRange, this.observed) };
  }

  private print(node: SyntaxNode): Table {
    const columns = outputColumns(node, this.context);
    const scope = { columns: [], context: this.context };
    const values = listItems(childWithRole(node, "Expressions")).map((item) =>
      compileScalar(valueOfNamed(item), scope).evaluate([]),
    );
    if (values.length !== columns.length) throw shapeMismatch(this.context, node);
    return { columns, rows: [values] };
  }
}

/** Runs `input.query`; throws KqlError for a query Log Analytics would refuse or this evaluator cannot run. */
export function evaluateQuery(input: QueryInput): QueryResult {
  const analysis = analyzeCached(input.query, input.schemas);
  const [first] = analysis.errors;
  if (first) throw diagnosticError(input.query, analysis.root, first);
  const context: QueryContext = { text: input.query, now: input.now.getTime(), constants: new Map() };
  const table = new Evaluation(input, context, analysis.observed).run(analysis.root);
  return { columns: table.columns.map(({ name, type }) => ({ name, type })), rows: table.rows };
}
