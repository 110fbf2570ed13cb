import { test } from "node:test";
import assert from "node:assert/strict";
import { commandIds, commands, keyScopes } from "../../../../src/model/keymap/commands.js";
import { createKeymap } from "../../../../src/model/keymap/keymap.js";
import { parseKeyName } from "../../../../src/model/keymap/keyNames.js";

const defaults = createKeymap({}, { readOnly: false });
const { keymap } = defaults;

test("the default table is well formed: canonical keys, no conflicts, every command described", () => {
  assert.deepEqual(defaults.problems, []);
  for (const id of commandIds) {
    const { keys, scopes, description } = commands[id];
    assert.ok(keys.length > 0, `${id} has a default key`);
    for (const key of keys) assert.equal(parseKeyName(key), key, `${id}: ${key} is canonical`);
    assert.ok(scopes.length > 0 && scopes.every((scope) => keyScopes.includes(scope)), id);
    assert.match(description, /^[a-z].*[^.]$/, `${id}: one lower-case line`);
  }
});

test("global keys work in every pane", () => {
  for (const scope of ["pools", "nodes", "jobs", "tasks", "log", "details"] as const) {
    assert.deepEqual(keymap.resolve("j", scope), { kind: "command", command: "nav.down" }, scope);
    assert.deepEqual(keymap.resolve("G", scope), { kind: "command", command: "nav.bottom" }, scope);
    assert.deepEqual(keymap.resolve(":", scope), { kind: "command", command: "mode.command" }, scope);
    assert.deepEqual(keymap.resolve("q", scope), { kind: "command", command: "app.quit" }, scope);
  }
});

test("over every pane (the help screen) only the global keys resolve", () => {
  assert.deepEqual(keymap.resolve("j", "global"), { kind: "command", command: "nav.down" });
  assert.deepEqual(keymap.resolve("esc", "global"), { kind: "command", command: "nav.back" });
  assert.deepEqual(keymap.resolve("f", "global"), { kind: "unbound" });
});

test("a pane's own keys come before the global ones, and mean different things in different panes", () => {
  assert.deepEqual(keymap.resolve("f", "tasks"), { kind: "command", command: "view.faultsOnly" });
  assert.deepEqual(keymap.resolve("f", "log"), { kind: "command", command: "log.follow" });
  assert.deepEqual(keymap.resolve("/", "pools"), { kind: "command", command: "mode.filter" });
  assert.deepEqual(keymap.resolve("/", "log"), { kind: "command", command: "log.search" });
  assert.deepEqual(keymap.resolve("enter", "jobs"), { kind: "command", command: "nav.drillDown" });
  assert.deepEqual(keymap.resolve("t", "nodes"), { kind: "command", command: "nodes.sortByTimeInState" });
  assert.deepEqual(keymap.resolve("t", "pools"), { kind: "unbound" });
  assert.deepEqual(keymap.resolve("S", "pools"), { kind: "command", command: "pool.rescale" });
  assert.deepEqual(keymap.resolve("S", "tasks"), { kind: "unbound" });
});

test("a dialog takes only its own keys", () => {
  assert.deepEqual(keymap.resolve("enter", "dialogs"), { kind: "command", command: "dialog.confirm" });
  assert.deepEqual(keymap.resolve("esc", "dialogs"), { kind: "command", command: "dialog.cancel" });
  assert.deepEqual(keymap.resolve("tab", "dialogs"), { kind: "command", command: "focus.next" });
  assert.deepEqual(keymap.resolve("q", "dialogs"), { kind: "unbound" });
  assert.deepEqual(keymap.resolve(":", "dialogs"), { kind: "unbound" });
});

test("nothing pressed, or a key nothing is bound to, is unbound", () => {
  assert.deepEqual(keymap.resolve(undefined, "pools"), { kind: "unbound" });
  assert.deepEqual(keymap.resolve("z", "pools"), { kind: "unbound" });
});

test("a rebinding replaces the command's default keys", () => {
  const { keymap: rebound, problems } = createKeymap(
    { "pool.rescale": ["Ctrl+R"], "app.refresh": ["ctrl+l", "Z"] },
    { readOnly: false },
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(rebound.resolve("ctrl+r", "pools"), { kind: "command", command: "pool.rescale" });
  assert.deepEqual(rebound.resolve("S", "pools"), { kind: "unbound" });
  assert.deepEqual(rebound.keysOf("app.refresh"), ["ctrl+l", "Z"]);
  assert.deepEqual(rebound.resolve("r", "pools"), { kind: "unbound" });
});

test("an empty list unbinds a command", () => {
  const { keymap: rebound, problems } = createKeymap({ "log.save": [] }, { readOnly: false });
  assert.deepEqual(problems, []);
  assert.deepEqual(rebound.keysOf("log.save"), []);
  assert.deepEqual(rebound.resolve("ctrl+s", "log"), { kind: "unbound" });
});

test("a misspelt command name is reported with the command it most likely meant", () => {
  const { problems } = createKeymap({ "pool.rescal": ["R"], "nav.pageup": ["u"] }, { readOnly: false });
  assert.deepEqual(
    problems.map((problem) => problem.message),
    [
      "pool.rescal: unknown command; did you mean pool.rescale?",
      "nav.pageup: unknown command; did you mean nav.pageUp?",
    ],
  );
});

test("an unknown command far from any name lists its group, or points to the README", () => {
  const { problems } = createKeymap({ "pool.delete": ["D"], "frob.nicate": ["x"] }, { readOnly: false });
  assert.deepEqual(
    problems.map((problem) => problem.message),
    [
      "pool.delete: unknown command; the pool commands are pool.rescale, pool.stopResize, pool.attachIdentity, pool.cycleNodes, pool.autoscale",
      "frob.nicate: unknown command; the README's key table lists every command",
    ],
  );
});

test("a key no terminal sends is reported, and the command keeps its other keys", () => {
  const { keymap: rebound, problems } = createKeymap({ "app.help": ["ctrl+1", "h"] }, { readOnly: false });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.command, "app.help");
  assert.match(problems[0]?.message ?? "", /^app\.help: "ctrl\+1" is not a key; write keys like "R"/);
  assert.deepEqual(rebound.keysOf("app.help"), ["h"]);
});

test("two commands on one key in the same pane are a conflict naming both and the key", () => {
  const { keymap: rebound, problems } = createKeymap({ "pool.rescale": ["s"] }, { readOnly: false });
  assert.deepEqual(problems, [
    {
      command: "view.sort",
      message: `view.sort: "s" is already pool.rescale's key in the pools pane; bind one of them to another key`,
    },
  ]);
  // The user's binding keeps the key; the default it collided with loses it only where they collide.
  assert.deepEqual(rebound.resolve("s", "pools"), { kind: "command", command: "pool.rescale" });
  assert.deepEqual(rebound.resolve("s", "nodes"), { kind: "command", command: "view.sort" });
});

test("two global commands on one key conflict everywhere", () => {
  const { problems } = createKeymap({ "app.help": ["q"] }, { readOnly: false });
  assert.deepEqual(
    problems.map((problem) => problem.message),
    [`app.quit: "q" is already app.help's key in every pane; bind one of them to another key`],
  );
});

test("a pane's key shadowing a global key is not a conflict", () => {
  const { keymap: rebound, problems } = createKeymap({ "log.wrap": ["q"] }, { readOnly: false });
  assert.deepEqual(problems, []);
  assert.deepEqual(rebound.resolve("q", "log"), { kind: "command", command: "log.wrap" });
  assert.deepEqual(rebound.resolve("q", "pools"), { kind: "command", command: "app.quit" });
});

test("in read-only mode the mutating commands are not offered, and their keys are refused", () => {
  const { keymap: readOnly, problems } = createKeymap({ "task.rerun": ["ctrl+r"] }, { readOnly: true });
  assert.deepEqual(problems, []);
  const mutating = commandIds.filter((id) => commands[id].mutates);
  assert.deepEqual(mutating, [
    "pool.rescale",
    "pool.stopResize",
    "pool.attachIdentity",
    "pool.cycleNodes",
    "node.reboot",
    "node.disableScheduling",
    "node.enableScheduling",
    "node.remove",
    "node.reimage",
    "task.rerun",
    "task.terminate",
    "identity.remove",
  ]);
  for (const id of mutating) {
    assert.equal(readOnly.offers(id), false, id);
    assert.deepEqual(readOnly.keysOf(id), [], id);
  }
  assert.deepEqual(readOnly.resolve("S", "pools"), {
    kind: "refused",
    command: "pool.rescale",
    reason: "read-only",
  });
  assert.deepEqual(readOnly.resolve("ctrl+r", "tasks"), {
    kind: "refused",
    command: "task.rerun",
    reason: "read-only",
  });
  assert.deepEqual(readOnly.resolve("j", "pools"), { kind: "command", command: "nav.down" });
});
