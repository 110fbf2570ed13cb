import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRowFilter } from "../../../../src/model/keymap/rowFilter.js";

const rows = ["pool-etl  steady  Standard_D4s_v3", "pool-ML  resizing  Standard_NC6", "adfv2-etl  active"];
const kept = (text: string) => rows.filter(parseRowFilter(text).matches);

test("a pattern is a regular expression", () => {
  assert.deepEqual(kept("^pool-.*steady"), [rows[0]]);
  assert.deepEqual(kept("D4s|NC6"), [rows[0], rows[1]]);
  assert.equal(parseRowFilter("etl").notice, undefined);
});

test("smart case: lower case ignores case, an upper-case letter makes it exact", () => {
  assert.deepEqual(kept("ml"), [rows[1]]);
  assert.deepEqual(kept("ETL"), []);
  assert.deepEqual(kept("ML"), [rows[1]]);
  // \S is a class, not a capital the user typed, so the pattern still ignores case.
  assert.deepEqual(kept("ML\\s+\\S"), [rows[1]]);
  assert.deepEqual(kept("pool-m\\S"), [rows[1]]);
});

test("a leading ! keeps the rows that do not match", () => {
  assert.deepEqual(kept("!etl"), [rows[1]]);
  assert.deepEqual(kept("!^pool"), [rows[2]]);
});

test("an empty pattern, or a lone !, keeps every row", () => {
  assert.deepEqual(kept(""), rows);
  assert.deepEqual(kept("!"), rows);
});

test("an invalid regular expression is matched as plain text and says so in one line", () => {
  const filter = parseRowFilter("v3[");
  assert.deepEqual(rows.filter(filter.matches), []);
  assert.equal(
    filter.notice,
    "v3[ is not a valid regular expression (Unterminated character class); matching it as plain text",
  );
  assert.deepEqual(["cost [eur", "cost"].filter(parseRowFilter("[EUR").matches), []);
  assert.deepEqual(["cost [eur", "cost"].filter(parseRowFilter("[eur").matches), ["cost [eur"]);
  assert.deepEqual(["a (b", "c"].filter(parseRowFilter("!(").matches), ["c"]);
  assert.doesNotMatch(parseRowFilter("(").notice ?? "", /\n/);
});

test("the same filter gives the same answer row after row", () => {
  // A regex with the global flag would remember where it stopped; a filter must not.
  const { matches } = parseRowFilter("etl");
  assert.deepEqual(
    [matches(rows[0] ?? ""), matches(rows[0] ?? ""), matches(rows[0] ?? "")],
    [true, true, true],
  );
});
