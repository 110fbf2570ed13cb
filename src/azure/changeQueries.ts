import { kqlQuery } from "./kql/loadQuery.js";
import { kqlLimit } from "./runQueries.js";

// The KQL behind `:changes`, loaded from ./kql: the pipelines that started failing (one file per
// table family) and the pool resize events of the Batch service log.

/**
 * Per pipeline: the first activity run that failed at or after `since`, kept when the run before it
 * succeeded (the last one before `since`, or one between `since` and the failure). Runs are taken in
 * their latest state; only Succeeded and Failed count as runs here.
 */
export function pipelinesStartedFailingQuery(source: "adf" | "synapse", since: Date, limit: number): string {
  return kqlQuery(`${source}PipelinesStartedFailing`, { since, maxRows: kqlLimit(limit) });
}

/** Pool resize starts and completions since `since`, newest first; every account's without a name. */
export function poolResizeEventsQuery(since: Date, limit: number, batchAccountName = ""): string {
  return kqlQuery("poolResizeEvents", { since, batchAccountName, maxRows: kqlLimit(limit) });
}
