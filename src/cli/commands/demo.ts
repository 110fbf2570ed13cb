import { loadSettings } from "../config/loadSettings.js";
import { loadScreenSettings } from "../config/screenSettings.js";
import { demoSettingNames, parseSettingArgs } from "../config/settingFlags.js";
import { describeSource } from "../config/settingSource.js";
import { findFlag } from "../findFlag.js";
import { sinceFlag } from "../sinceFlag.js";
import { readSimFlags, simFlagConfig } from "../simFlags.js";
import { startSimProcess } from "../simProcess.js";
import { UsageError } from "../usageError.js";

/**
 * `batchtop demo`: the demo account (a `batchtop sim` child process) and the dashboard. The dashboard
 * reaches it exactly as it reaches Azure: a managed identity credential, the real SDK clients, HTTPS
 * with the demo CA trusted by this process only.
 */
export async function demoCommand(args: string[]): Promise<number> {
  // The dashboard's own parser for the settings that make sense without a real account.
  const {
    flags: settingFlags,
    values,
    positionals,
  } = parseSettingArgs(
    "demo",
    args,
    { ...simFlagConfig, find: { type: "string" }, since: { type: "string" } },
    demoSettingNames,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for demo`);
  const flags = readSimFlags(values);
  // The demo honours read-only like any account: a jump host's policy applies here too.
  const settings = await loadSettings({ flags: settingFlags, env: process.env });
  // Before the demo account starts: a mistyped theme should not cost its start-up.
  const { theme, keymap } = await loadScreenSettings(settings, process.env);
  const find = findFlag(values.find);
  const since = sinceFlag(values.since);
  process.stderr.write(`batchtop: starting the demo account (scenario ${flags.scenario})…\n`);
  // The SDKs and the screen load only once the flags are known good: a mistyped flag answers at once.
  const [{ ManagedIdentityCredential }, { showDashboard }] = await Promise.all([
    import("@azure/identity"),
    import("./dashboard.js"),
  ]);
  const simulator = await startSimProcess(flags);
  try {
    const { env } = simulator;
    // The demo identity endpoint is App Service style, which ManagedIdentityCredential reads from the
    // environment: point this process at it, as `eval "$(batchtop sim)"` would point a shell.
    process.env.IDENTITY_ENDPOINT = env.IDENTITY_ENDPOINT;
    process.env.IDENTITY_HEADER = env.IDENTITY_HEADER;
    await showDashboard({
      endpoint: env.AZURE_BATCH_ENDPOINT,
      accountName: `${env.AZURE_BATCH_ACCOUNT} (demo: ${flags.scenario})`,
      credential: new ManagedIdentityCredential(),
      transport: { ca: simulator.caPem },
      refreshMs: settings.values.refreshMs,
      readOnly: settings.values.readOnly,
      theme,
      keymap,
      ...(find ? { find } : {}),
      ...(since !== undefined ? { since } : {}),
      // A crash or kill of the demo account shows in the header, besides the panes going unreachable.
      notice: simulator.exited,
      subscription: env.AZURE_SUBSCRIPTION_ID,
      ...(settings.profile ? { profile: settings.profile.name } : {}),
      ...(settings.sources.readOnly ? { readOnlySource: describeSource(settings.sources.readOnly) } : {}),
      ...(env.BATCHTOP_STORAGE_URL ? { storageUrl: env.BATCHTOP_STORAGE_URL } : {}),
      arm: {
        endpoint: env.BATCHTOP_ARM_ENDPOINT,
        subscriptionId: env.AZURE_SUBSCRIPTION_ID,
        resourceGroup: env.AZURE_RESOURCE_GROUP,
        accountName: env.AZURE_BATCH_ACCOUNT,
      },
      logs: {
        endpoint: env.BATCHTOP_LOGS_ENDPOINT,
        workspaceId: env.BATCHTOP_WORKSPACE_ID,
        batchAccountName: env.AZURE_BATCH_ACCOUNT,
      },
      // Data Factory is reached through ARM, as on Azure; Synapse through each workspace's endpoint.
      dataFactory: { endpoint: env.BATCHTOP_ARM_ENDPOINT },
      synapse: { endpointTemplate: env.BATCHTOP_SYNAPSE_ENDPOINT },
    });
  } finally {
    await simulator.stop();
  }
  return 0;
}
