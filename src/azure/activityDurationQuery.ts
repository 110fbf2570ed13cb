import { kqlString } from "./runQueries.js";

// The usual duration of pipeline activities: the 95th percentile of their succeeded runs' durations,
// summarised in Log Analytics (one row per pipeline and activity, never the runs themselves). The
// same text, with its values as declared parameters, is src/azure/kql/activityDurations.kql; this
// builder writes every value through kqlString until queries are loaded from those files. The window
// (7 days) travels as the query's timespan. A run logs its Succeeded row once (ADF and Synapse log
// one row per status transition), so each succeeded run counts once.

/** The pipelines and activities whose usual duration is asked. */
export interface ActivityPair {
  pipelineName: string;
  activityName: string;
}

/**
 * The query against `table` (ADFActivityRun or SynapseIntegrationActivityRuns: both have these
 * columns). Names are matched as two lists, so a pipeline's other activities of a listed name may
 * come back too; the caller keeps the pairs it asked for.
 */
export function activityDurationsQuery(table: string, pairs: readonly ActivityPair[]): string {
  if (pairs.length === 0) throw new RangeError("no pipeline activities to query");
  const list = (names: string[]) => [...new Set(names)].map(kqlString).join(", ");
  return [
    table,
    `| where Status == 'Succeeded' and PipelineName in (${list(pairs.map((pair) => pair.pipelineName))}) and ActivityName in (${list(pairs.map((pair) => pair.activityName))})`,
    "| summarize p95Ms = percentile((End - Start) / 1ms, 95), runs = count() by PipelineName, ActivityName",
  ].join("\n");
}
