import { test } from "node:test";
import assert from "node:assert/strict";
import { jobStates } from "../../../../src/model/jobs.js";
import { nodeStates } from "../../../../src/model/nodes.js";
import { cellStyleToken } from "../../../../src/model/theme/cellStyleToken.js";
import {
  allocationStateLooks,
  jobStateLooks,
  nodeStateLooks,
  taskStateLooks,
} from "../../../../src/model/theme/stateGlyphs.js";
import { isThemeToken } from "../../../../src/model/theme/themeTokens.js";

test("every node state is drawn in the colour its legend uses", () => {
  for (const state of nodeStates) {
    assert.equal(cellStyleToken({ kind: "nodeState", state }), nodeStateLooks[state].token, state);
  }
  assert.equal(cellStyleToken({ kind: "nodeState", state: "starttaskfailed" }), "node.startTaskFailed");
});

test("every allocation, job and task state is drawn in its own colour", () => {
  for (const [state, look] of Object.entries(allocationStateLooks)) {
    assert.equal(cellStyleToken({ kind: "allocationState", state }), look.token, state);
  }
  for (const state of jobStates) {
    assert.equal(cellStyleToken({ kind: "jobState", state }), jobStateLooks[state].token, state);
  }
  for (const [state, look] of Object.entries(taskStateLooks)) {
    assert.equal(cellStyleToken({ kind: "taskState", state }), look.token, state);
  }
  assert.equal(cellStyleToken({ kind: "allocationState", state: "resizing" }), "pool.resizing");
  assert.equal(cellStyleToken({ kind: "jobState", state: "deleting" }), "job.terminating");
  assert.equal(cellStyleToken({ kind: "taskState", state: "failed" }), "task.failed");
});

test("a node state batchtop does not know is drawn as an unknown node", () => {
  assert.equal(cellStyleToken({ kind: "nodeState", state: "upgradingos" }), "node.unknown");
  assert.equal(cellStyleToken({ kind: "nodeState", state: "Running" }), "node.unknown");
  // A name every object inherits is still not a state.
  assert.equal(cellStyleToken({ kind: "nodeState", state: "constructor" }), "node.unknown");
});

test("an unknown allocation, job or task state is drawn muted", () => {
  assert.equal(cellStyleToken({ kind: "allocationState", state: "paused" }), "text.muted");
  assert.equal(cellStyleToken({ kind: "jobState", state: "archived" }), "text.muted");
  // A task reads as succeeded or failed, never as the raw "completed".
  assert.equal(cellStyleToken({ kind: "taskState", state: "completed" }), "text.muted");
  assert.equal(cellStyleToken({ kind: "taskState", state: "toString" }), "text.muted");
});

test("a theme token passes through; any other name is drawn as ordinary text", () => {
  assert.equal(cellStyleToken({ kind: "token", token: "status.error" }), "status.error");
  assert.equal(cellStyleToken({ kind: "token", token: "badge.adf" }), "badge.adf");
  assert.equal(cellStyleToken({ kind: "token", token: "status.eror" }), "text.primary");
  assert.equal(cellStyleToken({ kind: "token", token: "hasOwnProperty" }), "text.primary");
});

test("whatever the style, the answer is a token a theme defines", () => {
  const styles = [
    { kind: "nodeState", state: "nope" },
    { kind: "allocationState", state: "nope" },
    { kind: "jobState", state: "nope" },
    { kind: "taskState", state: "nope" },
    { kind: "token", token: "nope" },
  ] as const;
  for (const style of styles) assert.ok(isThemeToken(cellStyleToken(style)), style.kind);
});
