import { closestName } from "../editDistance.js";
import { describeJson, isPlainObject } from "../jsonValues.js";
import { accept, reject, type Checked } from "./checked.js";
import { checkColor } from "./colorValues.js";

/**
 * How one token looks: exactly the styling props of Ink's `<Text>`, so a component spreads it as is.
 * An empty style is the terminal's own text.
 */
export interface TokenStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

const colorKeys = ["color", "backgroundColor"] as const;
const flagKeys = ["bold", "dimColor", "underline", "inverse"] as const;
export const styleKeys: readonly string[] = [...colorKeys, ...flagKeys];

const isColorKey = (key: string): key is (typeof colorKeys)[number] =>
  (colorKeys as readonly string[]).includes(key);
const isFlagKey = (key: string): key is (typeof flagKeys)[number] =>
  (flagKeys as readonly string[]).includes(key);

/** A token's value in a theme file: a colour alone (`"red"`), or an object of style keys. */
export function checkTokenStyle(value: unknown): Checked<TokenStyle> {
  if (typeof value === "string") {
    const color = checkColor(value);
    if (!color.ok) return color;
    return accept(color.value === undefined ? {} : { color: color.value });
  }
  if (!isPlainObject(value))
    return reject(`must be a colour or an object of ${styleKeys.join(", ")}, got ${describeJson(value)}`);
  const style: TokenStyle = {};
  for (const [key, raw] of Object.entries(value)) {
    if (isColorKey(key)) {
      const color = checkColor(raw);
      if (!color.ok) return reject(color.problem, [key]);
      if (color.value !== undefined) style[key] = color.value;
    } else if (isFlagKey(key)) {
      if (typeof raw !== "boolean") return reject(`must be true or false, got ${describeJson(raw)}`, [key]);
      // false is the same as leaving the key out; keeping only true keeps styles comparable.
      if (raw) style[key] = true;
    } else {
      const close = closestName(key, styleKeys);
      return reject(
        close
          ? `unknown style key; did you mean ${close}?`
          : `unknown style key; known: ${styleKeys.join(", ")}`,
        [key],
      );
    }
  }
  return accept(style);
}
