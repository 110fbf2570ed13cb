import { formatSettingsReport } from "../config/formatSettingsReport.js";
import { loadSettings } from "../config/loadSettings.js";
import { loadScreenSettings } from "../config/screenSettings.js";
import { parseSettingArgs } from "../config/settingFlags.js";
import { settingsReport } from "../config/settingsReport.js";
import { stdoutColors } from "../terminalColors.js";
import { UsageError } from "../usageError.js";

/**
 * `batchtop config show [--json] [setting flags]`: the effective settings, where each came from and
 * what they turn on, secrets masked. Takes the same flags as the dashboard, so a user can see what a
 * command line would do before running it.
 */
export async function configCommand(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== "show") {
    throw new UsageError(
      subcommand === undefined
        ? "config needs a subcommand: batchtop config show [--json]"
        : `unknown config subcommand "${subcommand}"; try batchtop config show`,
    );
  }
  const { flags, values, positionals } = parseSettingArgs("config show", rest, { json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" for config show`);
  const settings = await loadSettings({ flags, env: process.env });
  // The dashboard refuses an unknown theme or a bad key binding: so does the report of its settings.
  await loadScreenSettings(settings, process.env);
  const report = settingsReport(settings, process.env);
  process.stdout.write(
    values.json === true
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatSettingsReport(report, stdoutColors(process.env)),
  );
  return 0;
}
