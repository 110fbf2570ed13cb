/**
 * ISO 8601 durations as Azure writes them (`PT15M`, `PT1H30M`, `P1DT12H`): ARM's resize timeouts
 * and autoscale intervals, and the Log Analytics query timespan. Years and months have no fixed
 * length and are not accepted.
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of the duration, or undefined when the text is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!match || /^PT?$/i.test(trimmed) || trimmed.toUpperCase().endsWith("T")) return undefined;
  const [, days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
  return Number(days) * DAY + Number(hours) * HOUR + Number(minutes) * MINUTE + Number(seconds) * SECOND;
}

/** The shortest ISO 8601 form of a non-negative number of milliseconds: 90 min → "PT1H30M". */
export function formatIsoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`not a duration: ${ms} ms`);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  if (days === 0 && time === "") return "PT0S";
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}

/** Whole-or-fractional minutes of an ARM duration, for the model's `...Minutes` fields. */
export function isoDurationMinutes(text: string | undefined): number | undefined {
  const ms = text === undefined ? undefined : parseIsoDuration(text);
  return ms === undefined ? undefined : ms / MINUTE;
}

export function minutesToIsoDuration(minutes: number): string {
  return formatIsoDuration(minutes * MINUTE);
}
