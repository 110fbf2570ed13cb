import { test } from "node:test";
import assert from "node:assert/strict";
import { commandIds } from "../../../../src/model/keymap/commands.js";
import { footerHints, helpSections } from "../../../../src/model/keymap/keyHelp.js";
import { createKeymap } from "../../../../src/model/keymap/keymap.js";

const { keymap } = createKeymap({}, { readOnly: false });
const readOnly = createKeymap({}, { readOnly: true }).keymap;

const footerText = (hints: { key: string; hint: string }[]) =>
  hints.map(({ key, hint }) => `${key} ${hint}`).join("  ");

test("the help lists every command once, grouped by category in a fixed order", () => {
  const sections = helpSections(keymap);
  assert.deepEqual(
    sections.map((section) => section.title),
    ["Navigation", "View", "Log tail", "Actions", "App"],
  );
  const listed = sections.flatMap((section) => section.rows.map((row) => row.command));
  assert.deepEqual([...listed].sort(), [...commandIds].sort());
  const navigation = sections[0]?.rows ?? [];
  assert.deepEqual(navigation[1], {
    command: "nav.down",
    keys: ["↓", "j"],
    where: "everywhere",
    description: "move the selection down, or scroll down",
  });
});

test("the help shows the user's keys, and an unbound command with none", () => {
  const { keymap: rebound } = createKeymap({ "app.quit": ["ctrl+q"], "log.save": [] }, { readOnly: false });
  const rows = helpSections(rebound).flatMap((section) => section.rows);
  assert.deepEqual(rows.find((row) => row.command === "app.quit")?.keys, ["Ctrl-Q"]);
  assert.deepEqual(rows.find((row) => row.command === "log.save")?.keys, []);
});

test("in read-only mode the help has no mutating commands", () => {
  const rows = helpSections(readOnly).flatMap((section) => section.rows.map((row) => row.command));
  for (const id of ["pool.rescale", "pool.attachIdentity", "node.reboot", "task.rerun"]) {
    assert.ok(!rows.includes(id as (typeof rows)[number]), id);
  }
  // The actions left are A, whose dialog only evaluates there, and the keys of its dialog.
  const actions = helpSections(readOnly).find((section) => section.category === "actions");
  assert.deepEqual(
    actions?.rows.map((row) => row.command),
    ["pool.autoscale", "dialog.confirm", "dialog.cancel"],
  );
});

test("the footer shows a pane's own keys first, then the global ones", () => {
  assert.equal(
    footerText(footerHints(keymap, "pools")),
    "Enter open  / filter  f faults  s sort  d details  S scale  X stop resize  I identity  C cycle  A autoscale  Esc back  : command  ? help  q quit",
  );
  assert.equal(
    footerText(footerHints(keymap, "log")),
    "e stdout/stderr  f follow  w wrap  / search  Ctrl-S save  Esc back  : command  ? help  q quit",
  );
  assert.equal(footerText(footerHints(keymap, "dialogs")), "Enter choose  Esc cancel");
});

test("in read-only mode the footer has no action keys", () => {
  assert.equal(
    footerText(footerHints(readOnly, "pools")),
    "Enter open  / filter  f faults  s sort  d details  A autoscale  Esc back  : command  ? help  q quit",
  );
  assert.equal(
    footerText(footerHints(readOnly, "nodes")),
    "Enter open  / filter  f faults  s sort  t by age  l start task  d details  Esc back  : command  ? help  q quit",
  );
});

test("the footer follows rebinding: the first bound key, never one shadowed in this pane", () => {
  const { keymap: rebound } = createKeymap(
    { "log.wrap": ["q"], "app.quit": ["q", "ctrl+c"], "mode.command": [] },
    { readOnly: false },
  );
  const log = footerText(footerHints(rebound, "log"));
  assert.match(log, /q wrap/);
  assert.match(log, /Ctrl-C quit/);
  assert.doesNotMatch(log, /command/);
});
