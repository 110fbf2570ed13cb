import type { TokenCredential } from "@azure/identity";
import { createBatchClient } from "../../azure/batchClient.js";
import { createBatchReader } from "../../azure/batchReader.js";
import type { TransportOptions } from "../../azure/transport.js";
import { createOverviewStore } from "../../store/overviewStore.js";
import { runDashboard } from "../../ui/runDashboard.js";

export interface DashboardTarget {
  endpoint: string;
  accountName: string;
  credential: TokenCredential;
  transport: TransportOptions;
  refreshMs: number;
  /** Refuse every mutating request below the UI (the read-only guard in src/azure). */
  readOnly?: boolean;
}

/** Wires the Batch reader, the polling store and the screen together, and tears them down after. */
export async function showDashboard(target: DashboardTarget): Promise<void> {
  const reader = createBatchReader(
    createBatchClient(target.endpoint, target.credential, target.transport, {
      readOnly: target.readOnly === true,
    }),
  );
  const store = createOverviewStore(reader, target.refreshMs);
  const first = store.start();
  try {
    await runDashboard(store, `${target.accountName} ${target.endpoint}`);
  } finally {
    store.stop();
    await first.catch(() => undefined);
  }
}
