import { Chalk, supportsColor, type ChalkInstance } from "chalk";
import { noColorRequested } from "../model/theme/noColor.js";

/**
 * Colours for plain output on stdout. chalk already turns them off for a pipe or file (and on for
 * FORCE_COLOR), but not for NO_COLOR (https://no-color.org), which wins here.
 */
export function stdoutColors(env: Readonly<Record<string, string | undefined>>): ChalkInstance {
  return new Chalk({ level: noColorRequested(env) || !supportsColor ? 0 : supportsColor.level });
}
