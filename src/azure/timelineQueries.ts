import { kqlLimit, kqlString } from "./runQueries.js";

// The timeline's KQL. Each query's text is kept twice, on purpose until a loader reads the .kql
// files: here, as the template sent, and in src/azure/kql/<name>.kql after its
// `declare query_parameters(...)` line (a test holds the two equal). Log Analytics takes no query
// parameters over its REST API, so each parameter name is replaced by its value, written by a tested
// function (kqlString, kqlLimit, kqlTimespan): never by raw concatenation.

/** The timeline's queries by .kql file name. */
export const timelineTemplates = {
  timelineAdfFailures: [
    "ADFActivityRun",
    "| where Status == 'Failed'",
    "| summarize Count = count() by bin(TimeGenerated, bucket), PipelineName",
    "| take maxRows",
  ],
  timelineSynapseFailures: [
    "SynapseIntegrationActivityRuns",
    "| where Status == 'Failed'",
    "| summarize Count = count() by bin(TimeGenerated, bucket), PipelineName",
    "| take maxRows",
  ],
  timelineBatchEvents: [
    "AzureDiagnostics",
    "| where ResourceProvider == 'MICROSOFT.BATCH' and Category == 'ServiceLog'",
    "| where OperationName in ('TaskFailEvent', 'PoolResizeStartEvent', 'PoolResizeCompleteEvent')",
    "| where isempty(batchAccount) or Resource =~ batchAccount",
    "| summarize Count = count() by bin(TimeGenerated, bucket), OperationName, executionInfo_exitCode_d, resultCode_s",
    "| take maxRows",
  ],
  timelineAdfFailureRows: [
    "ADFActivityRun",
    "| where Status == 'Failed'",
    "| project TimeGenerated, PipelineName, ActivityName, ActivityType, ActivityRunId, ErrorCode, ErrorMessage",
    "| top maxRows by TimeGenerated desc",
  ],
  timelineSynapseFailureRows: [
    "SynapseIntegrationActivityRuns",
    "| where Status == 'Failed'",
    "| project TimeGenerated, PipelineName, ActivityName, ActivityType, ActivityRunId",
    "| top maxRows by TimeGenerated desc",
  ],
  timelineBatchEventRows: [
    "AzureDiagnostics",
    "| where ResourceProvider == 'MICROSOFT.BATCH' and Category == 'ServiceLog'",
    "| where OperationName in ('TaskFailEvent', 'PoolResizeStartEvent', 'PoolResizeCompleteEvent')",
    "| where isempty(batchAccount) or Resource =~ batchAccount",
    "| project TimeGenerated, OperationName, id_s, jobId_s, executionInfo_exitCode_d, resultCode_s, resultMessage_s",
    "| top maxRows by TimeGenerated desc",
  ],
} as const satisfies Record<string, readonly string[]>;
export type TimelineQueryName = keyof typeof timelineTemplates;

/** A KQL timespan literal for a whole number of milliseconds (the bucket sizes: 2m, 12m, 48m). */
export function kqlTimespan(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0)
    throw new RangeError(`a timespan must be a positive whole number of ms, got ${ms}`);
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms}ms`;
}

/** The query `name` with each parameter replaced by its already-written literal. */
function fill(name: TimelineQueryName, literals: Readonly<Record<string, string>>): string {
  const text = timelineTemplates[name].join("\n");
  // Whole words only, and the names appear nowhere else in the templates (not in literals either).
  return Object.entries(literals).reduce(
    (query, [parameter, literal]) => query.replace(new RegExp(`\\b${parameter}\\b`, "g"), () => literal),
    text,
  );
}

export interface CountQueryOptions {
  bucketMs: number;
  maxRows: number;
  batchAccountName?: string;
}

export function timelineQuery(
  name: "timelineAdfFailures" | "timelineSynapseFailures" | "timelineBatchEvents",
  { bucketMs, maxRows, batchAccountName }: CountQueryOptions,
): string {
  return fill(name, {
    bucket: kqlTimespan(bucketMs),
    maxRows: String(kqlLimit(maxRows)),
    batchAccount: kqlString(batchAccountName ?? ""),
  });
}

export function timelineRowsQuery(
  name: "timelineAdfFailureRows" | "timelineSynapseFailureRows" | "timelineBatchEventRows",
  { maxRows, batchAccountName }: { maxRows: number; batchAccountName?: string },
): string {
  return fill(name, { maxRows: String(kqlLimit(maxRows)), batchAccount: kqlString(batchAccountName ?? "") });
}
