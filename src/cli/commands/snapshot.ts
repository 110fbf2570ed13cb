import { accountTarget } from "../config/accountTarget.js";
import { loadSettings } from "../config/loadSettings.js";
import { parseSettingArgs } from "../config/settingFlags.js";
import { duration } from "../config/valueParsers.js";
import { stdoutColors } from "../terminalColors.js";
import { UsageError } from "../usageError.js";

const defaultWindow = "1h";
const windowParser = duration(60_000, 7 * 24 * 3_600_000);

/**
 * `batchtop snapshot [--json] [--since 1h]`: one poll of the overview and of the recent failures,
 * printed for scripts, cron and incident notes. Exit 0 when healthy, 1 when any pool has resize
 * errors, unusable or start-task-failed nodes, or a task failed in the window. Never mutates:
 * it always runs read-only.
 */
export async function snapshotCommand(args: string[]): Promise<number> {
  const { flags, values, positionals } = parseSettingArgs("snapshot", args, {
    json: { type: "boolean" },
    since: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for snapshot`);
  const window = windowParser.fromText(typeof values.since === "string" ? values.since : defaultWindow);
  if (!window.ok) throw new UsageError(`--since ${window.problem}`);
  const settings = await loadSettings({ flags, env: process.env });
  const { endpoint, accountName } = accountTarget(settings);

  const { signIn } = await import("../signIn.js");
  const { createAzureAdapters } = await import("../../azure/azureAdapters.js");
  const { takeAccountSnapshot } = await import("../../store/accountSnapshot.js");
  const { formatSnapshot, snapshotJson } = await import("../snapshot/formatSnapshot.js");
  const adapters = createAzureAdapters({
    batchEndpoint: endpoint,
    credential: await signIn(settings.values.auth),
    readOnly: true,
  });
  const snapshot = await takeAccountSnapshot(adapters.reader, { windowMs: window.value });
  process.stdout.write(
    values.json === true
      ? snapshotJson(snapshot, accountName)
      : formatSnapshot(snapshot, accountName, stdoutColors(process.env)),
  );
  return snapshot.problems.length === 0 ? 0 : 1;
}
