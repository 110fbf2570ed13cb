import type { Theme } from "./theme.js";
import type { TokenStyle } from "./tokenStyle.js";

/** NO_COLOR (https://no-color.org): set and not empty means no colour, whatever its value. */
export function noColorRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "";
}

function colorless({ color: _color, backgroundColor, ...attributes }: TokenStyle): TokenStyle {
  // A background marks a region (the selection, a badge, a search match); inverse video marks the
  // same region without colour, so the selection stays visible.
  return backgroundColor ? { ...attributes, inverse: true } : attributes;
}

/** The theme with every colour taken out; bold, underline, dim and inverse stay, as NO_COLOR allows. */
export function withoutColor(theme: Theme): Theme {
  const styles = Object.fromEntries(
    Object.entries(theme.styles).map(([token, style]) => [token, colorless(style)]),
  ) as Theme["styles"];
  return { ...theme, styles };
}
