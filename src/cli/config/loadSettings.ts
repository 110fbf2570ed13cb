import { loadConfigFile } from "./configFile.js";
import { configFilePath, displayPath } from "./configPaths.js";
import { loadPolicies } from "./policy.js";
import { resolveSettings, type EffectiveSettings } from "./resolveSettings.js";
import type { SettingFlags } from "./settingFlags.js";

export interface LoadSettingsOptions {
  flags: SettingFlags;
  env: Readonly<Record<string, string | undefined>>;
  /** For tests only; see PolicyOptions. */
  systemPolicyPath?: string;
}

/** The files behind the settings, for `config show`. */
export interface SettingFiles {
  config: { shownAs: string; found: boolean };
  policies: string[];
}

export interface LoadedSettings extends EffectiveSettings {
  files: SettingFiles;
}

/**
 * Reads the config file and the policies, and merges them with the command line and environment.
 * Invalid input of any kind is a one-line UsageError (exit code 2). Reads files only; writes none.
 */
export async function loadSettings(options: LoadSettingsOptions): Promise<LoadedSettings> {
  const { env } = options;
  const configShownAs = displayPath(configFilePath(env), env);
  const [config, policies] = await Promise.all([
    loadConfigFile(configFilePath(env), configShownAs),
    loadPolicies({
      env,
      ...(options.systemPolicyPath === undefined ? {} : { systemPolicyPath: options.systemPolicyPath }),
    }),
  ]);
  return {
    ...resolveSettings({ flags: options.flags, env, config, policies }),
    files: {
      config: { shownAs: configShownAs, found: config !== undefined },
      policies: policies.map((policy) => policy.file),
    },
  };
}
