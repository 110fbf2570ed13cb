import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeStateBar } from "../../../../src/model/views/nodeStateBar.js";
import { derivePoolViews, poolCells, poolColumns } from "../../../../src/model/views/poolRows.js";
import { formatHeader, formatRow, layoutColumns } from "../../../../src/model/views/tableLayout.js";
import { nodeSummary, poolSummary } from "../../../helpers/modelFixtures.js";

/** Stands in for the theme's one-cell symbols. */
const symbols: Record<string, string> = { running: "●", idle: "○", unusable: "✗" };
const nodeSymbol = (state: string): string => symbols[state] ?? "?";

const quotaPool = poolSummary("adf-prod-eastus2", {
  allocationState: "resizing",
  currentDedicatedNodes: 3,
  targetDedicatedNodes: 10,
  currentSpotNodes: 1,
  targetSpotNodes: 4,
  identityCount: 2,
  enableAutoScale: true,
  resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
});
const nodeCounts = [{ poolId: "adf-prod-eastus2", byState: { running: 2, idle: 1, unusable: 1 }, total: 4 }];

function columnIds(width: number): string[] {
  return layoutColumns(poolColumns, width).columns.map((column) => column.spec.id);
}

test("at 80 columns the pools table keeps the pool, allocation, dedicated nodes and the resize error", () => {
  const ids = columnIds(80);
  for (const id of ["id", "allocation", "dedicated", "resizeError"]) assert.ok(ids.includes(id), id);
  assert.ok(!ids.includes("vmSize"));
  const [view] = derivePoolViews({ pools: [quotaPool], nodeCounts });
  assert.ok(view);
  const layout = layoutColumns(poolColumns, 80);
  assert.equal(
    formatHeader(layout),
    "POOL               ALLOC    DEDICATED  SPOT NODES        RESIZE ERROR           ",
  );
  assert.equal(
    formatRow(layout, poolCells(view, nodeSymbol)).text,
    "adf-prod-eastus2   resizing      3/10   1/4 ✗✗✗●●●●●●○○○ AccountCoreQuotaReached",
  );
});

test("at 160 columns every pools column shows", () => {
  assert.deepEqual(
    columnIds(160),
    poolColumns.map((column) => column.id),
  );
});

test("at the 60-column minimum the essentials still fit", () => {
  assert.deepEqual(columnIds(60), ["id", "allocation", "dedicated", "resizeError"]);
});

test("a pool row says what an operator needs, with styles for state, bar and badge", () => {
  const [view] = derivePoolViews({
    pools: [quotaPool],
    nodeCounts,
    listedNodes: {
      poolId: "adf-prod-eastus2",
      nodes: [{ ...nodeSummary("n1", "running"), runningTasksCount: 3 }],
    },
  });
  assert.ok(view);
  assert.equal(view.allocation, "resizing");
  assert.equal(view.runningTasks, 3);
  assert.equal(view.faulty, true);
  const cells = poolCells(view, nodeSymbol);
  assert.deepEqual(cells.allocation, [
    { text: "resizing", style: { kind: "allocationState", state: "resizing" } },
  ]);
  assert.equal(cells.dedicated, "3/10");
  assert.equal(cells.spot, "1/4");
  assert.equal(cells.autoscale, "on");
  assert.equal(cells.identities, "2");
  assert.equal(cells.runningTasks, "3");
  assert.deepEqual(cells.nodes, [
    { text: "✗✗✗", style: { kind: "nodeState", state: "unusable" } },
    { text: "●●●●●●", style: { kind: "nodeState", state: "running" } },
    { text: "○○○", style: { kind: "nodeState", state: "idle" } },
  ]);
  assert.deepEqual(cells.resizeError, [
    { text: "AccountCoreQuotaReached", style: { kind: "token", token: "badge.error" } },
  ]);
});

test("running tasks are unknown for pools whose nodes are not listed", () => {
  const [view] = derivePoolViews({ pools: [poolSummary("other")], nodeCounts: [] });
  assert.ok(view);
  assert.equal(poolCells(view, nodeSymbol).runningTasks, "-");
  assert.equal(view.faulty, false);
  assert.equal(poolCells(view, nodeSymbol).resizeError, "");
});

test("more than one resize error shows the first code and how many more", () => {
  const [view] = derivePoolViews({
    pools: [
      poolSummary("p", {
        resizeErrors: [
          { code: "AllocationTimedout", message: "a" },
          { code: "AccountCoreQuotaReached", message: "b" },
        ],
      }),
    ],
    nodeCounts: [],
  });
  assert.ok(view);
  assert.deepEqual(poolCells(view, nodeSymbol).resizeError, [
    { text: "AllocationTimedout +1", style: { kind: "token", token: "badge.error" } },
  ]);
});

test("the allocation state is passed on in lower case, whatever the service's spelling", () => {
  const [view] = derivePoolViews({
    pools: [poolSummary("p", { allocationState: "Steady" })],
    nodeCounts: [],
  });
  assert.ok(view);
  assert.deepEqual(poolCells(view, nodeSymbol).allocation, [
    { text: "Steady", style: { kind: "allocationState", state: "steady" } },
  ]);
});

test("the node bar is proportional, trouble first, and filled to 12 cells", () => {
  assert.deepEqual(nodeStateBar({ idle: 6, running: 6 }), [
    { state: "running", count: 6, cells: 6 },
    { state: "idle", count: 6, cells: 6 },
  ]);
  assert.deepEqual(nodeStateBar({ idle: 10, creating: 1, waitingforstarttask: 1 }), [
    { state: "creating", count: 1, cells: 1 },
    { state: "waitingforstarttask", count: 1, cells: 1 },
    { state: "idle", count: 10, cells: 10 },
  ]);
});

test("one unusable node among 500 still gets a cell of the bar", () => {
  assert.deepEqual(nodeStateBar({ running: 499, unusable: 1 }), [
    { state: "unusable", count: 1, cells: 1 },
    { state: "running", count: 499, cells: 11 },
  ]);
});

test("a pool without nodes has an empty bar", () => {
  assert.deepEqual(nodeStateBar({}), []);
  assert.deepEqual(nodeStateBar({ idle: 0 }), []);
});

test("while its nodes are cycled, a pool's resize column shows the cycle, and fits at 80 columns", () => {
  const [view] = derivePoolViews({ pools: [quotaPool], nodeCounts });
  assert.ok(view);
  assert.deepEqual(poolCells(view, nodeSymbol, "cycling: 3 of 10").resizeError, [
    { text: "cycling: 3 of 10", style: { kind: "token", token: "status.warning" } },
  ]);
  const row = formatRow(
    layoutColumns(poolColumns, 80),
    poolCells(view, nodeSymbol, "cycling: to 0, 12 left"),
  ).text;
  assert.match(row, /cycling: to 0, 12 left *$/);
});
