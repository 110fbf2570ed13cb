// The autoscale formula language, as far as demo formulas and operators' everyday formulas use it
// (learn.microsoft.com/azure/batch/batch-automatic-scaling): statements separated by `;` or line
// ends, each an assignment to a service variable ($TargetDedicatedNodes, $TargetLowPriorityNodes,
// $NodeDeallocationOption) or to a user variable ($name or name); numbers, + - * /, comparisons,
// && || !, the ternary `? :`, min/max/avg/sum/len/count/floor/ceil/round/abs, the metric samples
// ($PendingTasks.GetSample(TimeInterval_Minute * 5), GetSamplePercent) and the TimeInterval_*
// constants. What it does not know (another function, an unknown variable) is an evaluation error,
// as Batch reports one, never a guess.

/** A metric sample as Batch collects them: about every 30 seconds. */
export interface MetricSample {
  ms: number;
  pendingTasks: number;
  activeTasks: number;
  runningTasks: number;
}

/** What a formula reads: the pool and its tasks now, and the samples of the last hour. */
export interface FormulaInputs {
  nowMs: number;
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  /** Oldest first. */
  samples: readonly MetricSample[];
}

/** AutoScaleRunError's shape. */
export interface FormulaError {
  code: string;
  message: string;
  values: { name: string; value: string }[];
}

export type FormulaOutcome =
  | {
      ok: true;
      targetDedicatedNodes: number;
      targetLowPriorityNodes: number;
      nodeDeallocationOption: string;
      /** AutoScaleRun.results: `$TargetDedicatedNodes=4;$TargetLowPriorityNodes=0;…`. */
      results: string;
    }
  | { ok: false; error: FormulaError };

/** How often Batch takes a metric sample. */
export const SAMPLE_INTERVAL_MS = 30_000;

/** Batch refuses longer formulas (AutoScaleFormulaTooLong in BatchErrorCodeStrings). */
export const MAX_FORMULA_LENGTH = 8192;

// The code is Batch's (BatchErrorCodeStrings.AutoScalingFormulaSyntaxError). The name/value pairs of a
// run error are not published; these say where and what, as an operator needs.
const syntaxErrorCode = "AutoScalingFormulaSyntaxError";
// Not published: Batch documents no code for a formula that parses but cannot be evaluated (an
// unknown variable or function, too few samples). The simulator uses this one for all of them.
const evaluationErrorCode = "AutoScalingFormulaEvaluationError";

class FormulaFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly values: { name: string; value: string }[],
  ) {
    super(message);
  }
}

const syntaxError = (position: number, what: string) =>
  new FormulaFailure(syntaxErrorCode, "The specified auto-scaling formula has a syntax error.", [
    { name: "Position", value: String(position + 1) },
    { name: "Message", value: what },
  ]);

const evaluationError = (what: string) =>
  new FormulaFailure(evaluationErrorCode, "The auto-scaling formula could not be evaluated.", [
    { name: "Message", value: what },
  ]);

// ---- tokens ----

type Token =
  | { kind: "number"; value: number; at: number; lineStart: boolean }
  | { kind: "name"; value: string; at: number; lineStart: boolean }
  | { kind: "op"; value: string; at: number; lineStart: boolean }
  | { kind: "end"; value: ""; at: number; lineStart: boolean };

const operators = [
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "(",
  ")",
  ",",
  ".",
  ";",
  "?",
  ":",
  "<",
  ">",
  "!",
  "=",
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let lineStart = true;
  while (at < text.length) {
    const char = text[at] ?? "";
    if (char === "\n" || char === "\r") {
      lineStart = true;
      at += 1;
      continue;
    }
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), at, lineStart });
      at += number[0].length;
    } else {
      const name = /^\$?[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
      if (name) {
        tokens.push({ kind: "name", value: name[0], at, lineStart });
        at += name[0].length;
      } else {
        const op = operators.find((candidate) => text.startsWith(candidate, at));
        if (!op) throw syntaxError(at, `unexpected character "${char}"`);
        tokens.push({ kind: "op", value: op, at, lineStart });
        at += op.length;
      }
    }
    lineStart = false;
  }
  tokens.push({ kind: "end", value: "", at, lineStart: true });
  return tokens;
}

// ---- syntax ----

type Expr =
  | { kind: "number"; value: number }
  | { kind: "name"; name: string; at: number }
  | { kind: "unary"; op: string; operand: Expr }
  | { kind: "binary"; op: string; left: Expr; right: Expr }
  | { kind: "ternary"; test: Expr; then: Expr; otherwise: Expr }
  | { kind: "call"; name: string; args: Expr[]; at: number }
  | { kind: "method"; target: string; method: string; args: Expr[]; at: number };

interface Statement {
  variable: string;
  at: number;
  value: Expr;
}

const binaryLevels: readonly (readonly string[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "/"],
];

function parse(text: string): Statement[] {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index] as Token;
  const next = () => tokens[index++] as Token;
  const isOp = (value: string) => peek().kind === "op" && peek().value === value;
  const expect = (value: string) => {
    const token = next();
    if (token.kind !== "op" || token.value !== value)
      throw syntaxError(token.at, `expected "${value}"${token.kind === "end" ? " before the end" : ""}`);
  };

  const args = (): Expr[] => {
    expect("(");
    const list: Expr[] = [];
    if (!isOp(")")) {
      list.push(expression());
      while (isOp(",")) {
        next();
        list.push(expression());
      }
    }
    expect(")");
    return list;
  };

  const primary = (): Expr => {
    const token = next();
    if (token.kind === "number") return { kind: "number", value: token.value };
    if (token.kind === "name") {
      if (isOp("(")) return { kind: "call", name: token.value, args: args(), at: token.at };
      if (isOp(".")) {
        next();
        const method = next();
        if (method.kind !== "name") throw syntaxError(method.at, 'expected a method name after "."');
        return { kind: "method", target: token.value, method: method.value, args: args(), at: token.at };
      }
      return { kind: "name", name: token.value, at: token.at };
    }
    if (token.kind === "op" && token.value === "(") {
      const inner = expression();
      expect(")");
      return inner;
    }
    if (token.kind === "op" && (token.value === "-" || token.value === "!"))
      return { kind: "unary", op: token.value, operand: primary() };
    throw syntaxError(
      token.at,
      token.kind === "end" ? "the formula ends too early" : `unexpected "${token.value}"`,
    );
  };

  const binary = (level: number): Expr => {
    const ops = binaryLevels[level];
    if (!ops) return primary();
    let left = binary(level + 1);
    while (peek().kind === "op" && ops.includes(String(peek().value))) {
      const op = String(next().value);
      left = { kind: "binary", op, left, right: binary(level + 1) };
    }
    return left;
  };

  function expression(): Expr {
    const test = binary(0);
    if (!isOp("?")) return test;
    next();
    const then = expression();
    expect(":");
    return { kind: "ternary", test, then, otherwise: expression() };
  }

  const statements: Statement[] = [];
  while (peek().kind !== "end") {
    if (isOp(";")) {
      next();
      continue;
    }
    const target = next();
    if (target.kind !== "name") throw syntaxError(target.at, "a statement must assign to a variable");
    expect("=");
    statements.push({ variable: target.value, at: target.at, value: expression() });
    // A statement ends at `;`, at the end, or where the next one starts on a new line.
    const after = peek();
    if (isOp(";")) next();
    else if (after.kind !== "end" && !after.lineStart)
      throw syntaxError(after.at, `expected ";" before "${after.value}"`);
  }
  return statements;
}

// ---- evaluation ----

type Value =
  | { kind: "number"; value: number }
  | { kind: "vector"; values: number[] }
  | { kind: "interval"; ms: number }
  | { kind: "option"; value: string };

const num = (value: number): Value => ({ kind: "number", value });

const timeIntervals: Readonly<Record<string, number>> = {
  TimeInterval_Zero: 0,
  TimeInterval_100ns: 0.0001,
  TimeInterval_Microsecond: 0.001,
  TimeInterval_Millisecond: 1,
  TimeInterval_Second: 1000,
  TimeInterval_Minute: 60_000,
  TimeInterval_Hour: 3_600_000,
  TimeInterval_Day: 86_400_000,
  TimeInterval_Week: 604_800_000,
  TimeInterval_Year: 31_536_000_000,
};

const deallocationOptions = new Set(["requeue", "terminate", "taskcompletion", "retaineddata"]);

const sampleMetrics: Readonly<Record<string, (sample: MetricSample) => number>> = {
  $PendingTasks: (sample) => sample.pendingTasks,
  $ActiveTasks: (sample) => sample.activeTasks,
  $RunningTasks: (sample) => sample.runningTasks,
};

const settable = new Set(["$TargetDedicatedNodes", "$TargetLowPriorityNodes", "$NodeDeallocationOption"]);
const readOnly = new Set([
  "$CurrentDedicatedNodes",
  "$CurrentLowPriorityNodes",
  ...Object.keys(sampleMetrics),
]);

function asNumber(value: Value, what: string): number {
  if (value.kind === "number") return value.value;
  throw evaluationError(`${what} needs a number, got ${describe(value)}`);
}

function describe(value: Value): string {
  switch (value.kind) {
    case "number":
      return "a number";
    case "vector":
      return "a list of samples";
    case "interval":
      return "a time interval";
    case "option":
      return `"${value.value}"`;
  }
}

function numbersOf(values: readonly Value[], fn: string): number[] {
  return values.flatMap((value) => {
    if (value.kind === "number") return [value.value];
    if (value.kind === "vector") return value.values;
    throw evaluationError(`${fn}() takes numbers and samples, got ${describe(value)}`);
  });
}

const functions: Readonly<Record<string, (values: Value[]) => Value>> = {
  min: (values) => num(Math.min(...nonEmpty(numbersOf(values, "min"), "min"))),
  max: (values) => num(Math.max(...nonEmpty(numbersOf(values, "max"), "max"))),
  sum: (values) => num(numbersOf(values, "sum").reduce((total, value) => total + value, 0)),
  avg: (values) => {
    const numbers = nonEmpty(numbersOf(values, "avg"), "avg");
    return num(numbers.reduce((total, value) => total + value, 0) / numbers.length);
  },
  len: (values) => num(numbersOf(values, "len").length),
  count: (values) => num(numbersOf(values, "count").length),
  floor: (values) => num(Math.floor(single(values, "floor"))),
  ceil: (values) => num(Math.ceil(single(values, "ceil"))),
  round: (values) => num(Math.round(single(values, "round"))),
  abs: (values) => num(Math.abs(single(values, "abs"))),
};

function nonEmpty(numbers: number[], fn: string): number[] {
  if (numbers.length === 0) throw evaluationError(`${fn}() of no values`);
  return numbers;
}

function single(values: Value[], fn: string): number {
  if (values.length !== 1) throw evaluationError(`${fn}() takes one number`);
  return asNumber(values[0] as Value, `${fn}()`);
}

function arithmetic(op: string, left: Value, right: Value): Value {
  // Intervals scale and add as Batch's timeinterval type does: TimeInterval_Minute * 5.
  if (left.kind === "interval" || right.kind === "interval") {
    if (op === "*" && left.kind === "interval" && right.kind === "number")
      return { kind: "interval", ms: left.ms * right.value };
    if (op === "*" && left.kind === "number" && right.kind === "interval")
      return { kind: "interval", ms: left.value * right.ms };
    if (op === "/" && left.kind === "interval" && right.kind === "number")
      return { kind: "interval", ms: left.ms / right.value };
    if ((op === "+" || op === "-") && left.kind === "interval" && right.kind === "interval")
      return { kind: "interval", ms: op === "+" ? left.ms + right.ms : left.ms - right.ms };
    throw evaluationError(`cannot apply "${op}" to ${describe(left)} and ${describe(right)}`);
  }
  if (left.kind === "option" || right.kind === "option") {
    if (op === "==" || op === "!=") {
      const same = left.kind === right.kind && JSON.stringify(left) === JSON.stringify(right);
      return num(same === (op === "==") ? 1 : 0);
    }
    throw evaluationError(`cannot apply "${op}" to ${describe(left)} and ${describe(right)}`);
  }
  const a = asNumber(left, `"${op}"`);
  const b = asNumber(right, `"${op}"`);
  switch (op) {
    case "+":
      return num(a + b);
    case "-":
      return num(a - b);
    case "*":
      return num(a * b);
    case "/":
      if (b === 0) throw evaluationError("division by zero");
      return num(a / b);
    case "<":
      return num(a < b ? 1 : 0);
    case "<=":
      return num(a <= b ? 1 : 0);
    case ">":
      return num(a > b ? 1 : 0);
    case ">=":
      return num(a >= b ? 1 : 0);
    case "==":
      return num(a === b ? 1 : 0);
    case "!=":
      return num(a !== b ? 1 : 0);
    case "&&":
      return num(a !== 0 && b !== 0 ? 1 : 0);
    default:
      return num(a !== 0 || b !== 0 ? 1 : 0);
  }
}

class Evaluation {
  readonly variables = new Map<string, Value>();
  /** User variables in the order they were first assigned, for the results string. */
  readonly userOrder: string[] = [];

  constructor(private readonly inputs: FormulaInputs) {
    this.variables.set("$TargetDedicatedNodes", num(inputs.targetDedicatedNodes));
    this.variables.set("$TargetLowPriorityNodes", num(inputs.targetLowPriorityNodes));
    this.variables.set("$NodeDeallocationOption", { kind: "option", value: "requeue" });
  }

  assign(statement: Statement): void {
    const { variable } = statement;
    if (readOnly.has(variable)) throw evaluationError(`${variable} is read-only`);
    const value = this.evaluate(statement.value);
    if (variable === "$NodeDeallocationOption") {
      if (value.kind !== "option")
        throw evaluationError(
          `$NodeDeallocationOption takes requeue, terminate, taskcompletion or retaineddata`,
        );
    } else if (settable.has(variable)) {
      asNumber(value, variable);
    } else if (!this.variables.has(variable)) {
      this.userOrder.push(variable);
    }
    this.variables.set(variable, value);
  }

  evaluate(expr: Expr): Value {
    switch (expr.kind) {
      case "number":
        return num(expr.value);
      case "name":
        return this.read(expr.name);
      case "unary": {
        const value = asNumber(this.evaluate(expr.operand), `"${expr.op}"`);
        return num(expr.op === "-" ? -value : value === 0 ? 1 : 0);
      }
      case "binary":
        return arithmetic(expr.op, this.evaluate(expr.left), this.evaluate(expr.right));
      case "ternary":
        return asNumber(this.evaluate(expr.test), "the condition of ? :") !== 0
          ? this.evaluate(expr.then)
          : this.evaluate(expr.otherwise);
      case "call": {
        const fn = functions[expr.name];
        if (!fn) throw evaluationError(`unknown function ${expr.name}()`);
        return fn(expr.args.map((arg) => this.evaluate(arg)));
      }
      case "method":
        return this.sample(expr);
    }
  }

  private read(name: string): Value {
    const interval = timeIntervals[name];
    if (interval !== undefined) return { kind: "interval", ms: interval };
    if (deallocationOptions.has(name)) return { kind: "option", value: name };
    if (name === "$CurrentDedicatedNodes") return num(this.inputs.currentDedicatedNodes);
    if (name === "$CurrentLowPriorityNodes") return num(this.inputs.currentLowPriorityNodes);
    if (name in sampleMetrics)
      throw evaluationError(`${name} is a metric: read it with ${name}.GetSample(…)`);
    const value = this.variables.get(name);
    if (!value) throw evaluationError(`unknown variable ${name}`);
    return value;
  }

  private sample(expr: Extract<Expr, { kind: "method" }>): Value {
    const metric = sampleMetrics[expr.target];
    if (!metric) throw evaluationError(`${expr.target} has no samples`);
    const args = expr.args.map((arg) => this.evaluate(arg));
    const { samples, nowMs } = this.inputs;
    const within = (ms: number) => samples.filter((sample) => sample.ms > nowMs - ms);
    const percentOf = (ms: number) =>
      ms <= 0
        ? 100
        : Math.min(100, (within(ms).length / Math.max(1, Math.floor(ms / SAMPLE_INTERVAL_MS))) * 100);
    if (expr.method === "GetSamplePercent") {
      const [span] = args;
      if (args.length !== 1 || span?.kind !== "interval")
        throw evaluationError(`${expr.target}.GetSamplePercent() takes a time interval`);
      return num(percentOf(span.ms));
    }
    if (expr.method !== "GetSample") throw evaluationError(`unknown method ${expr.target}.${expr.method}()`);
    const [first, second] = args;
    if (first?.kind === "number" && args.length === 1) {
      // GetSample(n): the n most recent samples.
      return { kind: "vector", values: samples.slice(-Math.max(0, Math.floor(first.value))).map(metric) };
    }
    if (first?.kind !== "interval" || args.length > 2)
      throw evaluationError(`${expr.target}.GetSample() takes a number of samples or a time interval`);
    let chosen = within(first.ms);
    if (second?.kind === "interval") chosen = chosen.filter((sample) => sample.ms <= nowMs - second.ms);
    else if (second?.kind === "number" && percentOf(first.ms) < second.value)
      throw evaluationError(
        `${expr.target}.GetSample(): ${Math.floor(percentOf(first.ms))}% of the samples are available, fewer than the ${second.value}% asked for`,
      );
    else if (second && second.kind !== "number")
      throw evaluationError(
        `${expr.target}.GetSample()'s second argument is a percentage or a time interval`,
      );
    return { kind: "vector", values: chosen.map(metric) };
  }
}

function valueText(value: Value): string {
  switch (value.kind) {
    case "number":
      return String(Number.isInteger(value.value) ? value.value : Number(value.value.toFixed(6)));
    case "vector":
      // How Batch prints a list of samples in results is not published.
      return `[${value.values.join(", ")}]`;
    case "interval":
      return `${value.ms}ms`;
    case "option":
      return value.value;
  }
}

/** A target as the pool takes it: a whole number, at least 0 (the service's rounding is not published; this truncates). */
function nodeTarget(value: Value, name: string): number {
  const target = asNumber(value, name);
  if (!Number.isFinite(target)) throw evaluationError(`${name} is not a finite number`);
  return Math.max(0, Math.trunc(target));
}

/** Whether the formula parses: undefined when it does, else the syntax error (enableautoscale refuses it). */
export function formulaSyntaxError(formula: string): FormulaError | undefined {
  try {
    if (formula.length > MAX_FORMULA_LENGTH)
      return {
        code: "AutoScaleFormulaTooLong",
        message: `The formula is longer than ${MAX_FORMULA_LENGTH} characters.`,
        values: [],
      };
    parse(formula);
    return undefined;
  } catch (error) {
    if (error instanceof FormulaFailure)
      return { code: error.code, message: error.message, values: error.values };
    throw error;
  }
}

/** Evaluates a formula against the pool as it is: its targets and results, or the error Batch would report. */
export function evaluateFormula(formula: string, inputs: FormulaInputs): FormulaOutcome {
  const tooLong = formula.length > MAX_FORMULA_LENGTH ? formulaSyntaxError(formula) : undefined;
  if (tooLong) return { ok: false, error: tooLong };
  try {
    const evaluation = new Evaluation(inputs);
    for (const statement of parse(formula)) evaluation.assign(statement);
    const value = (name: string) => evaluation.variables.get(name) as Value;
    const targetDedicatedNodes = nodeTarget(value("$TargetDedicatedNodes"), "$TargetDedicatedNodes");
    const targetLowPriorityNodes = nodeTarget(value("$TargetLowPriorityNodes"), "$TargetLowPriorityNodes");
    const option = value("$NodeDeallocationOption");
    const nodeDeallocationOption = option.kind === "option" ? option.value : "requeue";
    const results = [
      `$TargetDedicatedNodes=${targetDedicatedNodes}`,
      `$TargetLowPriorityNodes=${targetLowPriorityNodes}`,
      `$NodeDeallocationOption=${nodeDeallocationOption}`,
      ...evaluation.userOrder.map((name) => `${name}=${valueText(value(name))}`),
    ].join(";");
    return { ok: true, targetDedicatedNodes, targetLowPriorityNodes, nodeDeallocationOption, results };
  } catch (error) {
    if (error instanceof FormulaFailure)
      return { ok: false, error: { code: error.code, message: error.message, values: error.values } };
    throw error;
  }
}
