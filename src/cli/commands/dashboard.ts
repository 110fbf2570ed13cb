import type { TokenCredential } from "@azure/identity";
import { createAzureAdapters, type ArmTarget, type LogsTarget } from "../../azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../secondaryAdapters.js";
import type { DataFactoryTarget } from "../../azure/dataFactoryRuns.js";
import type { SynapseTarget } from "../../azure/synapseRuns.js";
import type { TransportOptions } from "../../azure/transport.js";
import type { Keymap } from "../../model/keymap/keymap.js";
import type { Theme } from "../../model/theme/theme.js";
import { regionOf } from "../../ui/chrome/Header.js";
import { runDashboard } from "../../ui/runDashboard.js";
import { wireDashboard } from "../wireDashboard.js";

export interface DashboardTarget {
  endpoint: string;
  accountName: string;
  credential: TokenCredential;
  transport: TransportOptions;
  refreshMs: number;
  /** Refuse every mutating request below the UI (no writers, and the guard on every pipeline). */
  readOnly: boolean;
  /** Who turned read-only on, for the header ("policy /etc/batchtop/policy.json", "--read-only"). */
  readOnlySource?: string;
  /** The colours and glyphs to draw with, already checked (and stripped of colour for NO_COLOR). */
  theme: Theme;
  /** The user's keys, already checked. */
  keymap: Keymap;
  /** For the header: who the operator is looking at. */
  subscription?: string;
  profile?: string;
  /** `--find <id>`: land on that row once the account has been read. */
  find?: string;
  /** `--since 30m`: open on `:changes` for that window. */
  since?: number;
  /** The linked storage, for the adfjobs fallback of log tails. */
  storageUrl?: string;
  /** Pool management through ARM, when a subscription and resource group are set. */
  arm?: ArmTarget;
  /** Pipeline context from Log Analytics, when a workspace is set. */
  logs?: LogsTarget;
  /** Data Factory's pipeline run API (through ARM), for re-runs from the failed activity. */
  dataFactory?: DataFactoryTarget;
  /** Synapse workspaces' pipeline run API, for re-runs from the failed activity. */
  synapse?: SynapseTarget;
  /** Resolves with a line for the header when the account's source fails on its own (the demo's process). */
  notice?: Promise<string>;
}

/** Wires the Azure adapters, the polling store and the screen together, and tears them down after. */
export async function showDashboard(target: DashboardTarget): Promise<void> {
  // The adapters beyond Batch load once the first screen has its data (or failed to get it).
  let firstData = () => {};
  const afterFirstData = new Promise<void>((resolve) => (firstData = resolve));
  const adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(afterFirstData),
    batchEndpoint: target.endpoint,
    credential: target.credential,
    readOnly: target.readOnly,
    transport: target.transport,
    ...(target.storageUrl ? { storageUrl: target.storageUrl } : {}),
    ...(target.arm ? { arm: target.arm } : {}),
    ...(target.logs ? { logs: target.logs } : {}),
    ...(target.dataFactory ? { dataFactory: target.dataFactory } : {}),
    ...(target.synapse ? { synapse: target.synapse } : {}),
  });
  // Before the store starts polling, so a failure here leaves nothing running.
  const { services, store } = await wireDashboard(adapters, {
    env: process.env,
    account: `${target.accountName} ${target.endpoint}`,
    refreshMs: target.refreshMs,
  });
  const stopWaiting = store.subscribe(() => {
    const { overview } = store.getSnapshot();
    if (overview.fetchedAt === undefined && overview.error === undefined) return;
    stopWaiting();
    // After this turn, in which the screen draws the data.
    setImmediate(firstData);
  });
  // Nothing is selected yet: the overview starts polling at once, the panes add their resources.
  store.setFocus({});
  const region = regionOf(target.endpoint);
  try {
    await runDashboard({
      store,
      header: {
        account: target.accountName,
        ...(region ? { region } : {}),
        ...(target.subscription ? { subscription: target.subscription } : {}),
        ...(target.profile ? { profile: target.profile } : {}),
        ...(target.readOnly ? { readOnlySource: target.readOnlySource ?? "read-only" } : {}),
      },
      keymap: target.keymap,
      theme: target.theme,
      services,
      ...(target.find ? { find: target.find } : {}),
      ...(target.since !== undefined ? { since: target.since } : {}),
      ...(target.notice ? { notice: target.notice } : {}),
    });
  } finally {
    store.stop();
    // A cycle cut short by quitting stays unfinished in the journal; the operator hears it now and
    // at the next start.
    for (const pool of services.cycles?.stop() ?? [])
      process.stderr.write(
        `batchtop: the node cycle of pool ${pool} was not finished; the next start offers to finish or abandon it\n`,
      );
  }
}
