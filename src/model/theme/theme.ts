import type { GlyphSet } from "./glyphSupport.js";
import type { ThemeDocument } from "./themeDocument.js";
import type { TokenStyle } from "./tokenStyle.js";
import { themeTokenNames, type ThemeToken } from "./themeTokens.js";

/** A theme ready to draw with: a style for every token, and the glyphs this terminal can show. */
export interface Theme {
  name: string;
  description: string;
  styles: Readonly<Record<ThemeToken, TokenStyle>>;
  glyphs: GlyphSet;
}

/**
 * A theme from its checked file. A theme that extends another starts from the base's styles; each
 * token it names replaces the base's style for that token whole, so `"status.error": "magenta"` does
 * not inherit the base's bold.
 */
export function buildTheme(name: string, document: ThemeDocument, glyphs: GlyphSet, base?: Theme): Theme {
  const styles = Object.fromEntries(
    themeTokenNames.map((token) => [token, document.tokens[token] ?? base?.styles[token] ?? {}]),
  ) as Record<ThemeToken, TokenStyle>;
  return {
    name,
    description: document.description ?? (base ? `${base.name} with changes` : name),
    styles,
    glyphs,
  };
}

/** The `<Text>` props for a token: `<Text {...resolveStyle(theme, "status.error")}>`. */
export function resolveStyle(theme: Theme, token: ThemeToken): TokenStyle {
  return theme.styles[token];
}
