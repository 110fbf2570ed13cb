import { duration } from "./config/valueParsers.js";
import { UsageError } from "./usageError.js";

/** The range `batchtop snapshot --since` takes too: a minute to a week. */
const sinceParser = duration(60_000, 7 * 24 * 3_600_000);

/** `--since 30m` on the dashboard: open on `:changes` for that window. Undefined when not given. */
export function sinceFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const parsed = sinceParser.fromText(String(value));
  if (!parsed.ok) throw new UsageError(`--since ${parsed.problem}`);
  return parsed.value;
}
