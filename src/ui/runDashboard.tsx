import { render } from "ink";
import type { Theme } from "../model/theme/theme.js";
import type { DashboardStore } from "../store/dashboardStore.js";
import { OverviewScreen, type HeaderInfo } from "./OverviewScreen.js";
import { CrashError } from "./crashError.js";
import { enterAlternateScreen } from "./terminal.js";
import { ThemeProvider } from "./theme/ThemeContext.js";

/** Draws the dashboard until the operator quits (q, Ctrl-C) or the process is told to stop. */
export async function runDashboard(store: DashboardStore, header: HeaderInfo, theme: Theme): Promise<void> {
  const restore = enterAlternateScreen(process.stdout);
  const app = render(
    <ThemeProvider theme={theme}>
      <OverviewScreen store={store} header={header} />
    </ThemeProvider>,
    { maxFps: 30 },
  );
  const onTerminate = () => app.unmount();
  process.once("SIGTERM", onTerminate);
  try {
    await app.waitUntilExit();
  } catch (error) {
    // A component threw: Ink has already torn the tree down; the CLI reports it as a crash.
    throw new CrashError(error);
  } finally {
    process.off("SIGTERM", onTerminate);
    restore();
  }
}
