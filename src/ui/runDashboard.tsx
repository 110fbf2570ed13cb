import { useState } from "react";
import type { Keymap } from "../model/keymap/keymap.js";
import type { Theme } from "../model/theme/theme.js";
import type { DashboardStore } from "../store/dashboardStore.js";
import type { HeaderInfo } from "./chrome/Header.js";
import { CrashError } from "./crashError.js";
import { Dashboard } from "./Dashboard.js";
import type { DashboardServices } from "./services.js";
import { renderScreen } from "./screen/renderScreen.js";
import { enterAlternateScreen } from "./terminal.js";
import { ThemeProvider } from "./theme/ThemeContext.js";

export interface DashboardOptions {
  store: DashboardStore;
  header: HeaderInfo;
  keymap: Keymap;
  theme: Theme;
  services: DashboardServices;
  find?: string;
  /** `--since 30m`: the first screen is `:changes` for that window. */
  since?: number;
  /** Resolves with a line for the header when the data's source fails on its own. */
  notice?: Promise<string>;
}

/** The dashboard under its theme; `:theme` swaps the theme here and everything redraws with it. */
export function ThemedDashboard({ theme: initialTheme, ...props }: DashboardOptions) {
  const [theme, setTheme] = useState(initialTheme);
  return (
    <ThemeProvider theme={theme}>
      <Dashboard {...props} setTheme={setTheme} />
    </ThemeProvider>
  );
}

/** Draws the dashboard until the operator quits (q, Ctrl-C) or the process is told to stop. */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  const restore = enterAlternateScreen(process.stdout);
  // BATCHTOP_FULL_FRAMES=1 lets Ink write every frame whole, as it does alone: the baseline the
  // benchmark compares with, and a way out should a terminal mis-draw the changed cells.
  const { app, dispose } = renderScreen(<ThemedDashboard {...options} />, {
    output: process.stdout,
    fullFrames: process.env.BATCHTOP_FULL_FRAMES === "1",
  });
  const onTerminate = () => app.unmount();
  process.once("SIGTERM", onTerminate);
  try {
    await app.waitUntilExit();
  } catch (error) {
    // A component threw: Ink has already torn the tree down; the CLI reports it as a crash.
    throw new CrashError(error);
  } finally {
    process.off("SIGTERM", onTerminate);
    dispose();
    restore();
  }
}
