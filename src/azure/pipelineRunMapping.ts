// @azure/arm-datafactory's PipelineRun and ActivityRun → batchtop's model. The service's free text
// (messages, errors) is neutralised here, once, before anything above src/azure sees it.

import type { ActivityRun, PipelineRun } from "@azure/arm-datafactory";
import type { FactoryActivityRun, PipelineRunInfo } from "../model/pipelineRuns.js";
import type { RunError } from "../model/runs.js";
import { sanitizeInline } from "../model/sanitize.js";

/** A date the SDK deserialised; an unparseable one is dropped rather than shown as "Invalid Date". */
function validDate(value: Date | undefined): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) => (typeof item === "string" ? [[key, item]] : [])),
  );
}

export function toPipelineRunInfo(run: PipelineRun): PipelineRunInfo | undefined {
  if (!run.runId || !run.pipelineName) return undefined;
  const start = validDate(run.runStart);
  const end = validDate(run.runEnd);
  const lastUpdated = validDate(run.lastUpdated);
  const invoker = run.invokedBy;
  return {
    runId: run.runId,
    pipelineName: run.pipelineName,
    status: run.status ?? "Unknown",
    ...(run.runGroupId ? { runGroupId: run.runGroupId } : {}),
    ...(typeof run.isLatest === "boolean" ? { isLatest: run.isLatest } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(lastUpdated ? { lastUpdated } : {}),
    ...(run.message ? { message: sanitizeInline(run.message) } : {}),
    ...(invoker?.name
      ? { invokedBy: { name: sanitizeInline(invoker.name), kind: invoker.invokedByType ?? "Unknown" } }
      : {}),
    parameters: stringRecord(run.parameters),
  };
}

/**
 * The activity run's `error` ({errorCode, message, failureType, target}); the service sends an
 * empty-message error object on runs that did not fail, which is no error.
 */
function activityError(error: unknown): RunError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { errorCode, message, failureType } = error as Record<string, unknown>;
  const code = typeof errorCode === "string" ? errorCode : "";
  const text = typeof message === "string" ? message : "";
  if (!code && !text) return undefined;
  return {
    code: sanitizeInline(code),
    message: sanitizeInline(text),
    ...(typeof failureType === "string" && failureType ? { failureType: sanitizeInline(failureType) } : {}),
  };
}

export function toFactoryActivityRun(run: ActivityRun): FactoryActivityRun | undefined {
  if (!run.activityRunId || !run.activityName || !run.pipelineRunId) return undefined;
  const start = validDate(run.activityRunStart);
  const end = validDate(run.activityRunEnd);
  const error = activityError(run.error);
  return {
    pipelineRunId: run.pipelineRunId,
    activityName: run.activityName,
    activityRunId: run.activityRunId,
    activityType: run.activityType ?? "Unknown",
    status: run.status ?? "Unknown",
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(error ? { error } : {}),
  };
}
