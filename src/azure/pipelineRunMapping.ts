// The run APIs' PipelineRun and ActivityRun → batchtop's model. @azure/arm-datafactory and
// @azure/synapse-artifacts declare the same fields for both (Synapse's run API is Data Factory's,
// served by the workspace), so one mapping reads either SDK's answer. The service's free text
// (messages, errors) is neutralised here, once, before anything above src/azure sees it.

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

/** The fields of a PipelineRun batchtop reads, as both SDKs declare them. */
export interface PipelineRunFields {
  readonly runId?: string;
  readonly runGroupId?: string;
  readonly isLatest?: boolean;
  readonly pipelineName?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly invokedBy?: { readonly name?: string; readonly invokedByType?: string };
  readonly lastUpdated?: Date;
  readonly runStart?: Date;
  readonly runEnd?: Date;
  readonly status?: string;
  readonly message?: string;
}

/** The fields of an ActivityRun batchtop reads, as both SDKs declare them. */
export interface ActivityRunFields {
  readonly pipelineRunId?: string;
  readonly activityName?: string;
  readonly activityType?: string;
  readonly activityRunId?: string;
  readonly status?: string;
  readonly activityRunStart?: Date;
  readonly activityRunEnd?: Date;
  // Both SDKs type the error as `any`: its shape is checked field by field in activityError.
  readonly error?: unknown;
}

export function toPipelineRunInfo(run: PipelineRunFields): PipelineRunInfo | undefined {
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

export function toFactoryActivityRun(run: ActivityRunFields): FactoryActivityRun | undefined {
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
