import { test } from "node:test";
import assert from "node:assert/strict";
import { bindQuery, kqlString, parseQueryFile } from "../../../src/azure/kql/loadQuery.js";

test("kqlString escapes what could end the literal or break a line", () => {
  assert.equal(kqlString("plain"), "'plain'");
  assert.equal(kqlString("it's"), "'it\\'s'");
  assert.equal(kqlString("back\\slash"), "'back\\\\slash'");
  assert.equal(
    kqlString("two\nlines\r\tand\u0000nul\u2028"),
    "'two\\u000alines\\u000d\\u0009and\\u0000nul\\u2028'",
  );
  assert.equal(kqlString("\\'"), "'\\\\\\''", "an escaped quote in the value stays a value");
});

const file = parseQueryFile(
  [
    "// A comment first.",
    "declare query_parameters(name:string, limit:long, ids:dynamic, since:datetime, window:timespan);",
    "T | where Name == name | take limit",
  ].join("\n"),
);

test("a query file's declaration names its parameters and their types; the body follows", () => {
  assert.deepEqual(file.parameters, [
    { name: "name", type: "string" },
    { name: "limit", type: "long" },
    { name: "ids", type: "dynamic" },
    { name: "since", type: "datetime" },
    { name: "window", type: "timespan" },
  ]);
  assert.equal(file.body, "T | where Name == name | take limit");
  assert.deepEqual(parseQueryFile("T | take 1"), { parameters: [], body: "T | take 1" });
  assert.throws(() => parseQueryFile("declare query_parameters(x y);\nT"), /malformed query parameter/);
});

test("each parameter is bound by let to a literal of its declared type", () => {
  assert.equal(
    bindQuery(file, {
      name: "a'b",
      limit: 5,
      ids: ["x", "y"],
      since: new Date("2026-11-22T03:00:00.000Z"),
      window: { durationMs: 90_000 },
    }),
    [
      "let name = 'a\\'b';",
      "let limit = long(5);",
      "let ids = pack_array('x', 'y');",
      "let since = datetime(2026-11-22T03:00:00.000Z);",
      "let window = timespan(90000ms);",
      "T | where Name == name | take limit",
    ].join("\n"),
  );
});

test("a value of the wrong type, a missing one or an undeclared one is refused, never written", () => {
  const args = { name: "n", limit: 1, ids: [], since: new Date(0), window: { durationMs: 0 } };
  assert.throws(() => bindQuery(file, { ...args, limit: 1.5 }), /limit is declared long/);
  assert.throws(() => bindQuery(file, { ...args, name: 3 }), /name is declared string/);
  assert.throws(() => bindQuery(file, { ...args, ids: "x" }), /ids is declared dynamic/);
  const { since: _missing, ...withoutSince } = args;
  assert.throws(() => bindQuery(file, withoutSince), /since is declared datetime, got undefined/);
  assert.throws(() => bindQuery(file, { ...args, extra: "x" }), /takes no parameter extra/);
});
