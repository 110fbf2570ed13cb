import { test } from "node:test";
import assert from "node:assert/strict";
import { taskDetailsObject } from "../../../../src/model/views/detailsView.js";
import { taskFailureLine } from "../../../../src/model/views/taskFailureLine.js";
import type { TaskRow } from "../../../../src/model/tasks.js";

const denied: TaskRow = {
  id: "run-1",
  state: "completed",
  result: "failure",
  retryCount: 0,
  requeueCount: 0,
  failure: {
    category: "usererror",
    code: "ResourceContainerAccessDenied",
    message: "Access for one of the specified Azure Blob container(s) is denied",
    details: [
      { name: "ContainerUrl", value: "https://st.blob.core.windows.net/adfjobs" },
      { name: "IdentityReference", value: "/subscriptions/s/id-etl" },
    ],
  },
};

test("a failure line names the code and the service's details rather than its generic message", () => {
  assert.equal(
    taskFailureLine(denied),
    "✗ ResourceContainerAccessDenied · ContainerUrl https://st.blob.core.windows.net/adfjobs · IdentityReference /subscriptions/s/id-etl",
  );
});

test("without details the generic message is all there is; without a code, the exit code", () => {
  assert.equal(
    taskFailureLine({
      result: "failure",
      failure: { category: "usererror", code: "TaskEnded", message: "ended" },
    }),
    "✗ TaskEnded · ended",
  );
  assert.equal(taskFailureLine({ result: "failure", exitCode: 3 }), "✗ exit code 3");
});

test("a task that did not fail has no failure line, whatever its exit code", () => {
  assert.equal(taskFailureLine({ result: "success", exitCode: 1 }), undefined);
  assert.equal(taskFailureLine({}), undefined);
});

test("failure details from Azure cannot reach the terminal as escape sequences", () => {
  const line = taskFailureLine({
    result: "failure",
    failure: {
      category: "usererror",
      code: "X",
      details: [{ name: "Message", value: "a\u001b]52;c;ZXZpbA==\u0007b" }],
    },
  });
  assert.ok(!(line ?? "").includes("\u001b") && !(line ?? "").includes("\u0007"));
});

test("a task's details show the failure details by name, the same object for the same row", () => {
  const shown = taskDetailsObject(denied) as TaskRow & { failure: { details: Record<string, string> } };
  assert.deepEqual(shown.failure.details, {
    ContainerUrl: "https://st.blob.core.windows.net/adfjobs",
    IdentityReference: "/subscriptions/s/id-etl",
  });
  assert.equal(taskDetailsObject(denied), shown, "not rebuilt between polls");
  const repeated: TaskRow = {
    ...denied,
    failure: {
      category: "usererror",
      details: [
        { name: "Message", value: "a" },
        { name: "Message", value: "b" },
      ],
    },
  };
  assert.deepEqual((taskDetailsObject(repeated) as typeof shown).failure.details, { Message: "a; b" });
  const plain: TaskRow = { id: "ok", state: "completed", retryCount: 0, requeueCount: 0 };
  assert.equal(taskDetailsObject(plain), plain);
});
