type Environment = Readonly<Record<string, string | undefined>>;

/** Which state symbols a terminal can show: `●` and `✗`, or their ASCII stand-ins. */
export type GlyphSet = "unicode" | "ascii";

// Terminals on Windows that draw Unicode; the legacy console host does not.
function windowsTerminalDrawsUnicode(env: Environment): boolean {
  return (
    Boolean(env.WT_SESSION) ||
    env.TERM_PROGRAM === "vscode" ||
    env.TERMINAL_EMULATOR === "JetBrains-JediTerm" ||
    /^(xterm|alacritty|rxvt-unicode)/.test(env.TERM ?? "")
  );
}

/**
 * ASCII when the terminal cannot be trusted with Unicode: the Linux virtual console (whose font has
 * few of these glyphs), a locale that names another character set (`LANG=C`, `en_US.ISO-8859-1`),
 * and the Windows console host. Otherwise Unicode.
 */
export function glyphSetFor(env: Environment, platform: NodeJS.Platform): GlyphSet {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (locale && !/utf-?8/i.test(locale)) return "ascii";
  if (platform === "win32") return windowsTerminalDrawsUnicode(env) ? "unicode" : "ascii";
  return env.TERM === "linux" ? "ascii" : "unicode";
}
