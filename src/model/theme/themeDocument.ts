import { closestName } from "../editDistance.js";
import { describeJson, isPlainObject } from "../jsonValues.js";
import { accept, reject, type Checked } from "./checked.js";
import { checkTokenStyle, type TokenStyle } from "./tokenStyle.js";
import { isThemeToken, themeTokenNames, type ThemeToken } from "./themeTokens.js";

/**
 * The built-in theme batchtop draws with unless told otherwise, and the one to extend by default.
 * It lives here, not in theme.ts, because theme.ts builds a Theme from a ThemeDocument and the two
 * would otherwise import each other.
 */
export const defaultThemeName = "dark";

/** A theme file, checked: `{"description": ..., "extends": "dark", "tokens": {"status.error": "red"}}`. */
export interface ThemeDocument {
  description?: string;
  /** The built-in theme this one starts from; then only the tokens it changes are needed. */
  extends?: string;
  tokens: Partial<Record<ThemeToken, TokenStyle>>;
}

// "$schema" lets an editor offer completion; batchtop itself ignores it.
const documentKeys = ["$schema", "description", "extends", "tokens"];
// A missing-token list longer than this would not fit the one line an error gets.
const missingShown = 5;

function checkExtends(value: unknown, extendable: readonly string[]): Checked<string> {
  if (extendable.length === 0) return reject("is not allowed here: a built-in theme defines every token");
  if (typeof value === "string" && extendable.includes(value)) return accept(value);
  const close = typeof value === "string" ? closestName(value, extendable) : undefined;
  return reject(
    close
      ? `unknown built-in theme ${JSON.stringify(value)}; did you mean ${close}?`
      : `must name a built-in theme (${extendable.join(", ")}), got ${typeof value === "string" ? JSON.stringify(value) : describeJson(value)}`,
  );
}

/**
 * Tokens earlier versions defined and nothing ever drew. A theme written for them still loads: its
 * styles for them are skipped, not refused, so an upgrade never stops a working dashboard.
 */
const retiredTokens: ReadonlySet<string> = new Set(["row.changed", "status.ok", "heatmap.cursor"]);

function checkTokens(value: unknown): Checked<Partial<Record<ThemeToken, TokenStyle>>> {
  if (!isPlainObject(value))
    return reject(`must be an object of token name → colour or style, got ${describeJson(value)}`);
  const tokens: Partial<Record<ThemeToken, TokenStyle>> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (retiredTokens.has(name)) continue;
    if (!isThemeToken(name)) {
      const close = closestName(name, themeTokenNames);
      return reject(
        close
          ? `unknown token; did you mean ${close}?`
          : "unknown token (the README's Themes section lists every token)",
        [name],
      );
    }
    const style = checkTokenStyle(raw);
    if (!style.ok) return reject(style.problem, [name, ...style.at]);
    tokens[name] = style.value;
  }
  return accept(tokens);
}

/**
 * Checks a parsed theme file. `extendable` names the themes it may extend (the built-ins; none for a
 * built-in itself). A theme that extends nothing must define every token, so a new token added to
 * batchtop is never silently missing from a user's complete theme.
 */
export function checkThemeDocument(value: unknown, extendable: readonly string[]): Checked<ThemeDocument> {
  if (!isPlainObject(value)) return reject(`must be a JSON object with "tokens", got ${describeJson(value)}`);
  for (const key of Object.keys(value)) {
    if (!documentKeys.includes(key)) {
      const close = closestName(key, documentKeys);
      return reject(
        close ? `unknown key; did you mean ${close}?` : `unknown key; known: ${documentKeys.join(", ")}`,
        [key],
      );
    }
  }
  const document: ThemeDocument = { tokens: {} };
  if (value.description !== undefined) {
    if (typeof value.description !== "string")
      return reject(`must be a string, got ${describeJson(value.description)}`, ["description"]);
    document.description = value.description;
  }
  if (value.extends !== undefined) {
    const base = checkExtends(value.extends, extendable);
    if (!base.ok) return reject(base.problem, ["extends"]);
    document.extends = base.value;
  }
  if (value.tokens === undefined && document.extends === undefined)
    return reject(
      `missing; define every token, or add "extends": "${defaultThemeName}" and only the changes`,
      ["tokens"],
    );
  if (value.tokens !== undefined) {
    const tokens = checkTokens(value.tokens);
    if (!tokens.ok) return reject(tokens.problem, ["tokens", ...tokens.at]);
    document.tokens = tokens.value;
  }
  if (document.extends === undefined) {
    const missing = themeTokenNames.filter((name) => !document.tokens[name]);
    if (missing.length > 0) {
      const shown = missing.slice(0, missingShown).join(", ") + (missing.length > missingShown ? ", …" : "");
      return reject(
        `missing ${missing.length} token${missing.length === 1 ? "" : "s"} (${shown}); define them, or add "extends": "${defaultThemeName}" to start from a built-in theme`,
        ["tokens"],
      );
    }
  }
  return accept(document);
}
