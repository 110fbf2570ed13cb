import type { ParseArgsConfig } from "node:util";
import { parseCommandArgs } from "../parseArgs.js";
import { settingDefinitions, settingNames, type SettingName } from "./settingDefinitions.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export const profileFlag = "--profile";
export const profileEnv = "BATCHTOP_PROFILE";

/** What the command line said about each setting, as text (a bare switch reads "true"). */
export interface SettingFlags {
  settings: Partial<Record<SettingName, string>>;
  profile?: string;
}

/**
 * The settings `batchtop demo` takes from the command line: its account is built in, so only those
 * that shape the screen and what it may change.
 */
export const demoSettingNames: readonly SettingName[] = ["readOnly", "refreshMs", "theme"];

/** The parseArgs options for the flags of `names`, plus --profile. */
function settingFlagOptions(names: readonly SettingName[]): Options {
  return Object.fromEntries([
    ...names.flatMap((name) => {
      const form = settingDefinitions[name].commandLine;
      return form ? [[form.flag.slice(2), { type: form.isSwitch ? "boolean" : "string" }] as const] : [];
    }),
    [profileFlag.slice(2), { type: "string" }],
  ]);
}

function switchFlagsOf(names: readonly SettingName[]): Set<string> {
  return new Set(
    names.flatMap((name) => {
      const form = settingDefinitions[name].commandLine;
      return form?.isSwitch ? [form.flag] : [];
    }),
  );
}

/**
 * node:util's parseArgs (Node 20) refuses a value on a boolean flag, so `--read-only=false` is taken
 * out of the arguments first. The last mention of a switch wins, bare or with a value, as for any
 * other flag; everything after a `--` terminator is left alone.
 */
function takeSwitchValues(
  args: string[],
  switchFlags: ReadonlySet<string>,
): { rest: string[]; switchValues: Map<string, string> } {
  const rest: string[] = [];
  const switchValues = new Map<string, string>();
  let terminated = false;
  for (const arg of args) {
    terminated ||= arg === "--";
    const equals = arg.indexOf("=");
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if (terminated || !switchFlags.has(flag)) {
      rest.push(arg);
    } else if (equals > 0) {
      switchValues.set(flag, arg.slice(equals + 1));
    } else {
      switchValues.set(flag, "true");
      rest.push(arg);
    }
  }
  return { rest, switchValues };
}

/**
 * Parses a command line that takes setting flags plus the command's own `options`: the flags of
 * `accepted` (every setting unless a command says otherwise, as the demo does, whose account is
 * built in) and --profile, each read exactly as the dashboard reads it.
 */
export function parseSettingArgs<T extends Options>(
  command: string,
  args: string[],
  options: T,
  accepted: readonly SettingName[] = settingNames,
) {
  const { rest, switchValues } = takeSwitchValues(args, switchFlagsOf(accepted));
  const parsed = parseCommandArgs(command, rest, { ...settingFlagOptions(accepted), ...options });
  const given = parsed.values as Record<string, string | boolean | undefined>;
  const flags: SettingFlags = { settings: {} };
  for (const name of accepted) {
    const form = settingDefinitions[name].commandLine;
    if (!form) continue;
    const value = form.isSwitch ? switchValues.get(form.flag) : given[form.flag.slice(2)];
    if (value !== undefined) flags.settings[name] = String(value);
  }
  const profile = given[profileFlag.slice(2)];
  if (typeof profile === "string") flags.profile = profile;
  return { flags, values: parsed.values, positionals: parsed.positionals };
}
