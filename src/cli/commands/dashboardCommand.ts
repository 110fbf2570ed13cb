import { accountTarget } from "../config/accountTarget.js";
import { loadSettings, type LoadedSettings } from "../config/loadSettings.js";
import { loadScreenSettings } from "../config/screenSettings.js";
import { parseSettingArgs } from "../config/settingFlags.js";
import { describeSource } from "../config/settingSource.js";
import { findFlag } from "../findFlag.js";
import { sinceFlag } from "../sinceFlag.js";
import { UsageError } from "../usageError.js";
import type { DashboardTarget } from "./dashboard.js";

/**
 * ARM and Log Analytics targets, for the settings that turn those features on. Data Factory and
 * Synapse are always reachable: which factory or workspace runs a task's pipeline comes per task
 * from Log Analytics, not from settings.
 */
export function accountServices(
  values: LoadedSettings["values"],
  accountName: string,
): Pick<DashboardTarget, "arm" | "logs" | "dataFactory" | "synapse"> {
  const { subscription, resourceGroup, workspaceId } = values;
  return {
    dataFactory: { endpoint: values.armEndpoint },
    synapse: { endpointTemplate: values.synapseEndpoint },
    ...(subscription && resourceGroup
      ? { arm: { endpoint: values.armEndpoint, subscriptionId: subscription, resourceGroup, accountName } }
      : {}),
    ...(workspaceId
      ? { logs: { endpoint: values.logsEndpoint, workspaceId, batchAccountName: accountName } }
      : {}),
  };
}

/**
 * `batchtop [setting flags]`: the dashboard for a real account. Settings are read and checked before
 * the Azure SDKs load, so a usage error is quick; sign-in is tried before the screen opens.
 */
export async function dashboardCommand(args: string[]): Promise<number> {
  const { flags, values, positionals } = parseSettingArgs("batchtop", args, {
    find: { type: "string" },
    since: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(`unknown command "${positionals[0]}"; see batchtop --help`);
  const settings = await loadSettings({ flags, env: process.env });
  const { endpoint, accountName } = accountTarget(settings);
  // Before sign-in: a mistyped theme should cost a second, not a device-code login.
  const { theme, keymap } = await loadScreenSettings(settings, process.env);
  const find = findFlag(values.find);
  const since = sinceFlag(values.since);
  const { signIn } = await import("../signIn.js");
  const { showDashboard } = await import("./dashboard.js");
  await showDashboard({
    endpoint,
    accountName,
    credential: await signIn(settings.values.auth),
    transport: {},
    refreshMs: settings.values.refreshMs,
    readOnly: settings.values.readOnly,
    theme,
    keymap,
    ...(find ? { find } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(settings.values.subscription ? { subscription: settings.values.subscription } : {}),
    ...(settings.profile ? { profile: settings.profile.name } : {}),
    ...(settings.sources.readOnly ? { readOnlySource: describeSource(settings.sources.readOnly) } : {}),
    ...(settings.values.storageUrl ? { storageUrl: settings.values.storageUrl } : {}),
    ...accountServices(settings.values, accountName),
  });
  return 0;
}
