import { loadSecondaryAdapters } from "../secondaryAdapters.js";
import { accountTarget } from "../config/accountTarget.js";
import { loadSettings } from "../config/loadSettings.js";
import { parseSettingArgs } from "../config/settingFlags.js";
import { duration } from "../config/valueParsers.js";
import { stdoutColors } from "../terminalColors.js";
import { UsageError } from "../usageError.js";
import { accountServices } from "./dashboardCommand.js";
import type { AzureAdapters } from "../../azure/azureAdapters.js";
import type { ChangesReport } from "../../model/changes.js";

/**
 * What changed in the window, as `:changes` reads it: Batch always, Log Analytics and ARM when
 * configured, and this account's entries of the user's audit journal.
 */
async function readSnapshotChanges(
  adapters: AzureAdapters,
  windowMs: number,
  now: Date,
  account: string,
): Promise<ChangesReport> {
  const [{ readChanges }, { createAuditJournal }, { join }, { displayPath, stateDirectory }] =
    await Promise.all([
      import("../../store/changesRead.js"),
      import("../../actions/auditJournal.js"),
      import("node:path"),
      import("../config/configPaths.js"),
    ]);
  const path = join(stateDirectory(process.env), "audit.jsonl");
  const journal = createAuditJournal(path, displayPath(path, process.env));
  // A journal that is absent or unreadable adds nothing; the rest still answers.
  const audit = (await journal.recent(200).catch(() => [])).filter((entry) => entry.account === account);
  return readChanges(
    {
      reader: adapters.reader,
      ...(adapters.changeHistory ? { changeHistory: adapters.changeHistory } : {}),
      ...(adapters.poolManagement ? { management: adapters.poolManagement } : {}),
    },
    { sinceMs: windowMs, now, audit },
  );
}

const defaultWindow = "1h";
const windowParser = duration(60_000, 7 * 24 * 3_600_000);

/**
 * `batchtop snapshot [--json] [--since 1h]`: one poll of the overview and of the recent failures,
 * printed for scripts, cron and incident notes. With `--since`, what changed in the window too (the
 * list of `:changes`). Exit 0 when healthy, 1 when any pool has resize
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
  // `--since` asked for a window: what changed in it comes along, from every source configured.
  const withChanges = typeof values.since === "string";

  const { signIn } = await import("../signIn.js");
  const { createAzureAdapters } = await import("../../azure/azureAdapters.js");
  const { takeAccountSnapshot } = await import("../../store/accountSnapshot.js");
  const { formatSnapshot, snapshotJson } = await import("../snapshot/formatSnapshot.js");
  const { arm, logs } = accountServices(settings.values, accountName);
  const adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: endpoint,
    credential: await signIn(settings.values.auth),
    readOnly: true,
    ...(withChanges && arm ? { arm } : {}),
    ...(withChanges && logs ? { logs } : {}),
  });
  const now = new Date();
  const [accountSnapshot, changes] = await Promise.all([
    takeAccountSnapshot(adapters.reader, { windowMs: window.value, now }),
    withChanges ? readSnapshotChanges(adapters, window.value, now, `${accountName} ${endpoint}`) : undefined,
  ]);
  const snapshot = { ...accountSnapshot, ...(changes ? { changes } : {}) };
  process.stdout.write(
    values.json === true
      ? snapshotJson(snapshot, accountName)
      : formatSnapshot(snapshot, accountName, stdoutColors(process.env)),
  );
  return snapshot.problems.length === 0 ? 0 : 1;
}
