import { kqlLimit, kqlString } from "./runQueries.js";

// The KQL behind `:changes`. Each text is also kept, with its parameter declaration, in
// src/azure/kql/<name>.kql (a test checks they agree), so it can move to a loader of named queries.
// Every value enters through kqlString or kqlLimit.

/** What a template's parameters become: query text already escaped. */
export interface StartedFailingParameters {
  since: string;
  maxRows: string;
}

export interface ResizeEventParameters extends StartedFailingParameters {
  batchAccountName: string;
}

/**
 * Per pipeline: the first activity run that failed at or after `since`, kept when the run before it
 * succeeded (the last one before `since`, or one between `since` and the failure). Runs are taken in
 * their latest state; only Succeeded and Failed count as runs here. Synapse's table has no error
 * columns, so its rows carry empty ones.
 */
function startedFailingTemplate(table: string, synapse: boolean) {
  return ({ since, maxRows }: StartedFailingParameters): string =>
    [
      table,
      "| summarize arg_max(TimeGenerated, *) by ActivityRunId",
      ...(synapse ? ["| extend ErrorCode = '', ErrorMessage = ''"] : []),
      "| where Status in ('Succeeded', 'Failed')",
      `| extend FailedSince = iff(Status == 'Failed' and TimeGenerated >= ${since}, TimeGenerated, datetime(null))`,
      `| summarize FailedRuns = countif(isnotnull(FailedSince)), LastBefore = maxif(TimeGenerated, TimeGenerated < ${since}), LastSuccessBefore = maxif(TimeGenerated, Status == 'Succeeded' and TimeGenerated < ${since}), FirstSuccessSince = minif(TimeGenerated, Status == 'Succeeded' and TimeGenerated >= ${since}), arg_min(FailedSince, ActivityName, ActivityType, ActivityRunId, PipelineRunId, ErrorCode, ErrorMessage) by PipelineName`,
      "| where isnotnull(FailedSince)",
      "| where (isnotnull(LastBefore) and LastBefore == LastSuccessBefore) or FirstSuccessSince < FailedSince",
      `| top ${maxRows} by FailedSince desc`,
    ].join("\n");
}

export const queryTemplates = {
  adfPipelinesStartedFailing: startedFailingTemplate("ADFActivityRun", false),
  synapsePipelinesStartedFailing: startedFailingTemplate("SynapseIntegrationActivityRuns", true),
  poolResizeEvents: ({ since, batchAccountName, maxRows }: ResizeEventParameters): string =>
    [
      "AzureDiagnostics",
      "| where ResourceProvider == 'MICROSOFT.BATCH' and Category == 'ServiceLog' and OperationName in ('PoolResizeStartEvent', 'PoolResizeCompleteEvent')",
      `| where TimeGenerated >= ${since}`,
      `| where isempty(${batchAccountName}) or Resource =~ ${batchAccountName}`,
      "| project TimeGenerated, OperationName, id_s, targetDedicatedNodes_d, targetLowPriorityNodes_d, resultCode_s, resultMessage_s",
      `| top ${maxRows} by TimeGenerated desc`,
    ].join("\n"),
} as const;

/** A datetime value in query text: the instant's ISO form, as a string literal converted. */
export function kqlDatetime(instant: Date): string {
  return `todatetime(${kqlString(instant.toISOString())})`;
}

export function pipelinesStartedFailingQuery(source: "adf" | "synapse", since: Date, limit: number): string {
  const template =
    source === "adf"
      ? queryTemplates.adfPipelinesStartedFailing
      : queryTemplates.synapsePipelinesStartedFailing;
  return template({ since: kqlDatetime(since), maxRows: String(kqlLimit(limit)) });
}

export function poolResizeEventsQuery(since: Date, limit: number, batchAccountName = ""): string {
  return queryTemplates.poolResizeEvents({
    since: kqlDatetime(since),
    batchAccountName: kqlString(batchAccountName),
    maxRows: String(kqlLimit(limit)),
  });
}
