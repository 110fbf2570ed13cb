import { test } from "node:test";
import assert from "node:assert/strict";
import { ClauseError } from "../../../../src/sim/batch/odata/clauseError.js";
import { parseFilter } from "../../../../src/sim/batch/odata/filterSyntax.js";
import { tokenize } from "../../../../src/sim/batch/odata/filterTokens.js";

test("tokenize reads strings with '' escapes, integers, DateTime literals and paths", () => {
  const tokens = tokenize(
    "name eq 'it''s' and executionInfo/exitCode ne -1 or t gt DateTime'2024-01-01T00:00:00Z'",
  );
  assert.deepEqual(
    tokens.map((token) => token.kind),
    [
      "identifier",
      "identifier",
      "string",
      "identifier",
      "identifier",
      "punctuation",
      "identifier",
      "identifier",
      "integer",
      "identifier",
      "identifier",
      "identifier",
      "datetime",
      "end",
    ],
  );
  assert.deepEqual(tokens[2], { kind: "string", value: "it's", position: 8 });
  assert.deepEqual(tokens[8], { kind: "integer", value: -1, text: "-1", position: 46 });
  assert.deepEqual(tokens[12], { kind: "datetime", text: "2024-01-01T00:00:00Z", position: 57 });
});

test("tokenize accepts the lower-case datetime prefix too", () => {
  assert.equal(tokenize("datetime'2024-01-01T00:00:00Z'")[0]?.kind, "datetime");
});

test("tokenize refuses unterminated strings, decimals and stray characters with a position", () => {
  assert.throws(() => tokenize("id eq 'abc"), { name: "Error", message: /not terminated/ });
  assert.throws(() => tokenize("x eq 1.5"), /not an integer/);
  assert.throws(() => tokenize("x eq 1 & y"), /'&' at position 7/);
  assert.throws(() => tokenize("x eq 99999999999999999999"), /out of range/);
});

test("and binds tighter than or", () => {
  assert.deepEqual(parseFilter("a eq 1 or b eq 2 and c eq 3"), {
    kind: "or",
    left: { kind: "compare", operator: "eq", property: "a", value: { type: "integer", value: 1 } },
    right: {
      kind: "and",
      left: { kind: "compare", operator: "eq", property: "b", value: { type: "integer", value: 2 } },
      right: { kind: "compare", operator: "eq", property: "c", value: { type: "integer", value: 3 } },
    },
  });
});

test("parentheses override precedence and keywords are case-insensitive", () => {
  const node = parseFilter("(a EQ 1 Or b eq 2) AND c eq 'x'");
  assert.equal(node.kind, "and");
  assert.equal(node.kind === "and" && node.left.kind, "or");
});

test("nested paths, booleans, null and startswith parse", () => {
  assert.deepEqual(parseFilter("executionInfo/result eq null"), {
    kind: "compare",
    operator: "eq",
    property: "executionInfo/result",
    value: { type: "null" },
  });
  assert.deepEqual(parseFilter("enableAutoScale ne true").kind, "compare");
  assert.deepEqual(parseFilter("startswith(name, 'wd/') eq true"), {
    kind: "startswith",
    property: "name",
    prefix: "wd/",
  });
});

test("malformed filters fail with a reason naming what was expected", () => {
  const cases: [string, RegExp][] = [
    ["state", /comparison operator/],
    ["state eq", /literal value/],
    ["state eq 'a' and", /property name/],
    ["(state eq 'a'", /Expected '\)'/],
    ["state eq 'a')", /end of the filter/],
    ["'a' eq state", /property name/],
    ["state like 'a'", /comparison operator/],
    ["startswith(name, 3)", /string literal/],
    ["state eq active", /literal value/],
  ];
  for (const [filter, reason] of cases) {
    assert.throws(
      () => parseFilter(filter),
      (error: unknown) => error instanceof ClauseError && reason.test(error.message),
      filter,
    );
  }
});

test("pathological nesting is refused instead of exhausting the stack", () => {
  assert.throws(() => parseFilter(`${"(".repeat(5000)}a eq 1${")".repeat(5000)}`), /nests parentheses/);
});
