import type { RunSource } from "../model/runs.js";
import { kqlQuery } from "./kql/loadQuery.js";

// The KQL batchtop sends about pipeline runs, from the `.kql` files in ./kql. The two table families
// (Data Factory's and Synapse's) are queried separately and merged by the caller; the time window
// is never written into the text: it travels as the query's `timespan`.

/** An activity-run table and the query files that read it. */
export interface ActivityRunTable {
  source: RunSource;
  name: string;
  /** The prefix of its query files: `adf` → adfLatestActivityRuns.kql. */
  queryPrefix: string;
}

/**
 * ADF's and Synapse's activity runs, one row per status transition in both. Synapse's table has no
 * error or output columns.
 */
export const activityRunTables: readonly ActivityRunTable[] = [
  { source: "adf", name: "ADFActivityRun", queryPrefix: "adf" },
  { source: "synapse", name: "SynapseIntegrationActivityRuns", queryPrefix: "synapse" },
];

/** A row limit written into a query: a whole number in a range the service answers quickly. */
export function kqlLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new RangeError(`a query row limit must be a whole number from 1 to 10000, got ${limit}`);
  }
  return limit;
}

/** The most recently updated activity runs in the window, newest first. */
export function latestActivityRunsQuery(table: ActivityRunTable, limit: number): string {
  return kqlQuery(`${table.queryPrefix}LatestActivityRuns`, { limit: kqlLimit(limit) });
}

/** The latest state of each of the given activity runs (for a Custom activity: of each Batch task). */
export function activityRunsByIdsQuery(table: ActivityRunTable, activityRunIds: readonly string[]): string {
  if (activityRunIds.length === 0) throw new RangeError("no activity run ids to query");
  return kqlQuery(`${table.queryPrefix}ActivityRunsByIds`, { ids: activityRunIds });
}

/** Every status transition of one activity run, oldest first. */
export function activityRunTransitionsQuery(table: ActivityRunTable, activityRunId: string): string {
  return kqlQuery(`${table.queryPrefix}ActivityRunTransitions`, { activityRunId });
}

/** Batch TaskFailEvents from the account's service logs, newest first; all accounts' without a name. */
export function taskFailEventsQuery(limit: number, batchAccountName?: string): string {
  return kqlQuery("taskFailEvents", { batchAccount: batchAccountName ?? "", limit: kqlLimit(limit) });
}

/** A pipeline activity whose usual duration is asked. */
export interface ActivityPair {
  pipelineName: string;
  activityName: string;
}

/** The 95th percentile of each activity's succeeded runs' durations, summarised in Log Analytics. */
export function activityDurationsQuery(table: ActivityRunTable, pairs: readonly ActivityPair[]): string {
  if (pairs.length === 0) throw new RangeError("no pipeline activities to query");
  const unique = (names: string[]) => [...new Set(names)];
  return kqlQuery(`${table.queryPrefix}ActivityDurations`, {
    pipelineNames: unique(pairs.map((pair) => pair.pipelineName)),
    activityNames: unique(pairs.map((pair) => pair.activityName)),
  });
}
