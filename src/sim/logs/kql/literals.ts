/**
 * Literal values. The parser's own .NET values are not used for datetimes and timespans: its
 * DateTime follows the machine's time zone and `time(1.02:03:04)` comes back as zero, so the
 * literal text is parsed here instead.
 */
import type { KqlType, Value } from "./values.js";

const MS = { tick: 0.0001, microsecond: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const unitAliases: Record<string, number> = {
  d: MS.d,
  day: MS.d,
  days: MS.d,
  h: MS.h,
  hr: MS.h,
  hrs: MS.h,
  hour: MS.h,
  hours: MS.h,
  m: MS.m,
  min: MS.m,
  minute: MS.m,
  minutes: MS.m,
  s: MS.s,
  sec: MS.s,
  second: MS.s,
  seconds: MS.s,
  ms: MS.ms,
  milli: MS.ms,
  millis: MS.ms,
  millisecond: MS.ms,
  milliseconds: MS.ms,
  micro: MS.microsecond,
  micros: MS.microsecond,
  microsecond: MS.microsecond,
  microseconds: MS.microsecond,
  tick: MS.tick,
  ticks: MS.tick,
};

/** `1h`, `1.5d`, `30m`, or the clock form `[-][d.]hh:mm[:ss[.fffffff]]`; a bare number is days. */
export function parseTimespan(text: string): number | undefined {
  const trimmed = text.trim();
  const withUnit = /^([+-]?\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(trimmed);
  if (withUnit) {
    const factor = unitAliases[(withUnit[2] ?? "").toLowerCase()];
    return factor === undefined ? undefined : Number(withUnit[1]) * factor;
  }
  if (/^[+-]?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed) * MS.d;
  const clock = /^([+-])?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(trimmed);
  if (!clock) return undefined;
  const [, sign, days = "0", hours = "0", minutes = "0", seconds = "0", fraction = ""] = clock;
  const ms =
    Number(days) * MS.d +
    Number(hours) * MS.h +
    Number(minutes) * MS.m +
    Number(seconds) * MS.s +
    Number(fraction.padEnd(7, "0")) * MS.tick;
  return sign === "-" ? -ms : ms;
}

/**
 * ISO 8601 date-times as Kusto accepts them (`2026-11-22`, `2026-11-22 10:30:00.1234567`,
 * `2026-11-22T05:00:00+02:00`); without a zone they are UTC. Precision is the millisecond.
 */
export function parseDateTime(text: string): number | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.slice(0, 3).padEnd(3, "0")),
  );
  if (Number.isNaN(utc)) return undefined;
  if (zone.toUpperCase() === "Z") return utc;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!offset) return undefined;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return utc - (offset[1] === "-" ? -minutes : minutes) * MS.m;
}

function parseNumber(text: string): number | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === "nan") return NaN;
  if (lower === "inf" || lower === "+inf") return Infinity;
  if (lower === "-inf") return -Infinity;
  const value = Number(lower);
  return lower === "" || Number.isNaN(value) ? undefined : value;
}

/**
 * The value of a literal of `type` from its text (and unescaped string value); undefined when the
 * text has a form this evaluator does not read, so the caller can refuse the query.
 */
export function literalValue(
  type: KqlType,
  text: string,
  stringValue: string | undefined,
): Value | undefined {
  if (type === "string") return stringValue;
  if (text.trim().toLowerCase() === "null") return null;
  switch (type) {
    case "bool": {
      const lower = text.trim().toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : undefined;
    }
    case "int":
    case "long":
    case "real":
      return parseNumber(text);
    case "datetime":
      return parseDateTime(text);
    case "timespan":
      return parseTimespan(text);
    case "guid":
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim())
        ? text.trim().toLowerCase()
        : undefined;
    case "dynamic":
      try {
        return JSON.parse(text) as Value;
      } catch {
        return undefined;
      }
  }
}
