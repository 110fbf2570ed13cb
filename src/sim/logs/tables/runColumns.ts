/**
 * Values every pipeline-run and activity-run row shares, in ADF's tables and Synapse's alike: one
 * row per status transition, stamped with the time of that transition. Times are epoch milliseconds
 * so the evaluator reads them without parsing text on every query.
 */
import type { ActivityRunRecord, PipelineRunRecord } from "../../world/history.js";

/** The documented level of ADF's run logs, failures included. */
export const runLogLevel = "Informational";

/**
 * `End` of a run that has not ended. ADF logs the Windows FILETIME epoch there ("Schema of logs and
 * events", Monitor Data Factory docs), so `End` is never empty: readers must not take it as the end.
 */
const notEndedYet = Date.parse("1601-01-01T00:00:00Z");

export function runEnd(record: PipelineRunRecord | ActivityRunRecord): number {
  return record.end === undefined ? notEndedYet : Date.parse(record.end);
}

/** ADF names the operation after the pipeline or activity and the status it reached. */
export function runOperationName(subject: string, record: PipelineRunRecord | ActivityRunRecord): string {
  return `${subject} - ${record.status}`;
}

/**
 * How the run was started: ADF's `invokedBy` (name and kind): a schedule trigger, or "Manual" for a
 * run started through createRun (a recovery run included). The trigger run id is not modelled, so it
 * is left out rather than made up.
 */
export function predecessors(record: PipelineRunRecord): { Name: string; InvokedByType: string }[] {
  return [{ Name: record.triggerName, InvokedByType: record.invokedByType ?? "ScheduleTrigger" }];
}

/** ADF's documented SystemParameters, less the trigger id the world does not model. */
export function systemParameters(
  record: PipelineRunRecord,
  subscriptionId: string,
): { ExecutionStart: string; SubscriptionId: string } {
  return { ExecutionStart: record.start, SubscriptionId: subscriptionId };
}
