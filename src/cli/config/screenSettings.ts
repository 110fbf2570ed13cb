import type { Keymap } from "../../model/keymap/keymap.js";
import type { Theme } from "../../model/theme/theme.js";
import { keymapSetting } from "./keymapSetting.js";
import { loadThemeSetting } from "./loadTheme.js";
import type { EffectiveSettings } from "./resolveSettings.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** What the screen draws with, checked: the theme file and the user's key bindings. */
export interface ScreenSettings {
  theme: Theme;
  keymap: Keymap;
}

/**
 * The checks that need more than a setting's own text (the theme must exist and parse, key bindings
 * must name real commands without clashing). Every command that reads settings for the screen, and
 * `config show`, runs them here, so none accepts what another refuses. Reads files only.
 */
export async function loadScreenSettings(
  settings: EffectiveSettings,
  env: Environment,
): Promise<ScreenSettings> {
  const theme = await loadThemeSetting(settings, env);
  return { theme, keymap: keymapSetting(settings) };
}
