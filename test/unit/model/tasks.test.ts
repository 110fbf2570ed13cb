import { test } from "node:test";
import assert from "node:assert/strict";
import { isTaskFailed } from "../../../src/model/tasks.js";

test("a task that completed with result failure is failed", () => {
  assert.equal(isTaskFailed({ result: "failure" }), true);
});

test("a task with failure information is failed even with exit code 0 (its output upload failed)", () => {
  assert.equal(
    isTaskFailed({
      result: undefined,
      failure: { category: "usererror", code: "FileUploadContainerNotFound", message: "container not found" },
    }),
    true,
  );
});

test("a task that succeeded is not failed, whatever its exit code", () => {
  assert.equal(isTaskFailed({ result: "success" }), false);
});

test("a task still running or queued is not failed", () => {
  assert.equal(isTaskFailed({}), false);
});
