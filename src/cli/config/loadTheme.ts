import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { closestName } from "../../model/editDistance.js";
import { glyphSetFor } from "../../model/theme/glyphSupport.js";
import { noColorRequested, withoutColor } from "../../model/theme/noColor.js";
import { buildTheme, type Theme } from "../../model/theme/theme.js";
import type { Checked } from "../../model/theme/checked.js";
import { checkThemeDocument, type ThemeDocument } from "../../model/theme/themeDocument.js";
import { UsageError } from "../usageError.js";
import { displayPath, userThemesDirectory } from "./configPaths.js";
import { fileProblem } from "./fileProblem.js";
import { readJsonFile } from "./readJsonFile.js";
import type { EffectiveSettings } from "./resolveSettings.js";
import { describeSource } from "./settingSource.js";
import { builtInThemesDirectory } from "./themePaths.js";
import { simpleName } from "./valueParsers.js";

type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadThemeOptions {
  /** Where the name came from ("--theme", "env BATCHTOP_THEME"), for the unknown-theme message. */
  source?: string;
  /** Decides the glyph set with the environment; the running platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
}

/** The themes a name can pick: the package's built-ins and the user's own. */
export interface ThemeNames {
  builtIn: string[];
  user: string[];
  /** Where the user's themes are, as the user would type it. */
  userDirectory: string;
}

const themeName = simpleName("theme");

async function themeNamesIn(directory: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    // No themes directory is the usual case for a user: it means no themes of their own.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith(".json"))
    .map((entry) => entry.slice(0, -".json".length))
    .filter((name) => themeName.fromText(name).ok)
    .sort();
}

/** Every theme `--theme` can name. Reads directories only. */
export async function listThemes(env: Environment): Promise<ThemeNames> {
  const [builtIn, user] = await Promise.all([
    themeNamesIn(builtInThemesDirectory()),
    themeNamesIn(userThemesDirectory(env)),
  ]);
  return { builtIn, user, userDirectory: displayPath(userThemesDirectory(env), env) };
}

function unknownTheme(name: string, names: ThemeNames, source: string | undefined): UsageError {
  const close = closestName(name, [...names.user, ...names.builtIn]);
  const user = names.user.length > 0 ? names.user.join(", ") : "none";
  return new UsageError(
    `unknown theme "${name}"${source ? ` (${source})` : ""}${close ? `, did you mean ${close}?` : ";"} ` +
      `built-in themes: ${names.builtIn.join(", ")}; user themes in ${names.userDirectory}: ${user}`,
  );
}

/** A theme file as read: where it is, as messages show it, and its checked contents. */
interface ThemeFile {
  shownAs: string;
  document: Checked<ThemeDocument>;
}

/** Reads and checks one theme file; `undefined` when there is no such file. */
async function readTheme(
  path: string,
  extendable: readonly string[],
  env: Environment,
): Promise<ThemeFile | undefined> {
  const shownAs = displayPath(path, env);
  const file = await readJsonFile(path, shownAs);
  return file && { shownAs, document: checkThemeDocument(file.value, extendable) };
}

function validDocument({ shownAs, document }: ThemeFile): ThemeDocument {
  if (!document.ok) throw fileProblem(shownAs, document.problem, document.at);
  return document.value;
}

/**
 * The theme called `name`, ready to draw with: the user's `<name>.json` from
 * `$XDG_CONFIG_HOME/batchtop/themes/` if there is one (so a user can restyle a built-in under its own
 * name), else the built-in. NO_COLOR takes the colours out. Any problem is a one-line UsageError
 * naming the file, the place in it and what is wrong. Reads files only; writes none.
 */
export async function loadTheme(
  name: string,
  env: Environment,
  options: LoadThemeOptions = {},
): Promise<Theme> {
  const checkedName = themeName.fromText(name);
  if (!checkedName.ok) throw new UsageError(`theme ${checkedName.problem}`);
  const builtInDirectory = builtInThemesDirectory();
  const builtIn = await themeNamesIn(builtInDirectory);
  const glyphs = glyphSetFor(env, options.platform ?? process.platform);

  const loadBuiltIn = async (builtInName: string): Promise<Theme> => {
    const path = join(builtInDirectory, `${builtInName}.json`);
    const found = await readTheme(path, [], env);
    // Listed a moment ago: a file gone now means a broken installation, not a user mistake.
    if (!found) throw new Error(`${path} is missing; reinstall batchtop`);
    return buildTheme(builtInName, validDocument(found), glyphs);
  };

  const user = await readTheme(join(userThemesDirectory(env), `${name}.json`), builtIn, env);
  let theme: Theme | undefined;
  if (user) {
    const document = validDocument(user);
    const base = document.extends === undefined ? undefined : await loadBuiltIn(document.extends);
    theme = buildTheme(name, document, glyphs, base);
  } else if (builtIn.includes(name)) {
    theme = await loadBuiltIn(name);
  }
  if (!theme) throw unknownTheme(name, await listThemes(env), options.source);
  return noColorRequested(env) ? withoutColor(theme) : theme;
}

/** The theme the settings name (`--theme`, BATCHTOP_THEME, the profile, or the default). */
export function loadThemeSetting(settings: EffectiveSettings, env: Environment): Promise<Theme> {
  const source = settings.sources.theme;
  return loadTheme(settings.values.theme, env, source ? { source: describeSource(source) } : {});
}
