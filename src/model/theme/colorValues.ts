import { closestName } from "../editDistance.js";
import { describeJson } from "../jsonValues.js";
import { accept, reject, type Checked } from "./checked.js";

/**
 * The colour names Ink and chalk both understand, foreground and background. A name draws in the
 * user's own terminal palette, which is why most built-in colours are names and not hex.
 */
export const colorNames = [
  "black",
  "red",
  "green",
  "yellow",
  "blue",
  "magenta",
  "cyan",
  "white",
  "gray",
  "grey",
  "blackBright",
  "redBright",
  "greenBright",
  "yellowBright",
  "blueBright",
  "magentaBright",
  "cyanBright",
  "whiteBright",
] as const;

/** The terminal's own foreground or background: no colour set at all. */
export const defaultColor = "default";

const hexColor = /^#[0-9a-fA-F]{6}$/;
const allowed = `a colour name (${colorNames.slice(0, 3).join(", ")}, …, whiteBright), #rrggbb or "${defaultColor}"`;

/** A colour in a theme file; `undefined` stands for "default". */
export function checkColor(value: unknown): Checked<string | undefined> {
  if (typeof value !== "string") return reject(`must be ${allowed}, got ${describeJson(value)}`);
  if (value === defaultColor) return accept(undefined);
  if (hexColor.test(value) || (colorNames as readonly string[]).includes(value)) return accept(value);
  if (value.startsWith("#"))
    return reject(`must be a hex colour of six digits such as #ff8700, got ${JSON.stringify(value)}`);
  const close = closestName(value, colorNames);
  return reject(
    close
      ? `unknown colour ${JSON.stringify(value)}; did you mean ${close}?`
      : `must be ${allowed}, got ${JSON.stringify(value)}`,
  );
}
