import { render } from "ink";
import type { OverviewStore } from "../store/overviewStore.js";
import { OverviewScreen } from "./OverviewScreen.js";
import { enterAlternateScreen } from "./terminal.js";

/** Draws the dashboard until the operator quits (q, Ctrl-C) or the process is told to stop. */
export async function runDashboard(store: OverviewStore, accountLabel: string): Promise<void> {
  const restore = enterAlternateScreen(process.stdout);
  const app = render(<OverviewScreen store={store} accountLabel={accountLabel} />, { maxFps: 30 });
  const onTerminate = () => app.unmount();
  process.once("SIGTERM", onTerminate);
  try {
    await app.waitUntilExit();
  } finally {
    process.off("SIGTERM", onTerminate);
    restore();
  }
}
