import { kqlQuery } from "./kql/loadQuery.js";
import { kqlLimit } from "./runQueries.js";

// The timeline's KQL, loaded from ./kql: failures and pool events counted per time bucket in Log
// Analytics (never the raw rows), and one bucket's events, bounded.

export interface CountQueryOptions {
  bucketMs: number;
  maxRows: number;
  batchAccountName?: string;
}

/** A bucket's length: a positive whole number of milliseconds (2m, 12m, 48m). */
function bucketOf(ms: number): { durationMs: number } {
  if (!Number.isInteger(ms) || ms <= 0)
    throw new RangeError(`a timespan must be a positive whole number of ms, got ${ms}`);
  return { durationMs: ms };
}

export function timelineQuery(
  name: "timelineAdfFailures" | "timelineSynapseFailures" | "timelineBatchEvents",
  { bucketMs, maxRows, batchAccountName }: CountQueryOptions,
): string {
  const counted = { bucket: bucketOf(bucketMs), maxRows: kqlLimit(maxRows) };
  return kqlQuery(
    name,
    name === "timelineBatchEvents" ? { ...counted, batchAccount: batchAccountName ?? "" } : counted,
  );
}

export function timelineRowsQuery(
  name: "timelineAdfFailureRows" | "timelineSynapseFailureRows" | "timelineBatchEventRows",
  { maxRows, batchAccountName }: { maxRows: number; batchAccountName?: string },
): string {
  const limit = { maxRows: kqlLimit(maxRows) };
  return kqlQuery(
    name,
    name === "timelineBatchEventRows" ? { ...limit, batchAccount: batchAccountName ?? "" } : limit,
  );
}
