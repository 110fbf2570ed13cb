// The pipeline run API Data Factory (Microsoft.DataFactory 2018-06-01, through ARM) and Synapse (a
// workspace's data plane, 2020-12-01) share: Synapse's is Data Factory's served by the workspace,
// with the same run and activity run shapes, the same run queries and the same createRun, less
// `startFromFailure`. Both routes answer from these; each adds its own addressing and refusals.

import type { SimRequest } from "../http/service.js";
import { ArmError, invalidRequestContent, notSupported } from "../arm/armErrors.js";
import { arrayAt, isObject, objectAt, optionalString, parseJsonBody, stringAt } from "../arm/armJson.js";
import type { PipelineRunEntry } from "../world/factoryRuns.js";
import type { ActivityRunRecord, PipelineHost } from "../world/history.js";
import type { ManagementWorld } from "../world/managementWorld.js";
import type { PipelineSpec } from "../world/pipelineSpecs.js";

/** Runs and activity runs per page of a query; the continuation token is the next offset. */
const pageSize = 100;

// The refusals are ArmErrors: the service's own words, rendered as they are (not as a relayed Batch
// error). Synapse renders them in the same CloudError shape.

/** Refusals of a run request (400); the codes are ours, the services' are not published. */
const badRunRequest = (message: string) => new ArmError(400, "BadRequest", message);

export const pipelineRunNotFound = (runId: string) =>
  new ArmError(404, "PipelineRunNotFound", `Pipeline run '${runId}' was not found.`);

const pipelineNotFound = (name: string) => new ArmError(404, "EntityNotFound", `Entity ${name} not found`);

const iso = (ms: number) => new Date(ms).toISOString();

/** The PipelineRun shape. `message` is empty on runs that did not fail, as the services send it. */
export function pipelineRunBody(run: PipelineRunEntry): Record<string, unknown> {
  return {
    runId: run.runId,
    runGroupId: run.runGroupId,
    isLatest: run.isLatest,
    pipelineName: run.spec.name,
    parameters: run.parameters,
    invokedBy: {
      name: run.invokedBy.name,
      ...(run.invokedBy.id ? { id: run.invokedBy.id } : {}),
      invokedByType: run.invokedBy.invokedByType,
    },
    lastUpdated: iso(run.lastUpdatedMs),
    runStart: iso(run.startMs),
    ...(run.endMs !== undefined ? { runEnd: iso(run.endMs), durationInMs: run.endMs - run.startMs } : {}),
    status: run.status,
    message: run.message ?? "",
  };
}

/** The ActivityRun shape; the services send an empty error on activity runs that did not fail. */
function activityRunBody(record: ActivityRunRecord): object {
  const start = Date.parse(record.start);
  const end = record.end === undefined ? undefined : Date.parse(record.end);
  const error = record.error ?? { errorCode: "", message: "", failureType: "", target: record.activityName };
  return {
    pipelineName: record.pipelineName,
    pipelineRunId: record.pipelineRunId,
    activityName: record.activityName,
    activityType: record.activityType,
    activityRunId: record.activityRunId,
    linkedServiceName: record.linkedServiceName,
    status: record.status,
    activityRunStart: record.start,
    ...(end !== undefined ? { activityRunEnd: record.end, durationInMs: end - start } : {}),
    input: record.input,
    ...(record.output ? { output: record.output } : {}),
    error,
  };
}

interface RunFilter {
  afterMs: number;
  beforeMs: number;
  offset: number;
  filters: { operand: string; operator: string; values: string[] }[];
}

function dateAt(value: unknown, path: string): number {
  const ms = Date.parse(stringAt(value, path));
  if (Number.isNaN(ms)) throw invalidRequestContent(`'${path}' must be an ISO 8601 date-time`);
  return ms;
}

/** RunFilterParameters: the window on the last update is required, filters and the token are not. */
function runFilter(request: SimRequest, operands: readonly string[]): RunFilter {
  const body = objectAt(parseJsonBody(request.body), "filterParameters");
  const filters = (body.filters === undefined ? [] : arrayAt(body.filters, "filters")).map((item, index) => {
    const filter = objectAt(item, `filters[${index}]`);
    const operand = stringAt(filter.operand, `filters[${index}].operand`);
    const operator = stringAt(filter.operator, `filters[${index}].operator`);
    if (!operands.includes(operand)) throw notSupported(`filtering runs on ${operand}`);
    if (!["Equals", "NotEquals", "In", "NotIn"].includes(operator))
      throw invalidRequestContent(`'filters[${index}].operator' must be Equals, NotEquals, In or NotIn`);
    const values = arrayAt(filter.values, `filters[${index}].values`).map((value, at) =>
      stringAt(value, `filters[${index}].values[${at}]`),
    );
    return { operand, operator, values };
  });
  if (body.orderBy !== undefined) throw notSupported("orderBy on run queries");
  const token = optionalString(body.continuationToken, "continuationToken");
  const offset = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidRequestContent("'continuationToken' is not valid");
  return {
    afterMs: dateAt(body.lastUpdatedAfter, "lastUpdatedAfter"),
    beforeMs: dateAt(body.lastUpdatedBefore, "lastUpdatedBefore"),
    offset,
    filters,
  };
}

function passes(filter: RunFilter["filters"][number], value: string): boolean {
  const hit = filter.values.some((wanted) => wanted.toLowerCase() === value.toLowerCase());
  return filter.operator === "Equals" || filter.operator === "In" ? hit : !hit;
}

function page<T>(items: T[], offset: number): { value: T[]; continuationToken?: string } {
  const next = offset + pageSize;
  return {
    value: items.slice(offset, next),
    ...(next < items.length ? { continuationToken: String(next) } : {}),
  };
}

/**
 * PipelineRuns_QueryByFactory / PipelineRun_QueryPipelineRunsByWorkspace: the host's runs updated in
 * the window that pass the filters, newest first. `shape` is each service's run body.
 */
export function queryPipelineRuns(
  runs: readonly PipelineRunEntry[],
  request: SimRequest,
  shape: (run: PipelineRunEntry) => object,
): object {
  const filter = runFilter(request, ["PipelineName", "Status", "RunGroupId"]);
  const field = (run: PipelineRunEntry, operand: string) =>
    operand === "PipelineName" ? run.spec.name : operand === "Status" ? run.status : run.runGroupId;
  const selected = runs
    .filter((run) => run.lastUpdatedMs >= filter.afterMs && run.lastUpdatedMs <= filter.beforeMs)
    .filter((run) => filter.filters.every((item) => passes(item, field(run, item.operand))))
    .sort((a, b) => b.startMs - a.startMs);
  return page(selected.map(shape), filter.offset);
}

/** ActivityRuns_QueryByPipelineRun / PipelineRun_QueryActivityRuns: one run's activity runs in the window. */
export function queryActivityRuns(run: PipelineRunEntry, request: SimRequest): object {
  const filter = runFilter(request, ["ActivityName", "ActivityType", "Status"]);
  const field = (record: ActivityRunRecord, operand: string) =>
    operand === "ActivityName"
      ? record.activityName
      : operand === "ActivityType"
        ? record.activityType
        : record.status;
  const records = [...run.activities.values()]
    .filter((record) => {
      const updated = Date.parse(record.time);
      return updated >= filter.afterMs && updated <= filter.beforeMs;
    })
    .filter((record) => filter.filters.every((item) => passes(item, field(record, item.operand))));
  return page(records.map(activityRunBody), filter.offset);
}

/** A boolean query parameter: absent or empty is false, anything but true or false is refused. */
export function queryFlag(request: SimRequest, name: string): boolean {
  const value = request.query.get(name);
  if (value === null || value === "") return false;
  if (value.toLowerCase() === "true") return true;
  if (value.toLowerCase() === "false") return false;
  throw invalidRequestContent(`'${name}' must be true or false`);
}

/** The body of createRun: the pipeline's parameters, name to value (strings, as the demo pipelines take). */
function runParameters(request: SimRequest): Record<string, string> {
  if (request.body.length === 0) return {};
  const body = parseJsonBody(request.body);
  if (body === null) return {};
  if (!isObject(body)) throw invalidRequestContent("'parameters' must be a JSON object");
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, stringAt(value, key)]));
}

/**
 * createRun once the host is known and the caller permitted. With `referencePipelineRunId` and
 * `isRecovery`, a recovery run: from `startActivityName`, or with `startFromFailure` (Data Factory
 * only: the caller passes false for Synapse, whose API has no such flag) from the activity that
 * failed the reference run (which must have failed), or else from the start; grouped with the
 * reference run. With a reference and no recovery, a new run with the reference run's parameters.
 * Without, a new run.
 */
export function createRun(
  world: ManagementWorld,
  host: PipelineHost,
  pipelineName: string,
  request: SimRequest,
  startFromFailure: boolean,
): { runId: string } {
  const spec: PipelineSpec | undefined = world.pipeline(host.resourceId, pipelineName);
  if (!spec) throw pipelineNotFound(pipelineName);
  const referenceId = request.query.get("referencePipelineRunId");
  const isRecovery = queryFlag(request, "isRecovery");
  const startActivityName = request.query.get("startActivityName");
  if (!referenceId) {
    if (isRecovery) throw badRunRequest("A recovery run needs referencePipelineRunId.");
    return {
      runId: world.startPipelineRun(spec, { parameters: runParameters(request), startIndex: 0 }).runId,
    };
  }
  const reference = world.pipelineRun(host.resourceId, referenceId);
  if (!reference) throw pipelineRunNotFound(referenceId);
  if (reference.spec !== spec)
    throw badRunRequest(
      `Pipeline run '${referenceId}' is a run of pipeline '${reference.spec.name}', not '${spec.name}'.`,
    );
  if (!isRecovery) {
    return { runId: world.startPipelineRun(spec, { parameters: reference.parameters, startIndex: 0 }).runId };
  }
  if (reference.status === "Queued" || reference.status === "InProgress")
    throw badRunRequest(
      `Pipeline run '${referenceId}' is ${reference.status}: only a run that ended can be recovered.`,
    );
  let startIndex = 0;
  if (startActivityName) {
    startIndex = spec.activities.findIndex(
      (activity) => activity.name.toLowerCase() === startActivityName.toLowerCase(),
    );
    if (startIndex < 0)
      throw badRunRequest(`Activity '${startActivityName}' is not in pipeline '${spec.name}'.`);
  } else if (startFromFailure) {
    if (reference.status !== "Failed" || reference.failedActivityIndex === undefined)
      throw badRunRequest(
        `Pipeline run '${referenceId}' is ${reference.status}: there is no failed activity to start from.`,
      );
    startIndex = reference.failedActivityIndex;
  }
  return {
    runId: world.startPipelineRun(spec, { parameters: reference.parameters, startIndex, reference }).runId,
  };
}
