import { test } from "node:test";
import assert from "node:assert/strict";
import { sortCycles } from "../../../../src/model/navigation/listSorts.js";
import { uiReducer, type UiAction } from "../../../../src/model/navigation/uiReducer.js";
import {
  initialUiState,
  type DetailsTarget,
  type UiState,
} from "../../../../src/model/navigation/uiState.js";
import { focusScope } from "../../../../src/model/navigation/focusScope.js";
import { textTop } from "../../../../src/model/views/textView.js";

/** Applies actions one after another, as the dashboard dispatches key presses. */
function run(state: UiState, ...actions: UiAction[]): UiState {
  return actions.reduce(uiReducer, state);
}

const taskId = "9f0c2a55-1111-4a4a-9b9b-000000000001";
const otherTaskId = "9f0c2a55-1111-4a4a-9b9b-000000000002";

/** A task's log scrolled up, on stderr, wrapped, with a search open: everything a reset would undo. */
function readingLog(): UiState {
  return run(
    initialUiState,
    { type: "select", pane: "tasks", id: taskId, offset: 0 },
    {
      type: "log",
      change: {
        stream: "stderr",
        follow: false,
        wrap: true,
        anchor: { line: 40, row: 1 },
        search: { query: { text: "Traceback", regex: false }, current: 2 },
      },
    },
  );
}

test("the dashboard opens on the pools pane with every list unfiltered, in its default order, following stdout", () => {
  assert.equal(initialUiState.focused, "pools");
  assert.deepEqual(initialUiState.lists.pools, { offset: 0, filter: "", faultsOnly: false, sort: "id" });
  assert.equal(initialUiState.lists.nodes.sort, "state");
  assert.equal(initialUiState.lists.jobs.sort, "workload");
  assert.equal(initialUiState.lists.tasks.sort, "recent");
  assert.deepEqual(initialUiState.log, { stream: "stdout", follow: true, wrap: false, anchor: textTop });
  assert.deepEqual(initialUiState.input, { kind: "panes" });
  assert.deepEqual(initialUiState.history, []);
  assert.equal(initialUiState.taskNodeId, undefined);
});

test("Tab moves focus and changes nothing else", () => {
  const selected = run(initialUiState, { type: "select", pane: "jobs", id: "adfv2-prod", offset: 3 });
  const focused = uiReducer(selected, { type: "focus", pane: "log" });
  assert.equal(focused.focused, "log");
  assert.deepEqual({ ...focused, focused: selected.focused }, selected);
});

test("selecting a row keeps its id and the list's scroll offset, leaving other lists alone", () => {
  const state = uiReducer(initialUiState, { type: "select", pane: "nodes", id: "tvmps_7", offset: 12 });
  assert.equal(state.lists.nodes.selectedId, "tvmps_7");
  assert.equal(state.lists.nodes.offset, 12);
  assert.deepEqual(state.lists.pools, initialUiState.lists.pools);
  assert.deepEqual(state.lists.tasks, initialUiState.lists.tasks);
  const cleared = uiReducer(state, { type: "select", pane: "nodes", id: undefined, offset: 0 });
  assert.equal(cleared.lists.nodes.selectedId, undefined);
  assert.equal(cleared.lists.nodes.offset, 0);
});

test("selecting another task starts its log afresh: following from the top, no search, stream and wrap kept", () => {
  const state = uiReducer(readingLog(), { type: "select", pane: "tasks", id: otherTaskId, offset: 1 });
  assert.deepEqual(state.log, { stream: "stderr", follow: true, wrap: true, anchor: textTop });
  assert.equal(state.lists.tasks.selectedId, otherTaskId);
});

test("re-selecting the same task (a poll, a scroll) leaves the log where the operator put it", () => {
  const before = readingLog();
  const state = uiReducer(before, { type: "select", pane: "tasks", id: taskId, offset: 5 });
  assert.deepEqual(state.log, before.log);
  assert.equal(state.lists.tasks.offset, 5);
});

test("selecting a row in another list does not touch the log", () => {
  const before = readingLog();
  const state = uiReducer(before, { type: "select", pane: "jobs", id: "adfv2-dev", offset: 0 });
  assert.deepEqual(state.log, before.log);
});

test("Enter on a node selects rows in several lists, shows that node's tasks and remembers where it came from", () => {
  const onNodes = run(
    initialUiState,
    { type: "focus", pane: "nodes" },
    { type: "select", pane: "nodes", id: "tvmps_1", offset: 4 },
  );
  const state = uiReducer(onNodes, {
    type: "drill",
    to: "tasks",
    select: { pools: "adf-prod", nodes: "tvmps_1" },
    taskNode: { id: "tvmps_1" },
  });
  assert.equal(state.focused, "tasks");
  assert.equal(state.taskNodeId, "tvmps_1");
  assert.equal(state.lists.pools.selectedId, "adf-prod");
  assert.equal(state.lists.nodes.selectedId, "tvmps_1");
  assert.equal(state.lists.nodes.offset, 4, "a drill keeps the list's scroll position");
  assert.deepEqual(state.history, [{ focused: "nodes" }]);
});

test("a drill that selects a different task resets its log; the node's tasks stay narrowed until cleared", () => {
  const onNode = run(readingLog(), { type: "drill", to: "tasks", taskNode: { id: "tvmps_1" } });
  const state = uiReducer(onNode, { type: "drill", to: "log", select: { tasks: otherTaskId } });
  assert.equal(state.taskNodeId, "tvmps_1", "Enter on a node's task keeps showing that node's tasks");
  assert.equal(uiReducer(onNode, { type: "drill", to: "tasks", taskNode: "clear" }).taskNodeId, undefined);
  assert.equal(state.lists.tasks.selectedId, otherTaskId);
  assert.equal(state.log.follow, true);
  assert.equal(state.log.stream, "stderr", "the stream the operator chose stays");
  assert.equal(state.log.search, undefined);
  assert.deepEqual(state.history, [{ focused: "pools" }, { focused: "tasks", taskNodeId: "tvmps_1" }]);
});

test("Esc first clears the focused list's filter, then walks back to where Enter came from", () => {
  const drilled = run(
    initialUiState,
    { type: "focus", pane: "nodes" },
    { type: "drill", to: "tasks", select: { nodes: "tvmps_1" }, taskNode: { id: "tvmps_1" } },
    { type: "filter", pane: "tasks", text: "FileUpload" },
  );
  const cleared = uiReducer(drilled, { type: "back" });
  assert.equal(cleared.lists.tasks.filter, "");
  assert.equal(cleared.focused, "tasks", "the first Esc only clears the filter");
  assert.equal(cleared.taskNodeId, "tvmps_1");
  assert.equal(cleared.history.length, 1);

  const back = uiReducer(cleared, { type: "back" });
  assert.equal(back.focused, "nodes");
  assert.equal(back.taskNodeId, undefined);
  assert.deepEqual(back.history, []);
  assert.equal(
    back.lists.nodes.selectedId,
    "tvmps_1",
    "the selection stays on the node Enter was pressed on",
  );
});

test("Esc walks back one drill at a time, restoring each step's node", () => {
  const state = run(
    initialUiState,
    { type: "drill", to: "nodes", select: { pools: "adf-prod" } },
    { type: "drill", to: "tasks", select: { nodes: "tvmps_1" }, taskNode: { id: "tvmps_1" } },
    { type: "drill", to: "log", select: { tasks: taskId } },
  );
  assert.equal(state.focused, "log");
  const toTasks = uiReducer(state, { type: "back" });
  assert.equal(toTasks.focused, "tasks");
  assert.equal(toTasks.taskNodeId, "tvmps_1");
  const toNodes = uiReducer(toTasks, { type: "back" });
  assert.equal(toNodes.focused, "nodes");
  assert.equal(toNodes.taskNodeId, undefined);
  const toPools = uiReducer(toNodes, { type: "back" });
  assert.equal(toPools.focused, "pools");
  assert.deepEqual(toPools.history, []);
});

test("a filter on a list without focus is left alone by Esc", () => {
  const state = run(
    initialUiState,
    { type: "filter", pane: "jobs", text: "adf" },
    { type: "drill", to: "nodes" },
  );
  const back = uiReducer(state, { type: "back" });
  assert.equal(back.focused, "pools");
  assert.equal(back.lists.jobs.filter, "adf");
});

test("Esc with nowhere to go back to and no filter changes nothing", () => {
  assert.equal(uiReducer(initialUiState, { type: "back" }), initialUiState);
  const onLog = uiReducer(initialUiState, { type: "focus", pane: "log" });
  assert.equal(uiReducer(onLog, { type: "back" }), onLog);
});

test("typing a filter sets it on that list only", () => {
  const state = uiReducer(initialUiState, { type: "filter", pane: "nodes", text: "!idle" });
  assert.equal(state.lists.nodes.filter, "!idle");
  assert.equal(state.lists.pools.filter, "");
});

test("the faults-only toggle flips for one list at a time", () => {
  const on = uiReducer(initialUiState, { type: "toggleFaults", pane: "tasks" });
  assert.equal(on.lists.tasks.faultsOnly, true);
  assert.equal(on.lists.nodes.faultsOnly, false);
  const off = uiReducer(on, { type: "toggleFaults", pane: "tasks" });
  assert.equal(off.lists.tasks.faultsOnly, false);
});

test("s steps a list through its orders and wraps back to the default", () => {
  for (const pane of ["pools", "nodes", "jobs", "tasks"] as const) {
    const seen: string[] = [];
    let state = initialUiState;
    for (let step = 0; step <= sortCycles[pane].length; step += 1) {
      seen.push(state.lists[pane].sort);
      state = uiReducer(state, { type: "cycleSort", pane });
    }
    assert.deepEqual(seen, [...sortCycles[pane], sortCycles[pane][0]], pane);
  }
});

test("a sort key jumps straight to its order on that list only", () => {
  const state = uiReducer(initialUiState, { type: "sort", pane: "nodes", sort: "timeInState" });
  assert.equal(state.lists.nodes.sort, "timeInState");
  assert.equal(state.lists.pools.sort, "id");
});

test("a log change merges into the log's settings", () => {
  const paused = uiReducer(initialUiState, {
    type: "log",
    change: { follow: false, anchor: { line: 3, row: 0 } },
  });
  assert.deepEqual(paused.log, { stream: "stdout", follow: false, wrap: false, anchor: { line: 3, row: 0 } });
  const wrapped = uiReducer(paused, { type: "log", change: { wrap: true } });
  assert.deepEqual(wrapped.log, { ...paused.log, wrap: true });
});

test("d opens the details pane at the top, and Esc returns to the list it was pressed in", () => {
  const scrolled = run(
    initialUiState,
    { type: "drill", to: "tasks", taskNode: { id: "tvmps_1" } },
    { type: "details", target: { pane: "pools", id: "adf-prod" } },
    { type: "scrollDetails", anchor: { line: 30, row: 0 } },
  );
  assert.deepEqual(scrolled.detailsAnchor, { line: 30, row: 0 });
  const state = uiReducer(scrolled, { type: "details", target: { pane: "tasks", id: taskId } });
  assert.equal(state.focused, "details");
  assert.deepEqual(state.details, { pane: "tasks", id: taskId });
  assert.deepEqual(state.detailsAnchor, textTop, "another object's details start at the top");

  const fromTasks = run(
    initialUiState,
    { type: "drill", to: "tasks", taskNode: { id: "tvmps_1" } },
    { type: "details", target: { pane: "tasks", id: taskId } },
  );
  const back = uiReducer(fromTasks, { type: "back" });
  assert.equal(back.focused, "tasks");
  assert.equal(back.taskNodeId, "tvmps_1");
});

test("a flash message shows until it is cleared", () => {
  const shown = uiReducer(initialUiState, { type: "flash", flash: { text: "read-only", kind: "error" } });
  assert.deepEqual(shown.flash, { text: "read-only", kind: "error" });
  const cleared = uiReducer(shown, { type: "flash", flash: undefined });
  assert.equal("flash" in cleared, false);
});

test("the keyboard moves between the panes, the command line, a filter, a search and the help", () => {
  const modes = [
    { kind: "command", text: "po", candidates: ["pools"] },
    { kind: "filter", pane: "nodes", text: "unus", before: "" },
    { kind: "search", text: "Traceback" },
    { kind: "help", offset: 2 },
    { kind: "panes" },
  ] as const;
  let state = initialUiState;
  for (const input of modes) {
    state = uiReducer(state, { type: "input", input });
    assert.deepEqual(state.input, input);
    assert.equal(state.focused, "pools", "an input mode does not move focus");
  }
});

test("l on a node shows its start task in the log pane until a task is chosen; Esc returns to the node", () => {
  const onNodes = run(readingLog(), { type: "focus", pane: "nodes" });
  const state = uiReducer(onNodes, { type: "startTaskLog", poolId: "etl-win", nodeId: "tvmps_9" });
  assert.deepEqual(state.startTaskNode, { poolId: "etl-win", nodeId: "tvmps_9" });
  assert.equal(state.focused, "log");
  assert.equal(state.log.stream, "stderr", "the stream the operator chose stays");
  assert.equal(state.log.search, undefined);
  const back = uiReducer(state, { type: "back" });
  assert.equal(back.startTaskNode, undefined);
  assert.equal(back.focused, "nodes");
  const otherTask = uiReducer(state, { type: "select", pane: "tasks", id: otherTaskId, offset: 0 });
  assert.equal(otherTask.startTaskNode, undefined, "choosing a task shows its log again");
  const drilled = uiReducer(state, { type: "drill", to: "log", select: { tasks: taskId } });
  assert.equal(drilled.startTaskNode, undefined, "so does Enter on a task");
  assert.deepEqual(
    uiReducer(drilled, { type: "back" }).startTaskNode,
    { poolId: "etl-win", nodeId: "tvmps_9" },
    "and Esc from there comes back to the start task",
  );
});

test("the doctor's cursor moves within :doctor and scrolls with it; elsewhere it changes nothing", () => {
  const doctor = run(initialUiState, { type: "details", target: { pane: "doctor" } });
  const moved = run(doctor, { type: "selectVerdict", poolId: "etl", anchor: { line: 7, row: 0 } });
  assert.deepEqual(moved.details, { pane: "doctor", selected: "etl" });
  assert.deepEqual(moved.detailsAnchor, { line: 7, row: 0 });
  assert.equal(moved.history.length, doctor.history.length, "not a step Esc undoes");
  const pool = run(initialUiState, { type: "details", target: { pane: "pools", id: "etl" } });
  assert.equal(run(pool, { type: "selectVerdict", poolId: "x", anchor: textTop }), pool);
});

test("the keys' scope: the doctor's where the details pane shows the doctor or a pool, else the focused pane", () => {
  const at = (target: DetailsTarget) => run(initialUiState, { type: "details", target });
  assert.equal(focusScope(at({ pane: "doctor" })), "doctor");
  assert.equal(focusScope(at({ pane: "pools", id: "etl" })), "doctor");
  assert.equal(focusScope(at({ pane: "tasks", id: "t" })), "details");
  assert.equal(focusScope(at({ pane: "text", title: "audit", lines: [] })), "details");
  assert.equal(focusScope({ ...at({ pane: "doctor" }), focused: "pools" }), "pools");
});

test("space marks a node and again unmarks it; a mark in another pool starts that pool's marks afresh", () => {
  const mark = (state: UiState, poolId: string, nodeId: string) =>
    uiReducer(state, { type: "markNode", poolId, nodeId });
  let state = mark(mark(initialUiState, "p", "a"), "p", "b");
  assert.deepEqual(state.nodeMarks, { poolId: "p", nodeIds: ["a", "b"] });
  state = mark(state, "p", "a");
  assert.deepEqual(state.nodeMarks, { poolId: "p", nodeIds: ["b"] });
  assert.deepEqual(mark(state, "q", "c").nodeMarks, { poolId: "q", nodeIds: ["c"] });
  assert.equal(mark(state, "p", "b").nodeMarks, undefined, "the last mark gone, no marks");
  assert.equal(uiReducer(state, { type: "clearNodeMarks" }).nodeMarks, undefined);
});

test("Esc in the nodes pane clears the marks before anything else", () => {
  const marked: UiState = {
    ...initialUiState,
    focused: "nodes",
    lists: { ...initialUiState.lists, nodes: { ...initialUiState.lists.nodes, filter: "tvm" } },
    nodeMarks: { poolId: "p", nodeIds: ["a"] },
  };
  const once = uiReducer(marked, { type: "back" });
  assert.equal(once.nodeMarks, undefined);
  assert.equal(once.lists.nodes.filter, "tvm", "the filter goes with the next Esc");
  assert.equal(uiReducer(once, { type: "back" }).lists.nodes.filter, "");
  const elsewhere = uiReducer({ ...marked, focused: "pools" }, { type: "back" });
  assert.deepEqual(elsewhere.nodeMarks, marked.nodeMarks, "Esc in another pane leaves them");
});
