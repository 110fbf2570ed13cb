import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usageError.js";
import { errorMessage } from "../model/errorMessage.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * parseArgs reads `--seed -1` as a flag without its value followed by a flag `-1`, and says "needs a
 * value". A negative number after a flag that takes a value is that value (`--seed=-1`), so the
 * flag's own check can accept or refuse it in words about the number.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? "";
    const next = args[index + 1];
    if (arg === "--") return [...joined, ...args.slice(index)];
    const takesValue = /^--[^=]+$/.test(arg) && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/**
 * node:util's parseArgs in strict mode, with its errors turned into one-line usage errors that name
 * the offending flag (its own messages run to several sentences).
 */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = errorMessage(error);
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new UsageError(`unknown flag ${flag ?? ""} for ${command}; see batchtop --help`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new UsageError(`${flag ?? "a flag"} needs a value (${command})`);
    throw new UsageError(message.split("\n")[0] ?? message);
  }
}

export function integerFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function numberFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
