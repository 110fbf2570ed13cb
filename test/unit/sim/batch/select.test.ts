import { test } from "node:test";
import assert from "node:assert/strict";
import { taskProperties } from "../../../../src/sim/batch/odata/entityProperties.js";
import { compileSelect } from "../../../../src/sim/batch/odata/select.js";
import { completedTask } from "../../../helpers/batchEntities.js";

const task = completedTask("job", "t1", 3, "2024-05-01T10:00:00Z");

test("$select keeps the named properties in the entity's order, nested objects whole", () => {
  const project = compileSelect("executionInfo, id ,state", taskProperties);
  const selected = project(task);
  assert.deepEqual(Object.keys(selected), ["id", "state", "executionInfo"]);
  assert.deepEqual(selected, { id: "t1", state: "completed", executionInfo: task.executionInfo });
});

test("$select leaves out properties the entity does not have", () => {
  assert.deepEqual(compileSelect("id,nodeInfo", taskProperties)(task), { id: "t1" });
});

test("$select refuses unknown, nested and empty names", () => {
  assert.throws(() => compileSelect("id,colour", taskProperties), /'colour' is not a property/);
  assert.throws(
    () => compileSelect("executionInfo/exitCode", taskProperties),
    /'executionInfo\/exitCode' is not a property/,
  );
  assert.throws(() => compileSelect("id,,state", taskProperties), /empty property name/);
});

test("$select does not change the entity it reads", () => {
  const before = JSON.stringify(task);
  compileSelect("id", taskProperties)(task);
  assert.equal(JSON.stringify(task), before);
});
