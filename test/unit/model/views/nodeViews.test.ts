import { test } from "node:test";
import assert from "node:assert/strict";
import type { NodeSummary } from "../../../../src/model/nodes.js";
import { nodeHeatmap } from "../../../../src/model/views/nodeHeatmap.js";
import { nodeCells, nodeColumns, sortNodes } from "../../../../src/model/views/nodeRows.js";
import { formatRow, layoutColumns } from "../../../../src/model/views/tableLayout.js";
import { nodeSummary } from "../../../helpers/modelFixtures.js";

const now = new Date("2025-05-21T12:00:00Z");
const minutesAgo = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

function node(id: string, state: string, extra: Partial<NodeSummary> = {}): NodeSummary {
  return { ...nodeSummary(id, state), ...extra };
}

test("heatmap cells put trouble first, then order by id within a state, wrapped to the width", () => {
  const heatmap = nodeHeatmap(
    [
      node("n3", "idle"),
      node("n1", "running"),
      node("n5", "unusable"),
      node("n2", "idle"),
      node("n4", "starttaskfailed"),
    ],
    2,
  );
  assert.deepEqual(
    heatmap.rows.map((row) => row.map((cell) => `${cell.nodeId}:${cell.state}`)),
    [["n5:unusable", "n4:starttaskfailed"], ["n1:running", "n2:idle"], ["n3:idle"]],
  );
});

test("the heatmap legend counts nodes per exact state", () => {
  const nodes = [
    ...Array.from({ length: 7 }, (_, index) => node(`r${index}`, "running")),
    ...Array.from({ length: 3 }, (_, index) => node(`i${index}`, "idle")),
    node("w1", "waitingforstarttask"),
    node("c1", "creating"),
    node("u1", "unusable"),
  ];
  assert.deepEqual(nodeHeatmap(nodes, 40).legend, [
    { state: "unusable", count: 1 },
    { state: "creating", count: 1 },
    { state: "waitingforstarttask", count: 1 },
    { state: "running", count: 7 },
    { state: "idle", count: 3 },
  ]);
});

test("a node keeps its heatmap place between polls while its state stays", () => {
  const first = nodeHeatmap([node("b", "idle"), node("a", "idle")], 10);
  const second = nodeHeatmap([node("a", "idle"), node("b", "idle")], 10);
  assert.deepEqual(first, second);
});

test("time in state, longest first: the node stuck in starting for 40 minutes leads", () => {
  const sorted = sortNodes(
    [
      node("fresh", "idle", { stateTransitionTime: minutesAgo(2) }),
      node("stuck", "starting", { stateTransitionTime: minutesAgo(40) }),
      node("unknown-time", "idle"),
      node("busy", "running", { stateTransitionTime: minutesAgo(10) }),
    ],
    "timeInState",
  );
  assert.deepEqual(
    sorted.map((entry) => entry.id),
    ["stuck", "busy", "fresh", "unknown-time"],
  );
  assert.equal(nodeCells(sorted[0] as NodeSummary, now).timeInState, "40m");
});

test("other sort modes: by state group, by id, by running tasks", () => {
  const nodes = [
    node("b", "idle", { runningTasksCount: 0 }),
    node("a", "running", { runningTasksCount: 4 }),
    node("c", "unusable", { runningTasksCount: 0 }),
  ];
  assert.deepEqual(
    sortNodes(nodes, "state").map((entry) => entry.id),
    ["c", "a", "b"],
  );
  assert.deepEqual(
    sortNodes(nodes, "id").map((entry) => entry.id),
    ["a", "b", "c"],
  );
  assert.deepEqual(
    sortNodes(nodes, "runningTasks").map((entry) => entry.id),
    ["a", "b", "c"],
  );
});

test("a node row shows state, time in it, scheduling, tasks, start task, kind and first error", () => {
  const unhealthy = node("tvmps_1", "starttaskfailed", {
    stateTransitionTime: minutesAgo(3),
    schedulingState: "enabled",
    isDedicated: false,
    startTaskState: "completed",
    startTaskExitCode: 1,
    errors: [
      { code: "NodeStartTaskFailed", message: "exit 1" },
      { code: "Other", message: "x" },
    ],
  });
  const cells = nodeCells(unhealthy, now);
  assert.deepEqual(cells.state, [
    { text: "starttaskfailed", style: { kind: "nodeState", state: "starttaskfailed" } },
  ]);
  assert.equal(cells.timeInState, "3m");
  assert.equal(cells.startTask, "completed exit 1");
  assert.equal(cells.kind, "spot");
  assert.deepEqual(cells.error, [
    { text: "NodeStartTaskFailed", style: { kind: "token", token: "status.error" } },
  ]);
  // At 80 columns the scheduling state (least important) gives way to the error code; the mark
  // cell (blank: unmarked) stays before the id.
  const layout = layoutColumns(nodeColumns, 80);
  assert.equal(
    formatRow(layout, cells).text,
    "  tvmps_1        starttaskfailed     3m     0 completed… spot NodeStartTaskFail…",
  );
  assert.match(formatRow(layout, nodeCells(unhealthy, now, true)).text, /^\* tvmps_1/);
});

test("a state this version does not know sorts after the known ones", () => {
  assert.deepEqual(
    sortNodes([node("a", "hibernating"), node("b", "idle"), node("c", "upgradingos")], "state").map(
      (entry) => entry.id,
    ),
    ["c", "b", "a"],
  );
});
