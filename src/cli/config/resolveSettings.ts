import { isIP } from "node:net";
import { UsageError } from "../usageError.js";
import type { ConfigFile } from "./configFile.js";
import { deriveFeatures, type FeatureName, type FeatureStatus } from "./features.js";
import type { Policy } from "./policy.js";
import {
  settingDefinitions,
  settingNames,
  type SettingName,
  type SettingValues,
} from "./settingDefinitions.js";
import { profileEnv, profileFlag, type SettingFlags } from "./settingFlags.js";
import type { SettingSource } from "./settingSource.js";

export interface SettingLayers {
  flags: SettingFlags;
  env: Readonly<Record<string, string | undefined>>;
  config: ConfigFile | undefined;
  policies: readonly Policy[];
}

/** The settings batchtop runs with, where each came from, and what they turn on. */
export interface EffectiveSettings {
  values: Readonly<SettingValues>;
  /** The source of every setting that has a value. */
  sources: Readonly<Partial<Record<SettingName, SettingSource>>>;
  /** A value a policy overruled (only read-only can be): "--read-only=false, overruled by policy". */
  overruled: Readonly<Partial<Record<SettingName, SettingSource>>>;
  profile?: { name: string; source: SettingSource };
  features: Readonly<Record<FeatureName, FeatureStatus>>;
}

interface Found<T> {
  value: T;
  source: SettingSource;
}

/** An unset variable and an empty one mean the same: `export X=` is how shells clear a value. */
function envText(env: SettingLayers["env"], name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

function selectProfile(layers: SettingLayers): Found<string> | undefined {
  const { flags, env, config } = layers;
  const fromEnv = envText(env, profileEnv);
  const asked: Found<string> | undefined =
    flags.profile !== undefined
      ? { value: flags.profile, source: { kind: "flag", flag: profileFlag } }
      : fromEnv !== undefined
        ? { value: fromEnv, source: { kind: "env", name: profileEnv } }
        : undefined;
  if (!asked) {
    return config?.defaultProfile === undefined
      ? undefined
      : {
          value: config.defaultProfile,
          source: { kind: "configFile", file: config.shownAs, key: "defaultProfile" },
        };
  }
  const askedBy = asked.source.kind === "flag" ? profileFlag : profileEnv;
  if (!config) throw new UsageError(`${askedBy}: no profile "${asked.value}": there is no config file`);
  if (!config.profiles.has(asked.value)) {
    const known = [...config.profiles.keys()].join(", ") || "none";
    throw new UsageError(`${askedBy}: no profile "${asked.value}" in ${config.shownAs} (profiles: ${known})`);
  }
  return asked;
}

/** Flag, then environment, then profile, then the built-in default; the first that has a value wins. */
function findSetting<K extends SettingName>(
  name: K,
  layers: SettingLayers,
  profile: Found<string> | undefined,
): Found<SettingValues[K]> | undefined {
  const definition = settingDefinitions[name];
  const form = definition.commandLine;
  if (form) {
    const candidates: [string | undefined, SettingSource, string][] = [
      [layers.flags.settings[name], { kind: "flag", flag: form.flag }, form.flag],
      [envText(layers.env, form.env), { kind: "env", name: form.env }, form.env],
    ];
    for (const [raw, source, shownAs] of candidates) {
      if (raw === undefined) continue;
      const parsed = form.fromText(raw);
      if (!parsed.ok) throw new UsageError(`${shownAs}: ${parsed.problem}`);
      // "--read-only=false" says more than "--read-only" about who lifted it.
      if (source.kind === "flag" && form.isSwitch && parsed.value === false) source.flag += "=false";
      return { value: parsed.value, source };
    }
  }
  if (profile && layers.config) {
    const value = layers.config.profiles.get(profile.value)?.[name];
    if (value !== undefined)
      return { value, source: { kind: "profile", profile: profile.value, file: layers.config.shownAs } };
  }
  if (definition.fallback !== undefined) return { value: definition.fallback, source: { kind: "default" } };
  return undefined;
}

const precedence: Record<SettingSource["kind"], number> = {
  policy: 5,
  flag: 4,
  env: 3,
  profile: 2,
  configFile: 2,
  derived: 1,
  default: 0,
};

/** `myaccount` from `https://myaccount.westeurope.batch.azure.com`; an address stays whole. */
export function accountNameFromEndpoint(endpoint: string): string {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  return isIP(host) ? host : (host.split(".")[0] ?? host);
}

/**
 * The account name belongs to its endpoint: one from a weaker layer than the endpoint's (say
 * AZURE_BATCH_ACCOUNT left over from another shell, with --account-endpoint on the command line)
 * would name a different account, so then the name is derived from the endpoint's host instead.
 */
function accountNameFor(
  endpoint: Found<string | undefined> | undefined,
  given: Found<string | undefined> | undefined,
): Found<string | undefined> | undefined {
  if (endpoint?.value === undefined) return given;
  if (given && precedence[given.source.kind] >= precedence[endpoint.source.kind]) return given;
  return {
    value: accountNameFromEndpoint(endpoint.value),
    source: { kind: "derived", from: "the endpoint host" },
  };
}

/**
 * Merges the layers: flag > environment > profile > default for every setting, then the policies,
 * which can only turn read-only on. Throws a one-line usage error for the first invalid value.
 */
export function resolveSettings(layers: SettingLayers): EffectiveSettings {
  const profile = selectProfile(layers);
  const found = new Map<SettingName, Found<unknown>>();
  for (const name of settingNames) {
    const setting = findSetting(name, layers, profile);
    if (setting) found.set(name, setting);
  }
  const accountName = accountNameFor(
    found.get("accountEndpoint") as Found<string> | undefined,
    found.get("accountName") as Found<string> | undefined,
  );
  if (accountName) found.set("accountName", accountName);
  else found.delete("accountName");

  const overruled: Partial<Record<SettingName, SettingSource>> = {};
  const enforcing = layers.policies.find((policy) => policy.readOnly);
  const readOnly = found.get("readOnly");
  if (enforcing) {
    if (readOnly && readOnly.value === false && readOnly.source.kind !== "default")
      overruled.readOnly = readOnly.source;
    found.set("readOnly", { value: true, source: { kind: "policy", file: enforcing.file } });
  }

  // Every setting SettingValues declares as always present has a fallback, so it was found above.
  const values = Object.fromEntries(
    settingNames.map((name) => [name, found.get(name)?.value]),
  ) as unknown as SettingValues;
  const sources = Object.fromEntries([...found].map(([name, setting]) => [name, setting.source]));
  return {
    values,
    sources,
    overruled,
    ...(profile ? { profile: { name: profile.value, source: profile.source } } : {}),
    features: deriveFeatures(values),
  };
}
