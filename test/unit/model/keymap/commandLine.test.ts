import { test } from "node:test";
import assert from "node:assert/strict";
import { completeCommandLine, parseCommandLine } from "../../../../src/model/keymap/commandLine.js";

const context = { themes: ["dark", "light", "high-contrast"] };
const parse = (text: string) => parseCommandLine(text, context);
const complete = (text: string) => completeCommandLine(text, context);

test("view commands switch views, with or without the colon, in any case", () => {
  for (const view of ["pools", "nodes", "jobs", "tasks", "logs", "runs", "doctor", "audit"]) {
    assert.deepEqual(parse(view), { kind: "view", view });
  }
  assert.deepEqual(parse(":Nodes "), { kind: "view", view: "nodes" });
});

test(":q and :quit quit; an empty line does nothing", () => {
  assert.deepEqual(parse("q"), { kind: "quit" });
  assert.deepEqual(parse(":quit"), { kind: "quit" });
  assert.deepEqual(parse("   "), { kind: "empty" });
  assert.deepEqual(parse(":"), { kind: "empty" });
});

test(":theme takes a known theme name, matched without regard to case", () => {
  assert.deepEqual(parse("theme light"), { kind: "theme", name: "light" });
  assert.deepEqual(parse("theme High-Contrast"), { kind: "theme", name: "high-contrast" });
  assert.deepEqual(parse("theme ligth"), {
    kind: "error",
    message: "unknown theme ligth; did you mean light?",
  });
  assert.deepEqual(parse("theme neon"), {
    kind: "error",
    message: "unknown theme neon; try dark, light, high-contrast",
  });
  assert.deepEqual(parse("theme"), {
    kind: "error",
    message: ":theme needs one theme name: dark, light, high-contrast",
  });
});

test(":find keeps the id as typed", () => {
  assert.deepEqual(parse(":find 6B1E4F0A-93C2-4E1D-8F57-2A9C3D4E5F60"), {
    kind: "find",
    id: "6B1E4F0A-93C2-4E1D-8F57-2A9C3D4E5F60",
  });
  assert.deepEqual(parse("find"), {
    kind: "error",
    message: ":find needs an id: an activity run id, or a task, job, pool or node id",
  });
  assert.deepEqual(parse("find a b"), { kind: "error", message: ":find takes one id" });
});

test("unknown commands and stray arguments are one-line errors", () => {
  assert.deepEqual(parse("frob"), {
    kind: "error",
    message:
      "unknown command :frob; try :pools, :nodes, :jobs, :tasks, :logs, :runs, :doctor, :audit, :timeline, :changes, :theme, :find, :quit",
  });
  assert.deepEqual(parse("node"), { kind: "error", message: "unknown command :node; did you mean :nodes?" });
  assert.deepEqual(parse("pools extra"), { kind: "error", message: ":pools takes no argument" });
});

test(":changes takes an optional duration; :runs all takes words to filter by", () => {
  assert.deepEqual(parse("changes"), { kind: "changes", sinceMs: 30 * 60_000 });
  assert.deepEqual(parse(":changes 2h"), { kind: "changes", sinceMs: 2 * 3_600_000 });
  assert.deepEqual(parse("changes soon"), {
    kind: "error",
    message: ":changes takes one duration, such as 30m, 2h or 1d",
  });
  assert.deepEqual(parse("runs all"), { kind: "accountRuns", filter: [] });
  assert.deepEqual(parse("runs ALL Failed WebActivity"), {
    kind: "accountRuns",
    filter: ["Failed", "WebActivity"],
  });
  assert.deepEqual(parse("runs"), { kind: "view", view: "runs" });
  assert.deepEqual(parse("runs mine"), {
    kind: "error",
    message: ":runs takes nothing, or all and words to filter by",
  });
});

test("Tab completes a unique command name, adding the space before an argument", () => {
  assert.deepEqual(complete("po"), { line: "pools", candidates: ["pools"] });
  assert.deepEqual(complete(":do"), { line: ":doctor", candidates: ["doctor"] });
  assert.deepEqual(complete("th"), { line: "theme ", candidates: ["theme"] });
  assert.deepEqual(complete("fi"), { line: "find ", candidates: ["find"] });
  assert.deepEqual(complete("q"), { line: "quit", candidates: ["quit"] });
});

test("Tab with several candidates extends to their longest common prefix", () => {
  assert.deepEqual(complete("t"), { line: "t", candidates: ["tasks", "timeline", "theme"] });
  assert.deepEqual(complete("r"), { line: "runs", candidates: ["runs"] });
  assert.deepEqual(complete("a"), { line: "audit", candidates: ["audit"] });
  assert.equal(complete("").candidates.length, 13);
  assert.deepEqual(complete("zz"), { line: "zz", candidates: [] });
});

test("Tab after :theme completes the theme names given", () => {
  assert.deepEqual(complete("theme "), { line: "theme ", candidates: ["dark", "light", "high-contrast"] });
  assert.deepEqual(complete(":theme h"), { line: ":theme high-contrast", candidates: ["high-contrast"] });
  const twoDark = completeCommandLine("theme d", { themes: ["dark", "dark-dimmed"] });
  assert.deepEqual(twoDark, { line: "theme dark", candidates: ["dark", "dark-dimmed"] });
});

test("Tab completes nothing after commands whose argument batchtop cannot guess", () => {
  assert.deepEqual(complete("find 6b1e"), { line: "find 6b1e", candidates: [] });
});

test(":doctor takes the selected pool, or all for every pool; nothing else", () => {
  assert.deepEqual(parse(":doctor all"), { kind: "view", view: "doctor", all: true });
  assert.deepEqual(parse("Doctor ALL"), { kind: "view", view: "doctor", all: true });
  assert.deepEqual(parse(":doctor etl"), { kind: "error", message: ":doctor takes nothing, or all" });
});
