import { test } from "node:test";
import assert from "node:assert/strict";
import stringWidth from "string-width";
import { jobStates } from "../../../../src/model/jobs.js";
import { nodeStates } from "../../../../src/model/nodes.js";
import { allocationStates } from "../../../../src/model/pools.js";
import {
  allocationStateLook,
  allocationStateLooks,
  jobStateLook,
  jobStateLooks,
  nodeStateLook,
  nodeStateLooks,
  stateSymbol,
  taskStateLook,
  taskStateLooks,
  type StateLook,
} from "../../../../src/model/theme/stateGlyphs.js";
import { isThemeToken } from "../../../../src/model/theme/themeTokens.js";

const tables: [string, Readonly<Record<string, StateLook>>][] = [
  ["node", nodeStateLooks],
  ["task", taskStateLooks],
  ["job", jobStateLooks],
  ["allocation", allocationStateLooks],
];

test("every state the data plane reports has a look", () => {
  assert.deepEqual(Object.keys(nodeStateLooks).sort(), [...nodeStates].sort());
  assert.deepEqual(Object.keys(jobStateLooks).sort(), [...jobStates].sort());
  assert.deepEqual(Object.keys(allocationStateLooks).sort(), [...allocationStates].sort());
  for (const state of nodeStates) assert.equal(nodeStateLook(state), nodeStateLooks[state]);
});

test("within a table, no two states share a symbol, an ASCII stand-in or a word", () => {
  for (const [name, table] of tables) {
    const looks = Object.values(table);
    for (const part of ["symbol", "ascii", "word"] as const)
      assert.equal(new Set(looks.map((look) => look[part])).size, looks.length, `${name} ${part}s`);
  }
});

test("symbols are one column wide, stand-ins one printable ASCII character, tokens real", () => {
  for (const [name, table] of tables) {
    for (const [state, look] of Object.entries(table)) {
      assert.equal(stringWidth(look.symbol), 1, `${name} ${state}: ${look.symbol}`);
      assert.match(look.ascii, /^[!-~]$/, `${name} ${state}`);
      assert.ok(look.word.length > 0 && look.word.length <= 22, `${name} ${state}`);
      assert.ok(isThemeToken(look.token), `${name} ${state}: ${look.token}`);
    }
  }
  assert.equal(stateSymbol(nodeStateLooks.unusable, "unicode"), "✗");
  assert.equal(stateSymbol(nodeStateLooks.unusable, "ascii"), "x");
});

test("a completed task shows how it ended, judged as the service judges failure", () => {
  assert.equal(taskStateLook({ state: "running" }), taskStateLooks.running);
  assert.equal(taskStateLook({ state: "completed", result: "success" }), taskStateLooks.succeeded);
  assert.equal(taskStateLook({ state: "completed", result: "failure" }), taskStateLooks.failed);
  // An output-file upload failure: exit code 0, yet failed.
  assert.equal(
    taskStateLook({ state: "completed", result: "success", failure: { category: "usererror" } }),
    taskStateLooks.failed,
  );
});

test("a state batchtop does not know still shows its own word, made safe to draw", () => {
  assert.deepEqual(nodeStateLook("upgradingos"), {
    token: "node.unknown",
    symbol: "?",
    ascii: "?",
    word: "upgradingos",
  });
  assert.equal(nodeStateLook("evil\u001b]52;c;aGk=\u0007").word, "evil");
  assert.equal(nodeStateLook("toString").token, "node.unknown", "no prototype keys");
  assert.equal(jobStateLook("archived").token, "text.muted");
  assert.equal(allocationStateLook("paused").word, "paused");
});
