/**
 * Compiles a scalar expression of the syntax tree into a function of one row. Types come from the
 * analyser, so each operator is resolved once here (datetime − datetime is a subtraction of
 * milliseconds giving a timespan; `/` on longs truncates) instead of on every row.
 */
import { literalValue } from "./literals.js";
import { type QueryContext, notSupported } from "./queryContext.js";
import { type Argument, scalarFunction } from "./scalarFunctions.js";
import { stringPredicate } from "./stringOperators.js";
import { childWithRole, listItems, tokenWithRole, type SyntaxNode } from "./syntax.js";
import type { RuntimeColumn } from "./table.js";
import {
  type KqlType,
  type RowFunction,
  type Value,
  compareValues,
  isDynamicObject,
  kqlTypeOf,
  toKqlString,
  valuesEqual,
} from "./values.js";

export interface Scope {
  columns: readonly RuntimeColumn[];
  context: QueryContext;
}

export interface Compiled {
  evaluate: RowFunction;
  type: KqlType;
}

/** The supported type of an expression node, or the error naming the one it has. */
function typeOf(node: SyntaxNode, context: QueryContext): KqlType {
  const type = kqlTypeOf(node.type);
  if (!type) throw notSupported(context, node, `An expression of type '${node.type || "table"}'`);
  return type;
}

function required(node: SyntaxNode | undefined, parent: SyntaxNode, context: QueryContext): SyntaxNode {
  if (!node)
    throw notSupported(context, parent, `The expression '${context.text.slice(parent.start, parent.end)}'`);
  return node;
}

const comparisons: Record<string, (order: number) => boolean> = {
  "<": (order) => order < 0,
  "<=": (order) => order <= 0,
  ">": (order) => order > 0,
  ">=": (order) => order >= 0,
};

const arithmeticTypes: ReadonlySet<KqlType> = new Set([
  "int",
  "long",
  "real",
  "datetime",
  "timespan",
  "dynamic",
]);

/** Only real division by zero has a value (±Infinity, NaN); for longs and timespans it is null. */
function arithmetic(
  operator: string,
  resultType: KqlType,
): ((a: number, b: number) => number | null) | undefined {
  const integer = resultType === "int" || resultType === "long";
  const real = resultType === "real";
  switch (operator) {
    case "+":
      return (a, b) => a + b;
    case "-":
      return (a, b) => a - b;
    case "*":
      return (a, b) => a * b;
    case "/":
      if (real) return (a, b) => a / b;
      return (a, b) => (b === 0 ? null : integer ? Math.trunc(a / b) : a / b);
    case "%":
      return (a, b) => (b === 0 && !real ? null : a % b);
    default:
      return undefined;
  }
}

class ScalarCompiler {
  constructor(private readonly scope: Scope) {}

  private get context(): QueryContext {
    return this.scope.context;
  }

  compile(node: SyntaxNode): Compiled {
    const type = typeOf(node, this.context);
    return { evaluate: this.compileNode(node, type), type };
  }

  private compileNode(node: SyntaxNode, type: KqlType): RowFunction {
    if (node.literal) return this.literal(node, type);
    switch (node.kind) {
      case "NameReference":
        return this.column(node);
      case "ParenthesizedExpression":
        return this.compile(required(childWithRole(node, "Expression"), node, this.context)).evaluate;
      case "PrefixUnaryExpression":
        return this.prefixUnary(node);
      case "BinaryExpression":
        return this.binary(node, type);
      case "InExpression":
        return this.inList(node);
      case "BetweenExpression":
        return this.between(node);
      case "PathExpression":
        return this.member(node);
      case "ElementExpression":
        return this.element(node);
      case "FunctionCallExpression":
        return this.call(node);
      default:
        throw notSupported(this.context, node, `The expression '${this.source(node)}'`);
    }
  }

  private source(node: SyntaxNode): string {
    return this.context.text.slice(node.start, node.end);
  }

  private child(node: SyntaxNode, role: string): SyntaxNode {
    return required(childWithRole(node, role), node, this.context);
  }

  private literal(node: SyntaxNode, type: KqlType): RowFunction {
    const value = literalValue(type, node.literal?.text ?? "", node.literal?.value);
    if (value === undefined)
      throw notSupported(this.context, node, `The ${type} literal '${this.source(node)}'`);
    return () => value;
  }

  private column(node: SyntaxNode): RowFunction {
    const symbol = node.symbol;
    if (symbol?.kind === "Variable" && this.context.constants.has(symbol.id)) {
      const value = this.context.constants.get(symbol.id) ?? null;
      return () => value;
    }
    if (symbol?.kind !== "Column") {
      throw notSupported(this.context, node, `The name '${node.name ?? this.source(node)}' used as a value`);
    }
    const index = this.scope.columns.findIndex((column) => column.id === symbol.id);
    if (index < 0) throw notSupported(this.context, node, `Referring to column '${symbol.name}' here`);
    return (row) => row[index] ?? null;
  }

  private prefixUnary(node: SyntaxNode): RowFunction {
    const operator = tokenWithRole(node, "Operator");
    const operand = this.compile(this.child(node, "Expression"));
    if ((operator !== "-" && operator !== "+") || !arithmeticTypes.has(operand.type)) {
      throw notSupported(this.context, node, `The operator '${operator ?? "?"}'`);
    }
    const sign = operator === "-" ? -1 : 1;
    return (row) => {
      const value = operand.evaluate(row);
      return typeof value === "number" ? sign * value : null;
    };
  }

  private binary(node: SyntaxNode, resultType: KqlType): RowFunction {
    const operator = tokenWithRole(node, "Operator") ?? "";
    const left = this.compile(this.child(node, "Left"));
    const right = this.compile(this.child(node, "Right"));
    if (operator === "and" || operator === "or") return this.logical(operator, left.evaluate, right.evaluate);
    if (operator === "==" || operator === "!=") {
      const equal = operator === "==";
      return (row) => {
        const a = left.evaluate(row);
        const b = right.evaluate(row);
        return a === null || b === null ? null : valuesEqual(a, b) === equal;
      };
    }
    const comparison = comparisons[operator];
    if (comparison) {
      return (row) => {
        const a = left.evaluate(row);
        const b = right.evaluate(row);
        return a === null || b === null ? null : comparison(compareValues(a, b));
      };
    }
    const predicate = stringPredicate(operator);
    if (predicate) {
      return (row) =>
        predicate(toKqlString(left.evaluate(row), left.type), toKqlString(right.evaluate(row), right.type));
    }
    const apply = arithmetic(operator, resultType);
    if (!apply || !arithmeticTypes.has(left.type) || !arithmeticTypes.has(right.type)) {
      throw notSupported(this.context, node, `The operator '${operator}' on ${left.type} and ${right.type}`);
    }
    return (row) => {
      const a = left.evaluate(row);
      const b = right.evaluate(row);
      return typeof a === "number" && typeof b === "number" ? apply(a, b) : null;
    };
  }

  /** Three-valued `and`/`or`: a null side only matters when the other side does not decide. */
  private logical(operator: "and" | "or", left: RowFunction, right: RowFunction): RowFunction {
    const decisive = operator === "or";
    return (row) => {
      const a = left(row);
      if (a === decisive) return decisive;
      const b = right(row);
      if (b === decisive) return decisive;
      return a === null || b === null ? null : !decisive;
    };
  }

  private inList(node: SyntaxNode): RowFunction {
    const operator = tokenWithRole(node, "Operator") ?? "";
    const negated = operator.startsWith("!");
    const caseless = operator.endsWith("~");
    const left = this.compile(this.child(node, "Left"));
    const items = listItems(childWithRole(this.child(node, "Right"), "Expressions")).map((item) =>
      this.compile(item),
    );
    const normalize = (value: Value, type: KqlType): Value =>
      caseless ? toKqlString(value, type).toLowerCase() : value;
    return (row) => {
      const value = left.evaluate(row);
      if (value === null) return negated;
      const needle = normalize(value, left.type);
      const found = items.some((item) => {
        const candidate = item.evaluate(row);
        // A dynamic array in the list stands for its elements.
        const candidates = Array.isArray(candidate) ? (candidate as readonly Value[]) : [candidate];
        return candidates.some((c) => c !== null && valuesEqual(needle, normalize(c, item.type)));
      });
      return found !== negated;
    };
  }

  private between(node: SyntaxNode): RowFunction {
    const negated = tokenWithRole(node, "Operator") === "!between";
    const left = this.compile(this.child(node, "Left"));
    const couple = this.child(node, "Right");
    const low = this.compile(this.child(couple, "First"));
    const high = this.compile(this.child(couple, "Second"));
    // `datetime between (start .. 1h)` means up to start + 1h.
    const relative = left.type === "datetime" && high.type === "timespan";
    return (row) => {
      const value = left.evaluate(row);
      const from = low.evaluate(row);
      const to = high.evaluate(row);
      if (value === null || from === null || to === null) return null;
      const upper = relative ? (from as number) + (to as number) : to;
      const inside = compareValues(value, from) >= 0 && compareValues(value, upper) <= 0;
      return inside !== negated;
    };
  }

  private dynamicTarget(node: SyntaxNode): RowFunction {
    const target = this.compile(this.child(node, "Expression"));
    if (target.type !== "dynamic") {
      throw notSupported(this.context, node, `Member access on a ${target.type} ('${this.source(node)}')`);
    }
    return target.evaluate;
  }

  private member(node: SyntaxNode): RowFunction {
    const target = this.dynamicTarget(node);
    const selector = this.child(node, "Selector");
    if (selector.kind !== "NameReference" || selector.name === undefined) {
      throw notSupported(this.context, node, `The member access '${this.source(node)}'`);
    }
    const key = selector.name;
    return (row) => {
      const value = target(row);
      return isDynamicObject(value) && Object.hasOwn(value, key) ? (value[key] ?? null) : null;
    };
  }

  private element(node: SyntaxNode): RowFunction {
    const target = this.dynamicTarget(node);
    const selector = this.compile(this.child(this.child(node, "Selector"), "Expression"));
    return (row) => {
      const value = target(row);
      const key = selector.evaluate(row);
      if (Array.isArray(value) && typeof key === "number") {
        const items = value as readonly Value[];
        return items[key < 0 ? items.length + key : key] ?? null;
      }
      if (isDynamicObject(value) && typeof key === "string" && Object.hasOwn(value, key))
        return value[key] ?? null;
      return null;
    };
  }

  private call(node: SyntaxNode): RowFunction {
    const nameNode = this.child(node, "Name");
    const name = nameNode.symbol?.kind === "Function" ? nameNode.symbol.name : undefined;
    const implementation = name === undefined ? undefined : scalarFunction(name);
    if (!implementation) throw notSupported(this.context, node, `Function '${nameNode.name ?? name ?? "?"}'`);
    const args: Argument[] = listItems(childWithRole(this.child(node, "ArgumentList"), "Expressions")).map(
      (argument) => this.compile(argument),
    );
    const evaluate = implementation(args, this.context);
    if (!evaluate) throw notSupported(this.context, node, `Function '${name}' with these arguments`);
    return evaluate;
  }
}

/** Compiles a scalar expression against the columns in scope. */
export function compileScalar(node: SyntaxNode, scope: Scope): Compiled {
  return new ScalarCompiler(scope).compile(node);
}
