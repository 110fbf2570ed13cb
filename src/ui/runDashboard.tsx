import { render } from "ink";
import type { DashboardStore } from "../store/dashboardStore.js";
import { OverviewScreen, type HeaderInfo } from "./OverviewScreen.js";
import { enterAlternateScreen } from "./terminal.js";

/** Draws the dashboard until the operator quits (q, Ctrl-C) or the process is told to stop. */
export async function runDashboard(store: DashboardStore, header: HeaderInfo): Promise<void> {
  const restore = enterAlternateScreen(process.stdout);
  const app = render(<OverviewScreen store={store} header={header} />, { maxFps: 30 });
  const onTerminate = () => app.unmount();
  process.once("SIGTERM", onTerminate);
  try {
    await app.waitUntilExit();
  } finally {
    process.off("SIGTERM", onTerminate);
    restore();
  }
}
