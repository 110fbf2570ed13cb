import { editDistance } from "../../model/editDistance.js";
import { fileProblem } from "./fileProblem.js";
import { readJsonFile } from "./readJsonFile.js";
import {
  settingDefinitions,
  settingNames,
  type SettingName,
  type SettingValues,
} from "./settingDefinitions.js";
import { describeJson, isPlainObject } from "./valueParsers.js";

export type ProfileSettings = Partial<SettingValues>;

/** The user's config file, validated: named profiles, and the one to use when none is asked for. */
export interface ConfigFile {
  /** As the user would write it (`~/.config/batchtop/config.json`), for messages. */
  shownAs: string;
  defaultProfile?: string;
  profiles: ReadonlyMap<string, ProfileSettings>;
}

const profileNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
// "$schema" lets an editor offer completion; batchtop itself ignores it.
const topLevelKeys = ["$schema", "defaultProfile", "profiles"];
const settingByProfileKey = new Map(settingNames.map((name) => [settingDefinitions[name].profileKey, name]));

/** Catches the common slips (`readonly`, `read_only`, `refersh`, `profile`) with a suggestion. */
export function unknownKeyProblem(key: string, known: readonly string[], noun = "setting"): string {
  const squash = (text: string) => text.toLowerCase().replace(/[-_]/g, "");
  const close = known.find((candidate) => editDistance(squash(candidate), squash(key)) <= 2);
  return close ? `unknown ${noun}; did you mean ${close}?` : `unknown ${noun}; known: ${known.join(", ")}`;
}

function validateProfile(file: string, name: string, value: unknown): ProfileSettings {
  const at = ["profiles", name];
  if (!isPlainObject(value))
    throw fileProblem(file, `must be an object of settings, got ${describeJson(value)}`, at);
  const profile: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const setting: SettingName | undefined = settingByProfileKey.get(key);
    if (!setting)
      throw fileProblem(file, unknownKeyProblem(key, [...settingByProfileKey.keys()]), [...at, key]);
    const parsed = settingDefinitions[setting].fromJson(raw);
    if (!parsed.ok) throw fileProblem(file, parsed.problem, [...at, key, ...(parsed.at ?? [])]);
    profile[setting] = parsed.value;
  }
  return profile as ProfileSettings;
}

/** Checks a parsed config file against its schema; the first problem is thrown as a usage error. */
export function validateConfigFile(value: unknown, file: string): ConfigFile {
  if (!isPlainObject(value)) throw fileProblem(file, `must be a JSON object, got ${describeJson(value)}`);
  for (const key of Object.keys(value)) {
    if (!topLevelKeys.includes(key))
      throw fileProblem(file, unknownKeyProblem(key, topLevelKeys, "key"), [key]);
  }
  const profiles = new Map<string, ProfileSettings>();
  if (value.profiles !== undefined) {
    if (!isPlainObject(value.profiles))
      throw fileProblem(file, `must be an object of named profiles, got ${describeJson(value.profiles)}`, [
        "profiles",
      ]);
    for (const [name, profile] of Object.entries(value.profiles)) {
      if (!profileNamePattern.test(name))
        throw fileProblem(file, `profile names are letters, digits, "_", "." and "-"`, ["profiles", name]);
      profiles.set(name, validateProfile(file, name, profile));
    }
  }
  const config: ConfigFile = { shownAs: file, profiles };
  const defaultProfile = value.defaultProfile;
  if (defaultProfile !== undefined) {
    if (typeof defaultProfile !== "string" || !profiles.has(defaultProfile))
      throw fileProblem(
        file,
        `must name one of the profiles (${[...profiles.keys()].join(", ") || "none defined"})`,
        ["defaultProfile"],
      );
    config.defaultProfile = defaultProfile;
  }
  return config;
}

/** Reads and validates the config file; a missing file is no config at all. Never writes to it. */
export async function loadConfigFile(path: string, shownAs: string): Promise<ConfigFile | undefined> {
  const read = await readJsonFile(path, shownAs);
  return read && validateConfigFile(read.value, shownAs);
}
