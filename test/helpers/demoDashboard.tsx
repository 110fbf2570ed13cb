import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTheme } from "../../src/cli/config/loadTheme.js";
import { wireDashboard } from "../../src/cli/wireDashboard.js";
import { createKeymap } from "../../src/model/keymap/keymap.js";
import type { SimulatorOptions } from "../../src/sim/simulator.js";
import type { DashboardStore } from "../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../src/ui/runDashboard.js";
import { renderTerminal, type Terminal } from "./renderTerminal.js";
import type { SimAccount } from "./simAdapters.js";
import { startManagedSimAccount } from "./simManagement.js";

/** The real dashboard on the demo account, as `batchtop demo` wires it, in a fake terminal. */
export interface DemoDashboard {
  account: SimAccount;
  terminal: Terminal;
  store: DashboardStore;
  /** $XDG_STATE_HOME: the audit journal is `<directory>/batchtop/audit.jsonl`. */
  directory: string;
  stop(): Promise<void>;
}

export interface DemoDashboardOptions extends SimulatorOptions {
  readOnly: boolean;
  /** Runs before the screen opens: the account's clock moved on, a drill applied. */
  prepare?: (account: SimAccount) => void | Promise<void>;
  columns?: number;
  rows?: number;
}

/**
 * Starts the demo account with every adapter (Batch, ARM, Log Analytics, Data Factory, Synapse)
 * and renders the dashboard over `wireDashboard`, the function `showDashboard` uses: what a test
 * presses is what an operator's keys reach.
 */
export async function startDemoDashboard(options: DemoDashboardOptions): Promise<DemoDashboard> {
  const { readOnly, prepare, columns = 160, rows = 48, ...simulator } = options;
  const account = await startManagedSimAccount({ ...simulator, readOnly });
  await prepare?.(account);
  const directory = await mkdtemp(join(tmpdir(), "batchtop-demo-ui-"));
  const theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  const { store, services } = await wireDashboard(account.adapters, {
    env: { XDG_STATE_HOME: directory, XDG_CONFIG_HOME: "/nonexistent" },
    account: "demo",
    refreshMs: 1000,
    // The demo's clock is frozen in tests (they move it): the store's windows and ages follow it, as
    // on Azure the service's clock and this machine's agree.
    now: () => account.sim.world.now().getTime(),
  });
  store.setFocus({});
  const terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "demo" }}
      keymap={createKeymap({}, { readOnly }).keymap}
      theme={theme}
      services={services}
    />,
    columns,
    rows,
  );
  return {
    account,
    terminal,
    store,
    directory,
    async stop() {
      store.stop();
      terminal.unmount();
      await account.sim.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
