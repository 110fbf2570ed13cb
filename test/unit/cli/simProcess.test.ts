import { test } from "node:test";
import assert from "node:assert/strict";
import { describeExit, lastWords } from "../../../src/cli/simProcess.js";

test("the demo account's last words: the error, not a stack frame or Node's version line", () => {
  const uncaught = [
    "file:///app/dist/sim/world.js:12",
    "    throw new Error('boom');",
    "    ^",
    "",
    "Error: boom",
    "    at step (file:///app/dist/sim/world.js:12:11)",
    "",
    "Node.js v20.20.2",
    "",
  ].join("\n");
  assert.equal(lastWords(uncaught), "Error: boom");
  assert.equal(
    lastWords("batchtop: listen EADDRINUSE: address already in use 127.0.0.1:8443\n"),
    "batchtop: listen EADDRINUSE: address already in use 127.0.0.1:8443",
  );
  assert.equal(lastWords(""), "");
});

test("how it ended: the exit code or the signal, and its last words when it had any", () => {
  assert.equal(describeExit(1, null, "Error: boom"), "(exit 1): Error: boom");
  assert.equal(describeExit(null, "SIGKILL", ""), "(killed by SIGKILL)");
});
