/**
 * Aggregation functions for `summarize`. Each compiles once per query into a factory that makes a
 * fresh accumulator per group; an accumulator yields as many values as the analyser gave the
 * aggregate columns (one, or a tuple for arg_max/arg_min).
 */
import { type QueryContext, notSupported } from "./queryContext.js";
import { type Compiled, compileScalar, type Scope } from "./scalarCompiler.js";
import { childWithRole, listItems, type SyntaxNode, valueOfNamed } from "./syntax.js";
import { type Row, type RowFunction, type Value, compareValues, valuesKey } from "./values.js";

export interface Accumulator {
  add(row: Row): void;
  results(): Value[];
}

export interface AggregateFactory {
  create(): Accumulator;
  /** What `summarize` without `by` answers over no rows: 0 for counts and sums, [] for lists. */
  emptyResults: Value[];
}

type AggregateCompiler = (args: SyntaxNode[], scope: Scope, call: SyntaxNode) => AggregateFactory | undefined;

function single(
  args: SyntaxNode[],
  scope: Scope,
  empty: Value,
  make: (arg: Compiled) => Accumulator,
): AggregateFactory | undefined {
  const [node] = args;
  if (args.length !== 1 || !node) return undefined;
  const arg = compileScalar(node, scope);
  return { create: () => make(arg), emptyResults: [empty] };
}

function extreme(direction: 1 | -1): AggregateCompiler {
  return (args, scope) =>
    single(args, scope, null, (arg) => {
      let best: Value = null;
      return {
        add: (row) => {
          const value = arg.evaluate(row);
          if (value !== null && (best === null || direction * compareValues(value, best) > 0)) best = value;
        },
        results: () => [best],
      };
    });
}

/** minif(expr, predicate) / maxif(...): the extreme of expr over the rows where predicate is true. */
function conditionalExtreme(direction: 1 | -1): AggregateCompiler {
  return (args, scope) => {
    const [valueNode, predicateNode] = args;
    if (args.length !== 2 || !valueNode || !predicateNode) return undefined;
    const value = compileScalar(valueNode, scope);
    const predicate = compileScalar(predicateNode, scope);
    return {
      create: () => {
        let best: Value = null;
        return {
          add: (row) => {
            if (predicate.evaluate(row) !== true) return;
            const candidate = value.evaluate(row);
            if (candidate !== null && (best === null || direction * compareValues(candidate, best) > 0))
              best = candidate;
          },
          results: () => [best],
        };
      },
      emptyResults: [null],
    };
  };
}

function numericFold(average: boolean): AggregateCompiler {
  return (args, scope) =>
    single(args, scope, average ? null : 0, (arg) => {
      let total = 0;
      let count = 0;
      return {
        add: (row) => {
          const value = arg.evaluate(row);
          if (typeof value === "number") {
            total += value;
            count++;
          }
        },
        results: () => [count === 0 ? null : average ? total / count : total],
      };
    });
}

function collect(unique: boolean): AggregateCompiler {
  return (args, scope) =>
    single(args, scope, [], (arg) => {
      const items: Value[] = [];
      const seen = new Set<string>();
      return {
        add: (row) => {
          const value = arg.evaluate(row);
          if (value === null) return;
          if (unique) {
            const key = valuesKey([value]);
            if (seen.has(key)) return;
            seen.add(key);
          }
          items.push(value);
        },
        results: () => [items],
      };
    });
}

/**
 * arg_max(expr, c1, c2) / arg_max(expr, *): the row where expr is largest (the first such row on a
 * tie; rows where expr is null never win). With `*` the other values are the input columns the
 * analyser put in the tuple.
 */
function argExtreme(direction: 1 | -1): AggregateCompiler {
  return (args, scope, call) => {
    const [target, ...others] = args;
    const tuple = call.columns ?? [];
    if (!target) return undefined;
    const key = compileScalar(target, scope);
    const star = others.length === 1 && others[0]?.kind === "StarExpression";
    let projections: RowFunction[];
    if (star) {
      const indexes = tuple.slice(1).map((column) => scope.columns.findIndex((c) => c.id === column.id));
      if (indexes.some((index) => index < 0)) return undefined;
      projections = indexes.map((index) => (row: Row) => row[index] ?? null);
    } else {
      if (tuple.length !== args.length || others.some((node) => node.kind === "StarExpression"))
        return undefined;
      projections = others.map((node) => compileScalar(valueOfNamed(node), scope).evaluate);
    }
    return {
      create: () => {
        let bestKey: Value = null;
        let bestRow: Row | undefined;
        return {
          add: (row) => {
            const value = key.evaluate(row);
            if (value !== null && (bestKey === null || direction * compareValues(value, bestKey) > 0)) {
              bestKey = value;
              bestRow = row;
            }
          },
          results: () => {
            const row = bestRow;
            return [bestKey, ...projections.map((project) => (row ? project(row) : null))];
          },
        };
      },
      emptyResults: [null, ...projections.map(() => null)],
    };
  };
}

/**
 * percentile(expr, p): Kusto's documented definition is the nearest rank (the smallest value with at
 * least p% of the values at or below it). Kusto estimates it with a digest on large groups; the demo
 * workspace's groups are small, so it computes it exactly. `p` must be a number written in the query.
 */
const percentile: AggregateCompiler = (args, scope) => {
  const [value, rank] = args;
  if (args.length !== 2 || !value || !rank?.literal) return undefined;
  const percent = compileScalar(rank, scope).evaluate([]);
  if (typeof percent !== "number" || percent < 0 || percent > 100) return undefined;
  return single([value], scope, null, (arg) => {
    const values: number[] = [];
    return {
      add: (row) => {
        const v = arg.evaluate(row);
        if (typeof v === "number" && !Number.isNaN(v)) values.push(v);
      },
      results: () => {
        if (values.length === 0) return [null];
        values.sort((a, b) => a - b);
        const at = Math.max(1, Math.ceil((percent / 100) * values.length));
        return [values[at - 1] ?? null];
      },
    };
  });
};

const aggregates: Record<string, AggregateCompiler> = {
  count: (args) => {
    if (args.length !== 0) return undefined;
    return {
      create: () => {
        let count = 0;
        return { add: () => void count++, results: () => [count] };
      },
      emptyResults: [0],
    };
  },
  countif: (args, scope) =>
    single(args, scope, 0, (predicate) => {
      let count = 0;
      return { add: (row) => void (predicate.evaluate(row) === true && count++), results: () => [count] };
    }),
  dcount: (args, scope) =>
    single(args.slice(0, 1), scope, 0, (arg) => {
      const seen = new Set<string>();
      return {
        add: (row) => {
          const value = arg.evaluate(row);
          if (value !== null) seen.add(valuesKey([value]));
        },
        results: () => [seen.size],
      };
    }),
  sum: numericFold(false),
  avg: numericFold(true),
  max: extreme(1),
  min: extreme(-1),
  maxif: conditionalExtreme(1),
  minif: conditionalExtreme(-1),
  arg_max: argExtreme(1),
  arg_min: argExtreme(-1),
  make_list: collect(false),
  make_set: collect(true),
  percentile,
};

/** Compiles one aggregate call (`count()`, `arg_max(TimeGenerated, *)`) against the input columns. */
export function compileAggregate(call: SyntaxNode, scope: Scope, context: QueryContext): AggregateFactory {
  const nameNode = childWithRole(call, "Name");
  const name = nameNode?.symbol?.kind === "Function" ? nameNode.symbol.name : undefined;
  const compiler = name !== undefined && Object.hasOwn(aggregates, name) ? aggregates[name] : undefined;
  if (call.kind !== "FunctionCallExpression" || !compiler) {
    throw notSupported(context, call, `The aggregation '${context.text.slice(call.start, call.end)}'`);
  }
  const argumentList = childWithRole(call, "ArgumentList");
  const args = argumentList ? listItems(childWithRole(argumentList, "Expressions")) : [];
  const factory = compiler(args, scope, call);
  if (!factory)
    throw notSupported(context, call, `The aggregation '${context.text.slice(call.start, call.end)}'`);
  return factory;
}
