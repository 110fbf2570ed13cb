import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { listThemes, loadTheme } from "../../../../src/cli/config/loadTheme.js";
import { builtInThemesDirectory } from "../../../../src/cli/config/themePaths.js";
import { UsageError } from "../../../../src/cli/usageError.js";
import { checkThemeDocument } from "../../../../src/model/theme/themeDocument.js";
import { themeTokenNames } from "../../../../src/model/theme/themeTokens.js";

const builtIns = ["dark", "high-contrast", "light"];

/** A fresh config home with the given user themes (name → file text), removed after the test. */
async function configHome(t: { after(fn: () => Promise<void>): void }, themes: Record<string, string> = {}) {
  const home = await mkdtemp(join(tmpdir(), "batchtop-themes-"));
  t.after(() => rm(home, { recursive: true, force: true }));
  const directory = join(home, "batchtop", "themes");
  if (Object.keys(themes).length > 0) {
    await mkdir(directory, { recursive: true });
    for (const [name, text] of Object.entries(themes)) await writeFile(join(directory, `${name}.json`), text);
  }
  return { env: { XDG_CONFIG_HOME: home }, directory };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    assert.doesNotMatch(error.message, /\n/, "one line");
    return error.message;
  }
  assert.fail("expected the theme to be refused");
}

test("the themes directory is found from src/ and from dist/, three levels below the package", () => {
  for (const layout of ["src/cli/config/themePaths.ts", "dist/cli/config/themePaths.js"])
    assert.equal(builtInThemesDirectory(`file:///opt/batchtop/${layout}`), "/opt/batchtop/themes/", layout);
  const fromHere = builtInThemesDirectory();
  assert.equal(pathToFileURL(fromHere).href, new URL("../../../../themes/", import.meta.url).href);
  assert.ok(existsSync(join(fromHere, "dark.json")));
});

test("each built-in theme defines every token itself, with a valid value", async () => {
  const files = (await readdir(builtInThemesDirectory())).sort();
  assert.deepEqual(
    files,
    builtIns.map((name) => `${name}.json`),
  );
  for (const file of files) {
    const value = JSON.parse(readFileSync(join(builtInThemesDirectory(), file), "utf8")) as {
      tokens: object;
    };
    const checked = checkThemeDocument(value, []);
    assert.ok(checked.ok, `${file}: ${checked.ok ? "" : `${checked.at.join(".")}: ${checked.problem}`}`);
    assert.deepEqual(Object.keys(value.tokens), themeTokenNames, `${file} lists the tokens in their order`);
  }
});

test("high-contrast has no grey and no dim text", async (t) => {
  const { env } = await configHome(t);
  const theme = await loadTheme("high-contrast", env);
  for (const token of themeTokenNames) {
    const style = theme.styles[token];
    assert.doesNotMatch(`${style.color} ${style.backgroundColor}`, /gr[ae]y|blackBright/, token);
    assert.notEqual(style.dimColor, true, token);
  }
});

test("dark is the built-in default and loads without touching the config directory", async (t) => {
  const { env, directory } = await configHome(t);
  const theme = await loadTheme("dark", env, { platform: "linux" });
  assert.equal(theme.name, "dark");
  assert.match(theme.description, /default/);
  assert.deepEqual(theme.styles["status.error"], { color: "red" });
  assert.equal(theme.glyphs, "unicode");
  assert.equal(existsSync(directory), false, "nothing is written");
});

test("a user theme extends a built-in and overrides some tokens", async (t) => {
  const { env } = await configHome(t, {
    ops: JSON.stringify({
      description: "light, with louder errors",
      extends: "light",
      tokens: { "status.error": { color: "#d70000", bold: true, underline: true } },
    }),
  });
  const light = await loadTheme("light", env);
  const ops = await loadTheme("ops", env);
  assert.equal(ops.name, "ops");
  assert.equal(ops.description, "light, with louder errors");
  assert.deepEqual(ops.styles["status.error"], { color: "#d70000", bold: true, underline: true });
  for (const token of themeTokenNames.filter((name) => name !== "status.error"))
    assert.deepEqual(ops.styles[token], light.styles[token], token);
});

test("a user theme of a built-in's name restyles that built-in", async (t) => {
  const { env } = await configHome(t, {
    dark: JSON.stringify({ extends: "dark", tokens: { "pane.border.focused": "magentaBright" } }),
  });
  const theme = await loadTheme("dark", env);
  assert.deepEqual(theme.styles["pane.border.focused"], { color: "magentaBright" });
  assert.deepEqual(theme.styles["status.error"], { color: "red" }, "the rest comes from the built-in");
});

test("a broken user theme is refused in one line naming the file, the place and the problem", async (t) => {
  const { env } = await configHome(t, {
    typo: '{"extends": "dark", "tokens": {"status.eror": "red"}}',
    colour: '{"extends": "dark", "tokens": {"selection": {"color": "black", "backgroundColor": "cyann"}}}',
    partial: '{"tokens": {"text.primary": "red"}}',
    syntax: '{\n  "extends": "dark",\n  "tokens": {\n    "hint.text": "green",\n  }\n}\n',
    base: '{"extends": "solarized"}',
  });
  const file = (name: string) => `${join(env.XDG_CONFIG_HOME, "batchtop", "themes", name)}.json`;
  assert.equal(
    await refusal(loadTheme("typo", env)),
    `${file("typo")}: tokens["status.eror"]: unknown token; did you mean status.error?`,
  );
  assert.equal(
    await refusal(loadTheme("colour", env)),
    `${file("colour")}: tokens.selection.backgroundColor: unknown colour "cyann"; did you mean cyan?`,
  );
  assert.match(
    await refusal(loadTheme("partial", env)),
    /partial\.json: tokens: missing 57 tokens \(text\.muted, .*\); define them, or add "extends": "dark"/,
  );
  assert.equal(
    await refusal(loadTheme("syntax", env)),
    `${file("syntax")}: invalid JSON at line 4, column 25: trailing comma before '}'`,
  );
  assert.equal(
    await refusal(loadTheme("base", env)),
    `${file("base")}: extends: must name a built-in theme (dark, high-contrast, light), got "solarized"`,
  );
});

test("a user theme under the home directory is named as the user would type it", async (t) => {
  const home = await mkdtemp(join(tmpdir(), "batchtop-home-"));
  t.after(() => rm(home, { recursive: true, force: true }));
  await mkdir(join(home, ".config", "batchtop", "themes"), { recursive: true });
  await writeFile(
    join(home, ".config", "batchtop", "themes", "mine.json"),
    '{"extends": "dark", "tokens": {"x": 1}}',
  );
  assert.equal(
    await refusal(loadTheme("mine", { HOME: home })),
    "~/.config/batchtop/themes/mine.json: tokens.x: unknown token (the README's Themes section lists every token)",
  );
});

test("an unknown theme name lists the built-ins and the user's themes", async (t) => {
  const { env } = await configHome(t, { ops: '{"extends": "dark"}', "night-shift": '{"extends": "dark"}' });
  const directory = join(env.XDG_CONFIG_HOME, "batchtop", "themes");
  assert.equal(
    await refusal(loadTheme("solarized", env, { source: "--theme" })),
    `unknown theme "solarized" (--theme); built-in themes: dark, high-contrast, light; user themes in ${directory}: night-shift, ops`,
  );
  assert.equal(
    await refusal(loadTheme("ligth", env, { source: "env BATCHTOP_THEME" })),
    `unknown theme "ligth" (env BATCHTOP_THEME), did you mean light? built-in themes: dark, high-contrast, light; user themes in ${directory}: night-shift, ops`,
  );
  assert.deepEqual(await listThemes(env), {
    builtIn: builtIns,
    user: ["night-shift", "ops"],
    userDirectory: directory,
  });
  assert.match(await refusal(loadTheme("../dark", env)), /^theme must be a theme name of letters/);
});

test("NO_COLOR strips every colour from the theme but keeps the selection visible", async (t) => {
  const { env } = await configHome(t);
  for (const name of builtIns) {
    const theme = await loadTheme(name, { ...env, NO_COLOR: "1" });
    for (const token of themeTokenNames) {
      assert.equal(theme.styles[token].color, undefined, `${name} ${token}`);
      assert.equal(theme.styles[token].backgroundColor, undefined, `${name} ${token}`);
    }
    assert.equal(theme.styles.selection.inverse, true, `${name}: the selection stays visible`);
    assert.equal(theme.styles["log.match"].inverse, true, `${name}: search matches stay visible`);
  }
});

test("the glyph set follows the terminal", async (t) => {
  const { env } = await configHome(t);
  assert.equal((await loadTheme("dark", { ...env, TERM: "linux" }, { platform: "linux" })).glyphs, "ascii");
  assert.equal((await loadTheme("dark", { ...env, TERM: "xterm" }, { platform: "linux" })).glyphs, "unicode");
});
