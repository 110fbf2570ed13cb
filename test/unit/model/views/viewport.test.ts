import { test } from "node:test";
import assert from "node:assert/strict";
import { indexById, listViewport, moveInList } from "../../../../src/model/views/viewport.js";

test("only the visible rows are in the window", () => {
  assert.deepEqual(listViewport(50_000, { selected: 0, offset: 0 }, 20), {
    selected: 0,
    offset: 0,
    start: 0,
    end: 20,
  });
});

test("moving below the window scrolls just enough to keep the selection visible", () => {
  const view = listViewport(100, { selected: 25, offset: 0 }, 10);
  assert.deepEqual([view.start, view.end], [16, 26]);
  const up = listViewport(100, { selected: 10, offset: 16 }, 10);
  assert.deepEqual([up.start, up.end], [10, 20]);
});

test("the offset stays put while the selection moves within the window", () => {
  assert.equal(listViewport(100, { selected: 14, offset: 10 }, 10).offset, 10);
});

test("a list that shrank keeps the window full and the selection on a real row", () => {
  assert.deepEqual(listViewport(12, { selected: 40, offset: 35 }, 10), {
    selected: 11,
    offset: 2,
    start: 2,
    end: 12,
  });
  assert.deepEqual(listViewport(0, { selected: 3, offset: 3 }, 10), {
    selected: 0,
    offset: 0,
    start: 0,
    end: 0,
  });
});

test("PgDn and PgUp move the selection and the window by a page together", () => {
  const down = moveInList(100, { selected: 3, offset: 0 }, 10, "pageDown");
  assert.deepEqual([down.selected, down.start], [13, 10]);
  const up = moveInList(100, down, 10, "pageUp");
  assert.deepEqual([up.selected, up.start], [3, 0]);
  const last = moveInList(100, { selected: 95, offset: 90 }, 10, "pageDown");
  assert.deepEqual([last.selected, last.start, last.end], [99, 90, 100]);
});

test("g and G go to the first and the last row", () => {
  const bottom = moveInList(1000, { selected: 5, offset: 0 }, 20, "bottom");
  assert.deepEqual([bottom.selected, bottom.start, bottom.end], [999, 980, 1000]);
  const top = moveInList(1000, bottom, 20, "top");
  assert.deepEqual([top.selected, top.start], [0, 0]);
});

test("up and down stop at the ends", () => {
  assert.equal(moveInList(5, { selected: 0, offset: 0 }, 3, "up").selected, 0);
  assert.equal(moveInList(5, { selected: 4, offset: 2 }, 3, "down").selected, 4);
});

test("rows are found by id without a scan", () => {
  const index = indexById([{ id: "a" }, { id: "b" }]);
  assert.equal(index.get("b"), 1);
  assert.equal(index.get("zz"), undefined);
});
