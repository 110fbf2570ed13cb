import { test } from "node:test";
import assert from "node:assert/strict";
import { noColorRequested, withoutColor } from "../../../../src/model/theme/noColor.js";
import { buildTheme, resolveStyle } from "../../../../src/model/theme/theme.js";
import { themeTokenNames } from "../../../../src/model/theme/themeTokens.js";

const base = buildTheme(
  "dark",
  {
    description: "the base",
    tokens: {
      ...Object.fromEntries(themeTokenNames.map((token) => [token, { color: "white" }])),
      "status.error": { color: "red", bold: true },
      selection: { color: "black", backgroundColor: "cyan" },
      "hint.key": { inverse: true },
      "log.match": { color: "black", backgroundColor: "yellow", underline: true },
    },
  },
  "unicode",
);

test("a theme that extends another replaces only the tokens it names, each as a whole", () => {
  const theme = buildTheme(
    "mine",
    { extends: "dark", tokens: { "status.error": { color: "magenta" } } },
    "ascii",
    base,
  );
  assert.equal(theme.name, "mine");
  assert.equal(theme.description, "dark with changes");
  assert.equal(theme.glyphs, "ascii");
  // The base's bold is not inherited: the file says exactly how the token looks.
  assert.deepEqual(resolveStyle(theme, "status.error"), { color: "magenta" });
  assert.deepEqual(resolveStyle(theme, "selection"), { color: "black", backgroundColor: "cyan" });
  assert.deepEqual(Object.keys(theme.styles), themeTokenNames);
});

test("NO_COLOR takes every colour out and keeps what marks without colour", () => {
  const plain = withoutColor(base);
  for (const token of themeTokenNames) {
    const style = resolveStyle(plain, token);
    assert.equal(style.color, undefined, token);
    assert.equal(style.backgroundColor, undefined, token);
  }
  assert.deepEqual(resolveStyle(plain, "status.error"), { bold: true });
  // A background marked a region: inverse video keeps the selection and the match visible.
  assert.deepEqual(resolveStyle(plain, "selection"), { inverse: true });
  assert.deepEqual(resolveStyle(plain, "log.match"), { underline: true, inverse: true });
  assert.deepEqual(resolveStyle(plain, "hint.key"), { inverse: true });
  assert.equal(plain.name, "dark");
});

test("NO_COLOR counts when set to anything but the empty string", () => {
  assert.equal(noColorRequested({ NO_COLOR: "1" }), true);
  assert.equal(noColorRequested({ NO_COLOR: "0" }), true);
  assert.equal(noColorRequested({ NO_COLOR: "" }), false);
  assert.equal(noColorRequested({}), false);
});
