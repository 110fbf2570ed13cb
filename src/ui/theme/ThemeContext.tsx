import { createContext, useContext, type ReactNode } from "react";
import type { Theme } from "../../model/theme/theme.js";

const ThemeContext = createContext<Theme | undefined>(undefined);

/** Gives every component below it the theme; switching themes is rendering it with another one. */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

/** The current theme. Components take colours from it (through tokens), never from literals. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  // A silent fallback would hide a screen drawn without the user's theme (and without NO_COLOR).
  if (!theme) throw new Error("useTheme() needs a <ThemeProvider> above it");
  return theme;
}
