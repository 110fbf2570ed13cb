import { test } from "node:test";
import assert from "node:assert/strict";
import {
  compileSearch,
  findLogMatches,
  firstMatchFrom,
  stepMatch,
  type LogMatches,
} from "../../../../src/model/views/logSearch.js";
import { logLines, logView, matchCounter, type LogRow } from "../../../../src/model/views/logView.js";
import { anchorShowing, bottomAnchor, scrollText, textTop } from "../../../../src/model/views/textView.js";
import { displayWidth } from "../../../../src/model/views/textWidth.js";

const text = (row: LogRow): string => row.segments.map((segment) => segment.text).join("");
const numbered = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}`);

function search(lines: readonly string[], query: string, regex = false): LogMatches {
  return findLogMatches(lines, compileSearch({ text: query, regex }).pattern);
}

test("the unfinished last line is shown and tabs are expanded", () => {
  assert.deepEqual(logLines({ lines: ["a\tb", "done"], partialLine: "50%" }), ["a       b", "done", "50%"]);
  assert.deepEqual(logLines({ lines: ["x"], partialLine: "" }), ["x"]);
});

test("following shows the last lines; not following keeps the scroll position", () => {
  const lines = numbered(100);
  const geometry = { width: 40, height: 3, wrap: false };
  const following = logView({ lines, geometry, follow: true, anchor: textTop });
  assert.deepEqual(following.rows.map(text), ["line 98", "line 99", "line 100"]);
  assert.equal(following.atBottom, true);
  const still = logView({ lines, geometry, follow: false, anchor: { line: 10, row: 0 } });
  assert.deepEqual(still.rows.map(text), ["line 11", "line 12", "line 13"]);
  assert.equal(still.atBottom, false);
});

test("wrapping counts wide characters as two cells", () => {
  const lines = ["日本語のログ行です", "ok"];
  const view = logView({
    lines,
    geometry: { width: 6, height: 10, wrap: true },
    follow: false,
    anchor: textTop,
  });
  assert.deepEqual(view.rows.map(text), ["日本語", "のログ", "行です", "ok"]);
  assert.ok(view.rows.every((row) => displayWidth(text(row)) <= 6));
});

test("without wrap a long line is cut with an ellipsis", () => {
  const view = logView({
    lines: ["0123456789abcdef"],
    geometry: { width: 8, height: 5, wrap: false },
    follow: false,
    anchor: textTop,
  });
  assert.deepEqual(view.rows.map(text), ["0123456…"]);
});

test("a regex search highlights its matches as segments, case-insensitively", () => {
  const lines = ["ERROR: disk full", "all good", "retry error 2 of 3"];
  const found = search(lines, "err(or)?\\b", true);
  assert.equal(found.matches.length, 2);
  const view = logView({
    lines,
    geometry: { width: 80, height: 5, wrap: false },
    follow: false,
    anchor: textTop,
    matches: found.matches,
    currentMatch: 1,
  });
  assert.deepEqual(view.rows[0]?.segments, [
    { text: "ERROR", match: true, current: false },
    { text: ": disk full", match: false, current: false },
  ]);
  assert.deepEqual(view.rows[1]?.segments, [{ text: "all good", match: false, current: false }]);
  assert.deepEqual(view.rows[2]?.segments, [
    { text: "retry ", match: false, current: false },
    { text: "error", match: true, current: true },
    { text: " 2 of 3", match: false, current: false },
  ]);
  assert.equal(matchCounter(found, 1), "2/2");
});

test("plain text searches match regex characters literally", () => {
  const found = search(["a.b axb (x)"], "a.b");
  assert.deepEqual(found.matches, [{ line: 0, start: 0, end: 3 }]);
  assert.equal(search(["f(x)"], "(x)").matches.length, 1);
});

test("an invalid regex is searched as plain text, with a notice", () => {
  const compiled = compileSearch({ text: "[0-", regex: true });
  assert.match(compiled.notice ?? "", /^not a valid regular expression \(.+\); searching it as plain text$/);
  assert.deepEqual(findLogMatches(["range [0-9]"], compiled.pattern).matches, [
    { line: 0, start: 6, end: 9 },
  ]);
  assert.equal(compileSearch({ text: "ok", regex: true }).notice, undefined);
});

test("empty matches are skipped and the count is zero", () => {
  const found = search(["abc", ""], "^", true);
  assert.deepEqual(found.matches, []);
  assert.equal(matchCounter(found, undefined), "no matches");
});

test("a match split by wrapping is highlighted on both rows", () => {
  const lines = ["abcdefgh"];
  const found = search(lines, "def");
  const view = logView({
    lines,
    geometry: { width: 4, height: 5, wrap: true },
    follow: false,
    anchor: textTop,
    matches: found.matches,
    currentMatch: 0,
  });
  assert.deepEqual(
    view.rows.map((row) => row.segments.map((segment) => [segment.text, segment.match])),
    [
      [
        ["abc", false],
        ["d", true],
      ],
      [
        ["ef", true],
        ["gh", false],
      ],
    ],
  );
});

test("next and previous match wrap around; a new search starts at the top visible line", () => {
  const lines = ["x", "hit", "y", "hit", "hit"];
  const { matches } = search(lines, "hit");
  assert.equal(firstMatchFrom(matches, 2), 1);
  assert.equal(firstMatchFrom(matches, 5), 0);
  assert.equal(stepMatch(matches.length, 2, 1), 0);
  assert.equal(stepMatch(matches.length, 0, -1), 2);
  assert.equal(stepMatch(0, undefined, 1), undefined);
});

test("jumping to a match scrolls it into view with context above", () => {
  const lines = numbered(200);
  const geometry = { width: 40, height: 10, wrap: false };
  assert.deepEqual(anchorShowing(lines, geometry, 120, 0), { line: 118, row: 0 });
  assert.deepEqual(anchorShowing(lines, geometry, 1, 0), { line: 0, row: 0 });
  assert.deepEqual(anchorShowing(lines, geometry, 199, 0), bottomAnchor(lines, geometry));
});

test("top, bottom and scrolling by rows move through wrapped lines", () => {
  const lines = ["aaaaaaaa", "bb", "cccccccc"];
  const geometry = { width: 4, height: 2, wrap: true };
  assert.deepEqual(bottomAnchor(lines, geometry), { line: 2, row: 0 });
  assert.deepEqual(scrollText(lines, geometry, textTop, 1), { line: 0, row: 1 });
  assert.deepEqual(scrollText(lines, geometry, textTop, 2), { line: 1, row: 0 });
  assert.deepEqual(scrollText(lines, geometry, { line: 2, row: 0 }, -2), { line: 0, row: 1 });
  assert.deepEqual(scrollText(lines, geometry, textTop, 100), { line: 2, row: 0 });
  assert.deepEqual(scrollText(lines, geometry, { line: 1, row: 0 }, -100), textTop);
});

test("a search over 5,000 lines compiles once and the view draws only the visible rows", () => {
  const lines = Array.from(
    { length: 5_000 },
    (_, index) => `${index} request ${index % 3 === 0 ? "failed" : "ok"}`,
  );
  const found = search(lines, "fail(ed)?", true);
  assert.equal(found.matches.length, 1_667);
  const view = logView({
    lines,
    geometry: { width: 80, height: 20, wrap: true },
    follow: true,
    anchor: textTop,
    matches: found.matches,
  });
  assert.equal(view.rows.length, 20);
  assert.equal(view.rows[19]?.line, 4_999);
});
