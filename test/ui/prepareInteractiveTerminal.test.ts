import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareInteractiveTerminal } from "../../src/ui/terminal.js";

test("on a terminal the CI variables that would stop Ink drawing are dropped", () => {
  const env: NodeJS.ProcessEnv = { CI: "true", CONTINUOUS_INTEGRATION: "1", HOME: "/home/op" };
  prepareInteractiveTerminal({ isTTY: true }, env);
  assert.deepEqual(env, { HOME: "/home/op" });
});

test("without a terminal the environment is left alone", () => {
  const env: NodeJS.ProcessEnv = { CI: "true" };
  prepareInteractiveTerminal({ isTTY: false }, env);
  assert.deepEqual(env, { CI: "true" });
});
