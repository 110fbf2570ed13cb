import { createKeymap, type Keymap } from "../../model/keymap/keymap.js";
import { UsageError } from "../usageError.js";
import type { EffectiveSettings } from "./resolveSettings.js";
import { describeSource } from "./settingSource.js";

/**
 * The user's keymap: the defaults with the profile's `keys` laid over them. A binding that names no
 * command, no key, or a key two commands claim stops start-up with one line, before sign-in, rather
 * than leaving a dashboard with a key that silently does the wrong thing.
 */
export function keymapSetting(settings: EffectiveSettings): Keymap {
  const { keymap, problems } = createKeymap(settings.values.keys, { readOnly: settings.values.readOnly });
  const [first] = problems;
  if (first) {
    const source = settings.sources.keys;
    throw new UsageError(`keys${source ? ` (${describeSource(source)})` : ""}: ${first.message}`);
  }
  return keymap;
}
