import { test } from "node:test";
import assert from "node:assert/strict";
import { findJsonSyntaxProblem } from "../../../../src/cli/config/jsonSyntax.js";

test("valid JSON has no problem", () => {
  for (const text of ['{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', "[]", " 0 ", '"s"']) {
    assert.equal(findJsonSyntaxProblem(text), undefined, text);
  }
});

test("the first syntax error is located by line and column", () => {
  const cases: [string, number, number, RegExp][] = [
    ['{\n  "a": 1,\n}', 2, 9, /trailing comma before '}'/],
    ['{\n  "a":\n}', 3, 1, /expected a value, found "}"/],
    ['{"a" 1}', 1, 6, /expected ':' after the property name/],
    ["{\n  a: 1\n}", 2, 3, /property name in double quotes/],
    ['{"a": 1', 1, 8, /expected ',' or '}', found the end of the file/],
    ['{"a": "open', 1, 7, /unterminated string/],
    ['{"a": 1} x', 1, 10, /after the end of the JSON value/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['["a\\q"]', 1, 4, /invalid escape \\q/],
    ["", 1, 1, /expected a value, found the end of the file/],
  ];
  for (const [text, line, column, message] of cases) {
    const found = findJsonSyntaxProblem(text);
    assert.ok(found, `a problem in ${JSON.stringify(text)}`);
    assert.deepEqual([found.line, found.column], [line, column], JSON.stringify(text));
    assert.match(found.problem, message);
  }
});

test("it agrees with JSON.parse on what is valid", () => {
  for (const text of ["01", "1.", "-", "[1,]", '{"a":1,}', "tru", "nul", '"\t"', "[1 2]", "{,}"]) {
    assert.throws(() => JSON.parse(text));
    assert.ok(findJsonSyntaxProblem(text), text);
  }
});
