import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatHeader,
  formatRow,
  layoutColumns,
  type ColumnSpec,
} from "../../../../src/model/views/tableLayout.js";
import { displayWidth } from "../../../../src/model/views/textWidth.js";

type Id = "name" | "state" | "count" | "note";
const specs: ColumnSpec<Id>[] = [
  { id: "name", title: "NAME", minWidth: 8, maxWidth: 12, priority: 1 },
  { id: "state", title: "STATE", minWidth: 6, maxWidth: 6, priority: 2 },
  { id: "count", title: "N", minWidth: 3, maxWidth: 3, priority: 4, align: "right" },
  { id: "note", title: "NOTE", minWidth: 10, maxWidth: 20, priority: 3 },
];

test("the least important columns go first when the terminal is narrow, and order is kept", () => {
  assert.deepEqual(
    layoutColumns(specs, 40).columns.map((column) => column.spec.id),
    ["name", "state", "count", "note"],
  );
  assert.deepEqual(
    layoutColumns(specs, 26).columns.map((column) => column.spec.id),
    ["name", "state", "note"],
  );
  assert.deepEqual(
    layoutColumns(specs, 20).columns.map((column) => column.spec.id),
    ["name", "state"],
  );
});

test("a less important column is never shown while a more important one is hidden", () => {
  // At 22 cells "note" (priority 3) does not fit; "count" (priority 4) would, but stays hidden.
  assert.deepEqual(
    layoutColumns(specs, 22).columns.map((column) => column.spec.id),
    ["name", "state"],
  );
});

test("spare cells widen columns up to their maximum, never beyond", () => {
  const layout = layoutColumns(specs, 100);
  assert.deepEqual(
    layout.columns.map((column) => column.width),
    [12, 6, 3, 20],
  );
  assert.equal(layout.width, 100);
});

test("a row is one string of exactly the table's width, sanitised and cut with an ellipsis", () => {
  const layout = layoutColumns(specs, 30);
  const row = formatRow(layout, {
    name: "pool\u001b]52;c;ZXZpbA==\u0007-with-a-long-name",
    state: "idle",
    count: "7",
    note: "日本語のメモです",
  });
  assert.equal(displayWidth(row.text), 30);
  assert.equal(row.text.includes("\u001b"), false);
  assert.equal(row.text, "pool-wi… idle     7 日本語の… ");
  assert.deepEqual(row.marks, []);
});

test("tabs in a value become one space, so the row keeps its width", () => {
  const layout = layoutColumns(specs, 20);
  assert.equal(
    formatRow(layout, { name: "a\tb", state: "x", count: "", note: "" }).text.slice(0, 8),
    "a b     ",
  );
});

test("parts carrying a style are marked at their place in the row", () => {
  const layout = layoutColumns(specs, 16);
  const row = formatRow(layout, {
    name: "n1",
    state: [{ text: "failed", style: { kind: "taskState", state: "failed" } }],
    count: "",
    note: "",
  });
  assert.equal(row.text, "n1        failed");
  assert.deepEqual(row.marks, [{ start: 10, end: 16, style: { kind: "taskState", state: "failed" } }]);
});

test("a marked cell that is cut keeps its mark on what remains", () => {
  const layout = layoutColumns([{ id: "bar", title: "BAR", minWidth: 4, maxWidth: 4, priority: 1 }], 4);
  const row = formatRow(layout, {
    bar: [
      { text: "RRR", style: { kind: "nodeState", state: "running" } },
      { text: "II", style: { kind: "nodeState", state: "idle" } },
    ],
  });
  assert.equal(row.text, "RRR…");
  assert.deepEqual(row.marks, [
    { start: 0, end: 3, style: { kind: "nodeState", state: "running" } },
    { start: 3, end: 4, style: { kind: "nodeState", state: "idle" } },
  ]);
});

test("the header pads titles like the rows under them, to the full width", () => {
  assert.equal(formatHeader(layoutColumns(specs, 22)), "NAME         STATE    ");
});

test("fitted to what the rows hold, columns need no more than their widest value, and empty ones go last", () => {
  // "note" is empty in every row: it gives way to "count", though it is more important.
  const layout = layoutColumns(specs, 26, { name: 12, state: 4, count: 2, note: 0 });
  assert.deepEqual(
    layout.columns.map((column) => [column.spec.id, column.width]),
    [
      ["name", 12],
      ["state", 5],
      ["count", 2],
      ["note", 4],
    ],
  );
  // With little room the most important column gets its values whole before the others grow.
  const narrow = layoutColumns(specs, 22, { name: 12, state: 6, count: 3, note: 20 });
  assert.deepEqual(
    narrow.columns.map((column) => [column.spec.id, column.width]),
    [
      ["name", 12],
      ["state", 6],
    ],
  );
});

test("on a narrow table the row's name is whole before a less important column is admitted", () => {
  const layout = layoutColumns(specs, 24, { name: 12, state: 5, count: 2, note: 8 });
  assert.deepEqual(
    layout.columns.map((column) => [column.spec.id, column.width]),
    [
      ["name", 12],
      ["state", 5],
    ],
  );
});
