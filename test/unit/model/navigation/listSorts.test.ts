import { test } from "node:test";
import assert from "node:assert/strict";
import {
  defaultSorts,
  isListPane,
  listPanes,
  nextSort,
  sortCycles,
  sortLabels,
} from "../../../../src/model/navigation/listSorts.js";

test("s steps each list through its own orders and wraps back to the first", () => {
  assert.deepEqual(
    [nextSort("pools", "id"), nextSort("pools", "faults"), nextSort("pools", "size")],
    ["faults", "size", "id"],
  );
  assert.deepEqual(
    [
      nextSort("nodes", "state"),
      nextSort("nodes", "timeInState"),
      nextSort("nodes", "id"),
      nextSort("nodes", "runningTasks"),
    ],
    ["timeInState", "id", "runningTasks", "state"],
  );
  assert.deepEqual(
    [nextSort("jobs", "workload"), nextSort("jobs", "id"), nextSort("jobs", "state")],
    ["id", "state", "workload"],
  );
  assert.deepEqual(
    [
      nextSort("tasks", "recent"),
      nextSort("tasks", "failures"),
      nextSort("tasks", "duration"),
      nextSort("tasks", "overrun"),
      nextSort("tasks", "start"),
      nextSort("tasks", "id"),
      nextSort("tasks", "pipeline"),
    ],
    ["failures", "duration", "overrun", "start", "id", "pipeline", "recent"],
  );
});

test("pressing s as many times as a list has orders visits each once and comes back to the default", () => {
  for (const pane of listPanes) {
    const seen = new Set<string>();
    let sort = defaultSorts[pane];
    for (let step = 0; step < sortCycles[pane].length; step += 1) {
      seen.add(sort);
      sort = nextSort(pane, sort);
    }
    assert.equal(sort, defaultSorts[pane], pane);
    assert.deepEqual([...seen].sort(), [...sortCycles[pane]].sort(), pane);
  }
});

test("each list starts in the first order of its cycle", () => {
  for (const pane of listPanes) assert.equal(defaultSorts[pane], sortCycles[pane][0], pane);
});

test("an order another list uses (left over from a different pane) steps to this list's default", () => {
  assert.equal(nextSort("pools", "timeInState"), "id");
  assert.equal(nextSort("nodes", "workload"), "state");
});

test("every order a list can be in has a label for the pane title", () => {
  for (const pane of listPanes) {
    for (const mode of sortCycles[pane]) {
      const label = sortLabels[mode];
      assert.equal(typeof label, "string", `${pane} ${mode}`);
      assert.ok(label.trim().length > 0, `${pane} ${mode}`);
    }
  }
});

test("only the pools, nodes, jobs and tasks panes are lists", () => {
  for (const pane of ["pools", "nodes", "jobs", "tasks"]) assert.equal(isListPane(pane), true, pane);
  for (const pane of ["log", "details", "help", "", "Pools"]) assert.equal(isListPane(pane), false, pane);
});
