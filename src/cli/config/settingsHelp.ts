import { settingDefinitions, settingNames, type SettingName } from "./settingDefinitions.js";
import { profileEnv, profileFlag } from "./settingFlags.js";

/** `--read-only[=false]`, `--refresh DURATION`: how --help writes a setting's flag. */
function flagUsage(name: SettingName): string | undefined {
  const form = settingDefinitions[name].commandLine;
  if (!form) return undefined;
  return form.isSwitch ? `${form.flag}[=false]` : `${form.flag} ${form.valueName}`;
}

/** The flags of `names` and --profile in one line, for a command that takes only some settings. */
export function settingFlagsUsage(names: readonly SettingName[]): string {
  return [...names.flatMap((name) => flagUsage(name) ?? []), `${profileFlag} NAME`].join(", ");
}

/** The settings part of --help, generated from the definitions so it cannot fall behind them. */
export function settingsHelp(): string {
  const rows = settingNames.flatMap((name) => {
    const form = settingDefinitions[name].commandLine;
    const flag = flagUsage(name);
    return form && flag ? [[flag, form.env, form.help]] : [];
  });
  rows.push([`${profileFlag} NAME`, profileEnv, "a profile from the config file"]);
  const flagWidth = Math.max(...rows.map(([flag]) => flag?.length ?? 0));
  const envWidth = Math.max(...rows.map(([, env]) => env?.length ?? 0));
  return rows
    .map(
      ([flag = "", env = "", help = ""]) => `  ${flag.padEnd(flagWidth)}  ${env.padEnd(envWidth)}  ${help}`,
    )
    .join("\n");
}
