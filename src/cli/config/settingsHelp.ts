import { settingDefinitions, settingNames } from "./settingDefinitions.js";
import { profileEnv, profileFlag } from "./settingFlags.js";

/** The settings part of --help, generated from the definitions so it cannot fall behind them. */
export function settingsHelp(): string {
  const rows = settingNames.flatMap((name) => {
    const form = settingDefinitions[name].commandLine;
    if (!form) return [];
    const flag = form.isSwitch ? `${form.flag}[=false]` : `${form.flag} ${form.valueName}`;
    return [[flag, form.env, form.help]];
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
