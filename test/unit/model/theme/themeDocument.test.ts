import { test } from "node:test";
import assert from "node:assert/strict";
import { checkThemeDocument } from "../../../../src/model/theme/themeDocument.js";
import { themeTokenNames } from "../../../../src/model/theme/themeTokens.js";

const builtIns = ["dark", "high-contrast", "light"];

/** The problem and where it is, as `tokens["status.error"].color: ...` would name it. */
function problemOf(
  value: unknown,
  extendable: readonly string[] = builtIns,
): { at: unknown[]; problem: string } {
  const checked = checkThemeDocument(value, extendable);
  assert.ok(!checked.ok, "expected the theme to be refused");
  return { at: checked.at, problem: checked.problem };
}

const everyToken = () => Object.fromEntries(themeTokenNames.map((token) => [token, "white"]));

test("a token is a colour, or an object of Ink's Text styling props", () => {
  const checked = checkThemeDocument(
    {
      $schema: "https://example.invalid/theme.schema.json",
      description: "mine",
      extends: "dark",
      tokens: {
        "status.error": "#FF5F5F",
        selection: { color: "black", backgroundColor: "cyanBright", bold: true, inverse: false },
        "text.primary": "default",
        "text.muted": { dimColor: true, color: "default" },
      },
    },
    builtIns,
  );
  assert.ok(checked.ok);
  assert.deepEqual(checked.value, {
    description: "mine",
    extends: "dark",
    tokens: {
      "status.error": { color: "#FF5F5F" },
      selection: { color: "black", backgroundColor: "cyanBright", bold: true },
      "text.primary": {},
      "text.muted": { dimColor: true },
    },
  });
});

test("a theme that extends nothing must define every token", () => {
  assert.ok(checkThemeDocument({ tokens: everyToken() }, builtIns).ok);
  const tokens = everyToken();
  delete tokens["node.preempted"];
  assert.deepEqual(problemOf({ tokens }), {
    at: ["tokens"],
    problem:
      'missing 1 token (node.preempted); define them, or add "extends": "dark" to start from a built-in theme',
  });
  assert.match(
    problemOf({ tokens: { "text.primary": "red" } }).problem,
    /^missing 57 tokens \(text\.muted, .*, …\)/,
  );
  assert.deepEqual(problemOf({}), {
    at: ["tokens"],
    problem: 'missing; define every token, or add "extends": "dark" and only the changes',
  });
});

test("an unknown token is refused with the token it most likely meant", () => {
  assert.deepEqual(problemOf({ extends: "dark", tokens: { "status.eror": "red" } }), {
    at: ["tokens", "status.eror"],
    problem: "unknown token; did you mean status.error?",
  });
  assert.equal(
    problemOf({ extends: "dark", tokens: { "pane.boarder.focused": "red" } }).problem,
    "unknown token; did you mean pane.border.focused?",
  );
  assert.deepEqual(problemOf({ extends: "dark", tokens: { background: "red" } }), {
    at: ["tokens", "background"],
    problem: "unknown token (the README's Themes section lists every token)",
  });
});

test("a bad colour says what a colour may be, suggesting the name it resembles", () => {
  for (const [value, at, problem] of [
    ["gren", ["tokens", "status.info"], 'unknown colour "gren"; did you mean green?'],
    ["Red", ["tokens", "status.info"], 'unknown colour "Red"; did you mean red?'],
    ["#12345", ["tokens", "status.info"], 'must be a hex colour of six digits such as #ff8700, got "#12345"'],
    [
      "rgb(1,2,3)",
      ["tokens", "status.info"],
      'must be a colour name (black, red, green, …, whiteBright), #rrggbb or "default", got "rgb(1,2,3)"',
    ],
    [
      42,
      ["tokens", "status.info"],
      "must be a colour or an object of color, backgroundColor, bold, dimColor, underline, inverse, got a number",
    ],
    [
      { backgroundColor: "bleu" },
      ["tokens", "status.info", "backgroundColor"],
      'unknown colour "bleu"; did you mean blue?',
    ],
  ] as const) {
    assert.deepEqual(
      problemOf({ extends: "dark", tokens: { "status.info": value } }),
      { at, problem },
      String(value),
    );
  }
});

test("a bad style key or flag names the key", () => {
  assert.deepEqual(problemOf({ extends: "dark", tokens: { "status.info": { colour: "green" } } }), {
    at: ["tokens", "status.info", "colour"],
    problem: "unknown style key; did you mean color?",
  });
  assert.deepEqual(problemOf({ extends: "dark", tokens: { "status.info": { italic: true } } }), {
    at: ["tokens", "status.info", "italic"],
    problem: "unknown style key; known: color, backgroundColor, bold, dimColor, underline, inverse",
  });
  assert.deepEqual(problemOf({ extends: "dark", tokens: { "status.info": { bold: "yes" } } }), {
    at: ["tokens", "status.info", "bold"],
    problem: "must be true or false, got a string",
  });
});

test("the file's own keys, description and extends are checked", () => {
  assert.deepEqual(problemOf({ extend: "dark", tokens: {} }), {
    at: ["extend"],
    problem: "unknown key; did you mean extends?",
  });
  assert.deepEqual(problemOf([]), { at: [], problem: 'must be a JSON object with "tokens", got an array' });
  assert.deepEqual(problemOf({ extends: "drak" }), {
    at: ["extends"],
    problem: 'unknown built-in theme "drak"; did you mean dark?',
  });
  assert.deepEqual(problemOf({ extends: "solarized" }), {
    at: ["extends"],
    problem: 'must name a built-in theme (dark, high-contrast, light), got "solarized"',
  });
  assert.deepEqual(problemOf({ extends: "dark", tokens: [] }), {
    at: ["tokens"],
    problem: "must be an object of token name → colour or style, got an array",
  });
  assert.deepEqual(problemOf({ description: 1, extends: "dark" }), {
    at: ["description"],
    problem: "must be a string, got a number",
  });
  // A built-in is checked with nothing to extend: it stands alone.
  assert.deepEqual(problemOf({ extends: "dark" }, []), {
    at: ["extends"],
    problem: "is not allowed here: a built-in theme defines every token",
  });
});

test("a theme that extends may leave out tokens altogether", () => {
  const checked = checkThemeDocument({ extends: "light" }, builtIns);
  assert.ok(checked.ok);
  assert.deepEqual(checked.value, { extends: "light", tokens: {} });
});

test("a theme written for tokens that were retired still loads; their styles are skipped", () => {
  const checked = checkThemeDocument(
    { extends: "dark", tokens: { "row.changed": "yellow", "status.ok": "green", "status.error": "red" } },
    builtIns,
  );
  assert.ok(checked.ok, checked.ok ? "" : checked.problem);
  assert.deepEqual(Object.keys(checked.value.tokens ?? {}), ["status.error"]);
});
