/**
 * The query API's `timespan`: an ISO 8601 duration ending now (`PT1H`, `P1D`, `P1DT12H`) or an
 * interval `start/end`, `start/duration` or `duration/end` (what @azure/monitor-query-logs sends).
 */
import { parseDateTime } from "./kql/literals.js";

export interface TimeRange {
  start: number;
  end: number;
}

const HOUR = 3_600_000;
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO 8601 duration; years and months (no fixed length) are refused. */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || /^PT?$/i.test(text.trim())) return undefined;
  const [, weeks = "0", days = "0", hours = "0", minutes = "0", seconds = "0"] = match;
  return (
    Number(weeks) * 168 * HOUR +
    Number(days) * 24 * HOUR +
    Number(hours) * HOUR +
    Number(minutes) * 60_000 +
    Number(seconds) * 1000
  );
}

/** The interval `text` stands for at `now`, or undefined when it is not one. */
export function parseTimespanParameter(text: string, now: Date): TimeRange | undefined {
  const parts = text.split("/");
  if (parts.length === 1) {
    const duration = parseIsoDuration(text);
    return duration === undefined ? undefined : { start: now.getTime() - duration, end: now.getTime() };
  }
  const [first = "", second = ""] = parts;
  if (parts.length !== 2) return undefined;
  const start = parseDateTime(first);
  const end = parseDateTime(second);
  if (start !== undefined && end !== undefined) return start <= end ? { start, end } : undefined;
  if (start !== undefined) {
    const duration = parseIsoDuration(second);
    return duration === undefined ? undefined : { start, end: start + duration };
  }
  const duration = parseIsoDuration(first);
  return end === undefined || duration === undefined ? undefined : { start: end - duration, end };
}
