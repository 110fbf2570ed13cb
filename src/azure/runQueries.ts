import type { RunSource } from "../model/runs.js";

// The KQL batchtop sends to Log Analytics. Only operators the demo workspace evaluates are used
// (no join, union or let): the two table families are queried separately and merged here. The time
// window is never written into the text; it travels as the query's `timespan`. Every value from
// outside (ids, names) enters through kqlString.

/** An activity-run table and the columns batchtop reads from it. */
export interface ActivityRunTable {
  source: RunSource;
  name: string;
  columns: readonly string[];
}

const runColumns = [
  "TimeGenerated",
  "PipelineName",
  "PipelineRunId",
  "ActivityName",
  "ActivityRunId",
  "ActivityType",
  "Status",
  "Start",
  "End",
  // The factory's or workspace's ARM id, lower case: what a recovery run is sent to.
  "_ResourceId",
];

/**
 * ADF's and Synapse's activity runs, one row per status transition in both. Synapse's table has no
 * error or output columns.
 */
export const activityRunTables: readonly ActivityRunTable[] = [
  {
    source: "adf",
    name: "ADFActivityRun",
    columns: [...runColumns, "ErrorCode", "ErrorMessage", "FailureType", "Output"],
  },
  { source: "synapse", name: "SynapseIntegrationActivityRuns", columns: runColumns },
];

export const taskFailEventColumns = [
  "TimeGenerated",
  "Resource",
  "id_s",
  "jobId_s",
  "nodeInfo_poolId_s",
  "nodeInfo_nodeId_s",
  "executionInfo_exitCode_d",
  "executionInfo_retryCount_d",
  "executionInfo_requeueCount_d",
  "executionInfo_startTime_t",
  "executionInfo_endTime_t",
] as const;

/** Characters a literal must not carry raw: controls, and line separators some tools split on. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A KQL string literal holding exactly `value`: single-quoted, with backslash and quote escaped and
 * control characters written as `\uXXXX`, so no value can end the literal and add query text.
 */
export function kqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(unsafeCharacters, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `'${escaped}'`;
}

/** A row limit written into a query: a whole number in a range the service answers quickly. */
export function kqlLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new RangeError(`a query row limit must be a whole number from 1 to 10000, got ${limit}`);
  }
  return limit;
}

/** One row per activity run: its latest transition (ADF logs one row per status change). */
const latestPerRun = "| summarize arg_max(TimeGenerated, *) by ActivityRunId";

function project(columns: readonly string[]): string {
  return `| project ${columns.join(", ")}`;
}

/** The most recently updated activity runs in the window, newest first. */
export function latestActivityRunsQuery(table: ActivityRunTable, limit: number): string {
  return [
    table.name,
    latestPerRun,
    project(table.columns),
    `| top ${kqlLimit(limit)} by TimeGenerated desc`,
  ].join("\n");
}

/** The latest state of each of the given activity runs (for a Custom activity: of each Batch task). */
export function activityRunsByIdsQuery(table: ActivityRunTable, activityRunIds: readonly string[]): string {
  if (activityRunIds.length === 0) throw new RangeError("no activity run ids to query");
  return [
    table.name,
    `| where ActivityRunId in (${activityRunIds.map(kqlString).join(", ")})`,
    latestPerRun,
    project(table.columns),
  ].join("\n");
}

/** Every status transition of one activity run, oldest first. */
export function activityRunTransitionsQuery(table: ActivityRunTable, activityRunId: string): string {
  return [
    table.name,
    `| where ActivityRunId == ${kqlString(activityRunId)}`,
    project(table.columns),
    "| order by TimeGenerated asc",
  ].join("\n");
}

/** Batch TaskFailEvents from the account's service logs, newest first; all accounts' without a name. */
export function taskFailEventsQuery(limit: number, batchAccountName?: string): string {
  return [
    "AzureDiagnostics",
    "| where ResourceProvider == 'MICROSOFT.BATCH' and Category == 'ServiceLog' and OperationName == 'TaskFailEvent'",
    // Diagnostic logs store the account name upper-cased; =~ compares without case.
    ...(batchAccountName === undefined ? [] : [`| where Resource =~ ${kqlString(batchAccountName)}`]),
    project(taskFailEventColumns),
    `| top ${kqlLimit(limit)} by TimeGenerated desc`,
  ].join("\n");
}
