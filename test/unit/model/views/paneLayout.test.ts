import { test } from "node:test";
import assert from "node:assert/strict";
import {
  footerHeight,
  headerHeight,
  paneFocusOrder,
  planLayout,
  type ScreenLayout,
} from "../../../../src/model/views/paneLayout.js";

function shown(layout: ScreenLayout): string[] {
  assert.equal(layout.kind, "panes");
  return layout.kind === "panes"
    ? layout.rows.flatMap((row) => row.panes.map((placement) => placement.pane))
    : [];
}

function assertFills(layout: ScreenLayout, width: number, height: number): void {
  assert.equal(layout.kind, "panes");
  if (layout.kind !== "panes") return;
  assert.equal(
    layout.rows.reduce((sum, row) => sum + row.height, 0),
    height - headerHeight - footerHeight,
  );
  for (const row of layout.rows) {
    assert.equal(
      row.panes.reduce((sum, placement) => sum + placement.width, 0),
      width,
    );
    for (const placement of row.panes) assert.equal(placement.height, row.height);
  }
}

test("at 160x48 pools, nodes, tasks and the log tail show at once", () => {
  const layout = planLayout(160, 48, "pools");
  assert.deepEqual(shown(layout), ["pools", "jobs", "nodes", "tasks", "log"]);
  assert.equal(layout.kind === "panes" && layout.mode, "wide");
  assert.deepEqual(layout.kind === "panes" && layout.hidden, ["details"]);
  assertFills(layout, 160, 48);
});

test("at 160x48 the details pane takes the log's place while focused", () => {
  assert.deepEqual(shown(planLayout(160, 48, "details")), ["pools", "jobs", "nodes", "tasks", "details"]);
});

test("at 80x24 the focused pane and one neighbour show, stacked, and every pane is reachable", () => {
  const layout = planLayout(80, 24, "pools");
  assert.deepEqual(shown(layout), ["pools", "nodes"]);
  assert.equal(layout.kind === "panes" && layout.mode, "pair");
  assertFills(layout, 80, 24);
  assert.deepEqual(layout.kind === "panes" && layout.rows.map((row) => row.height), [13, 8]);
  for (const pane of paneFocusOrder) {
    const focusedLayout = planLayout(80, 24, pane);
    assert.ok(shown(focusedLayout).includes(pane), pane);
    assertFills(focusedLayout, 80, 24);
  }
});

test("panes of a pair keep their places as focus moves between them", () => {
  assert.deepEqual(shown(planLayout(80, 24, "log")), ["tasks", "log"]);
  assert.deepEqual(shown(planLayout(80, 24, "tasks")), ["tasks", "log"]);
});

test("a wide but short terminal puts the pair side by side", () => {
  const layout = planLayout(130, 30, "nodes");
  assert.equal(layout.kind === "panes" && layout.rows.length, 1);
  assert.deepEqual(shown(layout), ["pools", "nodes"]);
  assertFills(layout, 130, 30);
});

test("between the minimum and 20 rows only the focused pane shows", () => {
  const layout = planLayout(60, 16, "tasks");
  assert.deepEqual(shown(layout), ["tasks"]);
  assert.equal(layout.kind === "panes" && layout.mode, "single");
  assertFills(layout, 60, 16);
});

test("below 60x16 the screen says it is too small instead of drawing", () => {
  assert.deepEqual(planLayout(50, 10, "pools"), {
    kind: "too-small",
    notice: "too small: need at least 60x16 (now 50x10)",
  });
  assert.equal(planLayout(59, 40, "pools").kind, "too-small");
  assert.equal(planLayout(200, 15, "pools").kind, "too-small");
});
