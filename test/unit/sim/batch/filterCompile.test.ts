import { test } from "node:test";
import assert from "node:assert/strict";
import { compileFilter } from "../../../../src/sim/batch/odata/filterCompile.js";
import { nodeFilter, taskFilter } from "../../../../src/sim/batch/odata/filterSchemas.js";
import { instantKey } from "../../../../src/sim/batch/odata/instant.js";
import { completedTask, makeNode, makeTask } from "../../../helpers/batchEntities.js";

const tasks = [
  makeTask("job", "task-1"),
  completedTask("job", "task-2", 0, "2024-05-01T10:00:00.1234567Z"),
  completedTask("job", "task-3", 2, "2024-05-01T10:00:00.1234568Z"),
  makeTask("job", "Other-4", { state: "running", stateTransitionTime: "2024-05-01T09:45:00Z" }),
];

function ids(filter: string): string[] {
  const keep = compileFilter(filter, taskFilter);
  return tasks.filter(keep).map((task) => task.id);
}

test("state filters compare enum values case-insensitively", () => {
  assert.deepEqual(ids("state eq 'completed'"), ["task-2", "task-3"]);
  assert.deepEqual(ids("state eq 'Completed'"), ["task-2", "task-3"]);
  assert.deepEqual(ids("state ne 'completed'"), ["task-1", "Other-4"]);
});

test("stateTransitionTime compares with all seven fractional digits", () => {
  assert.deepEqual(ids("stateTransitionTime gt DateTime'2024-05-01T10:00:00.1234567Z'"), ["task-3"]);
  assert.deepEqual(ids("stateTransitionTime ge DateTime'2024-05-01T10:00:00.1234567Z'"), [
    "task-2",
    "task-3",
  ]);
  assert.deepEqual(ids("stateTransitionTime lt datetime'2024-05-01T09:45:00Z'"), ["task-1"]);
  assert.deepEqual(ids("stateTransitionTime le DateTime'2024-05-01T11:45:00+02:00'"), ["task-1", "Other-4"]);
});

test("executionInfo/exitCode reads the nested value; a missing exit code is null", () => {
  assert.deepEqual(ids("executionInfo/exitCode ne 0"), ["task-1", "task-3", "Other-4"]);
  assert.deepEqual(ids("executionInfo/exitCode gt 0"), ["task-3"]);
  assert.deepEqual(ids("executionInfo/exitCode eq null"), ["task-1", "Other-4"]);
  assert.deepEqual(ids("executionInfo/exitCode ne null and executionInfo/exitCode le 0"), ["task-2"]);
});

test("executionInfo/result, and/or precedence, parentheses and startswith combine", () => {
  assert.deepEqual(ids("executionInfo/result eq 'failure'"), ["task-3"]);
  assert.deepEqual(ids("state eq 'running' or state eq 'completed' and executionInfo/exitCode eq 0"), [
    "task-2",
    "Other-4",
  ]);
  assert.deepEqual(ids("(state eq 'running' or state eq 'completed') and executionInfo/exitCode eq 0"), [
    "task-2",
  ]);
  assert.deepEqual(ids("startswith(id, 'TASK-')"), ["task-1", "task-2", "task-3"]);
  assert.deepEqual(ids("id eq 'other-4'"), ["Other-4"]);
});

test("unsupported properties, operators, values and literal types are refused with a reason", () => {
  const cases: [string, RegExp][] = [
    ["commandLine eq 'x'", /'commandLine' cannot be used in a filter here/],
    ["state gt 'active'", /operator 'gt' is not supported for 'state'/],
    ["state eq 'deleted'", /'deleted' is not a valid value for 'state'/],
    ["executionInfo/exitCode eq '1'", /does not match the type/],
    ["stateTransitionTime gt '2024-01-01'", /does not match the type/],
    ["stateTransitionTime gt DateTime'yesterday'", /not a valid ISO 8601/],
    ["executionInfo/exitCode gt null", /null can only be compared with eq or ne/],
    ["constructor eq 'x'", /cannot be used in a filter here/],
  ];
  for (const [filter, reason] of cases)
    assert.throws(() => compileFilter(filter, taskFilter), reason, filter);
});

test("node filters cover state, stateTransitionTime and startTaskInfo", () => {
  const nodes = [
    makeNode("p", "n1", {
      state: "idle",
      startTaskInfo: {
        state: "completed",
        startTime: "2024-05-01T09:06:00Z",
        exitCode: 0,
        retryCount: 0,
        result: "success",
      },
    }),
    makeNode("p", "n2", { state: "starttaskfailed", stateTransitionTime: "2024-05-01T09:30:00Z" }),
  ];
  const keep = (filter: string) => nodes.filter(compileFilter(filter, nodeFilter)).map((node) => node.id);
  assert.deepEqual(keep("state eq 'startTaskFailed'"), ["n2"]);
  assert.deepEqual(keep("stateTransitionTime gt DateTime'2024-05-01T09:15:00Z'"), ["n2"]);
  assert.deepEqual(keep("startTaskInfo/exitCode eq 0"), ["n1"]);
  assert.throws(() => compileFilter("startTaskInfo/state ne 'running'", nodeFilter), /operator 'ne'/);
});

test("instant keys order like the instants and keep sub-millisecond digits", () => {
  assert.equal(instantKey("2024-05-01T10:00:00Z"), "2024-05-01T10:00:00.0000000");
  assert.equal(instantKey("2024-05-01T12:00:00.5+02:00"), "2024-05-01T10:00:00.5000000");
  assert.equal(instantKey("2024-05-01T10:00"), "2024-05-01T10:00:00.0000000");
  assert.equal(instantKey("not a time"), undefined);
  assert.ok(instantKey("2024-05-01T10:00:00.0000001Z")! > instantKey("2024-05-01T10:00:00Z")!);
});

test("one compiled filter selects the matching tasks among 100,000", () => {
  const many = Array.from({ length: 100_000 }, (_, index) =>
    index % 10 === 0
      ? completedTask(
          "job",
          `t${index}`,
          index % 20 === 0 ? 0 : 1,
          `2024-05-01T10:${String(index % 60).padStart(2, "0")}:00.1234567Z`,
        )
      : makeTask("job", `t${index}`),
  );
  const keep = compileFilter(
    "state eq 'completed' and stateTransitionTime gt DateTime'2024-05-01T10:30:00Z' and executionInfo/exitCode ne 0",
    taskFilter,
  );
  const matched = many.filter(keep).length;
  // Completed tasks are every 10th; every 20th exits 0; stamps after 10:30:00 are minutes 30 to 59.
  const expected = Array.from({ length: 100_000 }, (_, index) => index).filter(
    (index) => index % 10 === 0 && index % 20 !== 0 && index % 60 >= 30,
  ).length;
  assert.equal(matched, expected);
});
