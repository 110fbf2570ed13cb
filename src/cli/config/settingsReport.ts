import { credentialNames } from "./authMethodNames.js";
import { signInEnvironment } from "./authEnvironment.js";
import type { FeatureName, FeatureStatus } from "./features.js";
import type { LoadedSettings, SettingFiles } from "./loadSettings.js";
import { maskSecretsInText } from "./secrets.js";
import { settingDefinitions, settingNames, type SettingName } from "./settingDefinitions.js";
import { describeSource, type SettingSource } from "./settingSource.js";
import { formatDuration } from "./valueParsers.js";

export interface SettingReport {
  label: string;
  value: string | number | boolean | Record<string, readonly string[]> | null;
  /** The value as `config show` prints it: `2s`, `on`, `not set`. */
  shown: string;
  from: string | null;
  source: SettingSource | null;
  overruled?: string;
}

/** What `config show` prints, already masked: both the plain and the JSON output come from this. */
export interface SettingsReport {
  profile: { name: string; from: string } | null;
  settings: Record<SettingName, SettingReport>;
  features: Record<FeatureName, FeatureStatus>;
  signIn: { method: string; credential: string; environment: Record<string, string> };
  files: SettingFiles;
}

function shownValue(name: SettingName, value: unknown): string {
  if (value === undefined) return "not set";
  if (name === "refreshMs") return formatDuration(value as number);
  if (name === "readOnly") return value ? "on" : "off";
  if (name === "keys") {
    const count = Object.keys(value as object).length;
    return count === 0 ? "built-in" : `${count} command${count === 1 ? "" : "s"} rebound`;
  }
  return maskSecretsInText(String(value));
}

function reportSetting(settings: LoadedSettings, name: SettingName): SettingReport {
  const raw = settings.values[name];
  const source = settings.sources[name];
  const overruled = settings.overruled[name];
  return {
    label: settingDefinitions[name].label,
    value: raw === undefined ? null : typeof raw === "string" ? maskSecretsInText(raw) : raw,
    shown: shownValue(name, raw),
    from: source ? describeSource(source) : null,
    source: source ?? null,
    ...(overruled ? { overruled: describeSource(overruled) } : {}),
  };
}

export function settingsReport(
  settings: LoadedSettings,
  env: Readonly<Record<string, string | undefined>>,
): SettingsReport {
  const method = settings.values.auth;
  return {
    profile: settings.profile
      ? { name: settings.profile.name, from: describeSource(settings.profile.source) }
      : null,
    settings: Object.fromEntries(settingNames.map((name) => [name, reportSetting(settings, name)])) as Record<
      SettingName,
      SettingReport
    >,
    features: settings.features,
    signIn: {
      method,
      credential: credentialNames[method],
      environment: Object.fromEntries(signInEnvironment(env)),
    },
    files: settings.files,
  };
}
