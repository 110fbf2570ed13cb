/** Simulated time advances in fixed steps, so outcomes depend only on the seed and total time. */
export const STEP_MS = 1000;
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const isoCodes = Array.from("0000-00-00T00:00:00.000Z", (char) => char.charCodeAt(0));
const zero = 48;
let cachedDay = Number.NaN;

function putTwoDigits(at: number, value: number): void {
  isoCodes[at] = zero + ((value / 10) | 0);
  isoCodes[at + 1] = zero + (value % 10);
}

/** Writes the date part of `days` (since 1970-01-01) into isoCodes; the civil-from-days algorithm. */
function putDate(days: number): void {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  putTwoDigits(0, (year / 100) | 0);
  putTwoDigits(2, year % 100);
  putTwoDigits(5, month);
  putTwoDigits(8, dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1);
}

/**
 * `new Date(ms).toISOString()`, written out directly for the years 1970-9999: the scale world
 * formats close to a million timestamps while it is built, and this is several times faster.
 */
export function isoAt(ms: number): string {
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  if (days !== cachedDay) {
    putDate(days);
    cachedDay = days;
  }
  let rest = ms - days * DAY_MS;
  putTwoDigits(11, (rest / HOUR_MS) | 0);
  rest %= HOUR_MS;
  putTwoDigits(14, (rest / MINUTE_MS) | 0);
  rest %= MINUTE_MS;
  putTwoDigits(17, (rest / SECOND_MS) | 0);
  rest %= SECOND_MS;
  isoCodes[20] = zero + ((rest / 100) | 0);
  putTwoDigits(21, rest % 100);
  return String.fromCharCode(...isoCodes);
}

/** Rounds a time up to the next step boundary at or after it. */
export function ceilToStep(ms: number): number {
  return Math.ceil(ms / STEP_MS) * STEP_MS;
}

const durationPattern =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses the ISO 8601 durations Batch uses (`PT15M`, `P7D`, `P1DT2H`); undefined when malformed. */
export function parseIsoDuration(text: string): number | undefined {
  const match = durationPattern.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return (
    Number(days ?? 0) * DAY_MS +
    Number(hours ?? 0) * HOUR_MS +
    Number(minutes ?? 0) * MINUTE_MS +
    Number(seconds ?? 0) * SECOND_MS
  );
}

/** Formats a time as Python's logging module does (`2024-05-01 10:00:01,234`), in UTC. */
export function pythonLogTime(ms: number): string {
  const iso = isoAt(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}
