import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "./fixtureTables.js";
import { KqlError } from "../../../../src/sim/logs/kql/kqlError.js";

/** The KqlError a query raises. */
function failure(query: string): KqlError {
  try {
    run(query);
  } catch (error) {
    assert.ok(error instanceof KqlError, `expected a KqlError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${query} to fail`);
}

test("a syntax error names the token and position as Log Analytics does", () => {
  const error = failure("ADFActivityRun | whre Status");
  assert.equal(error.kind, "syntax");
  assert.match(
    error.message,
    /^Query could not be parsed at 'whre' on line \[1,17\]: Query operator expected\.$/,
  );
  assert.deepEqual(error.location, { line: 1, pos: 17, token: "whre" });
  assert.equal(
    failure("ADFActivityRun | where").message.startsWith(
      "Query could not be parsed at '<EOF>' on line [1,22]",
    ),
    true,
  );
});

test("syntax errors win over the semantic errors they cause", () => {
  const error = failure("completely invalid syntax");
  assert.equal(error.kind, "syntax");
  assert.match(error.message, /at 'invalid' on line \[1,11\]/);
});

test("an unknown column is the parser's KS142, attributed to its operator", () => {
  const error = failure('ADFActivityRun\n| where Status == "x"\n| extend y = Nope');
  assert.equal(error.kind, "semantic");
  assert.equal(error.code, "KS142");
  assert.equal(
    error.message,
    "'extend' operator: The name 'Nope' does not refer to any known column, table, variable or function. (line [3,13])",
  );
  assert.deepEqual(error.location, { line: 3, pos: 13, token: "Nope" });
});

test("an unknown table is KS204", () => {
  const error = failure("AppRequests | take 1");
  assert.equal(error.code, "KS204");
  assert.match(error.message, /'AppRequests' does not refer to any known table/);
});

test("type errors from the analyser are refused", () => {
  assert.equal(failure('ADFActivityRun | where Status = "x"').code, "KS141");
});

const unsupported: [query: string, message: string][] = [
  ["SynapseIntegrationActivityRuns | mv-expand Tags", "Operator 'mv-expand'"],
  ["ADFActivityRun | join (ADFPipelineRun) on $left.PipelineRunId == $right.RunId", "Operator 'join'"],
  ["union ADFActivityRun, ADFPipelineRun", "Operator 'union'"],
  ['ADFActivityRun | extend x = extract("a", 0, Status)', "Function 'extract'"],
  ["let T = ADFActivityRun; T", "An expression of type 'ADFActivityRun'"],
  [
    "ADFActivityRun | summarize hint.strategy=shuffle count() by Status",
    "The parameter 'hint.strategy' of 'summarize'",
  ],
  ["ADFActivityRun | summarize count() * 2", "The aggregation 'count() * 2'"],
  ['ADFActivityRun | where * has "y"', "The expression '*'"],
  ['ADFActivityRun | where Status matches regex "a.*"', "The operator 'matches regex' on string and string"],
  ["ADFActivityRun | take 1 | extend d = decimal(1.5)", "A column of type 'decimal' ('d')"],
  [
    "ADFActivityRun | summarize percentiles(ActivityIterationCount, 50, 95)",
    "The aggregation 'percentiles(ActivityIterationCount, 50, 95)'",
  ],
];

for (const [query, what] of unsupported) {
  test(`refused, not guessed: ${query}`, () => {
    const error = failure(query);
    assert.equal(error.kind, "unsupported");
    assert.equal(error.code, "NotSupported");
    assert.ok(
      error.message.startsWith(`${what} is not supported by the batchtop demo account (line [`),
      error.message,
    );
  });
}
