import { test } from "node:test";
import assert from "node:assert/strict";
import chalk, { foregroundColorNames } from "chalk";
import { checkColor, colorNames } from "../../../../src/model/theme/colorValues.js";

test("every colour name works in Ink as a foreground and as a background", () => {
  // Ink looks a name up on chalk, and for a background on chalk's bg-prefixed twin.
  for (const name of colorNames) {
    assert.ok((foregroundColorNames as readonly string[]).includes(name), name);
    const background = `bg${name[0]!.toUpperCase()}${name.slice(1)}`;
    assert.equal(typeof (chalk as unknown as Record<string, unknown>)[background], "function", background);
  }
});

test("a colour is a name, six-digit hex, or default (the terminal's own)", () => {
  assert.deepEqual(checkColor("cyanBright"), { ok: true, value: "cyanBright" });
  assert.deepEqual(checkColor("#a0B1c2"), { ok: true, value: "#a0B1c2" });
  assert.deepEqual(checkColor("default"), { ok: true, value: undefined });
  for (const bad of ["#abc", "bold", "ansi256(12)", "", null])
    assert.equal(checkColor(bad).ok, false, String(bad));
});
