import type { SimRequest } from "../../http/service.js";
import type { PipelineRunEntry } from "../../world/factoryRuns.js";
import type { ActivityRunRecord, PipelineHost } from "../../world/history.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import {
  ArmError,
  authorizationFailed,
  invalidRequestContent,
  notSupported,
  resourceNotFound,
} from "../armErrors.js";
import { arrayAt, isObject, objectAt, optionalString, parseJsonBody, stringAt } from "../armJson.js";
import { armLocation } from "../armPaths.js";
import type { ArmParams, ArmRoute } from "../armRouting.js";
import { requireResourceGroup, requireSubscription } from "../armScope.js";
import { armJson } from "../armWire.js";
import { resourceGroupPath, subscriptionPath } from "./accountRoutes.js";

// Microsoft.DataFactory at 2018-06-01 (@azure/arm-datafactory 12.0.0): the factories whose pipelines
// run on the demo account, their pipeline runs (get, query), a run's activity runs (query) and
// Pipelines_CreateRun, recovery parameters included. The run queries are POSTs that only read.

const factoryType = "Microsoft.DataFactory/factories";
const createRunAction = `${factoryType}/pipelines/createrun/action`;
/** Runs and activity runs per page of a query; the continuation token is the next offset. */
const pageSize = 100;

/** Data Factory's refusals of a run request (400); the codes are ours, the service's are not published. */
const badRunRequest = (message: string) => new ArmError(400, "BadRequest", message);

const pipelineRunNotFound = (runId: string) =>
  new ArmError(404, "PipelineRunNotFound", `Pipeline run '${runId}' was not found.`);

const pipelineNotFound = (name: string) => new ArmError(404, "EntityNotFound", `Entity ${name} not found`);

function factoryId(params: ArmParams, subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${factoryType}/${params.get("factoryName")}`;
}

function requireFactory(world: ManagementWorld, params: ArmParams): PipelineHost {
  const { subscriptionId, resourceGroup } = requireResourceGroup(world, params);
  const id = factoryId(params, subscriptionId, resourceGroup).toLowerCase();
  const factory = world.factories().find((host) => host.resourceId.toLowerCase() === id);
  if (!factory) throw resourceNotFound(factoryType, params.get("factoryName"), params.get("resourceGroup"));
  return factory;
}

/** The Factory shape (Resource with FactoryProperties); the demo factories have no identity or repo. */
function armFactory(factory: PipelineHost): object {
  return {
    id: factory.resourceId,
    name: factory.name,
    type: factoryType,
    location: armLocation(factory.location),
    tags: {},
    properties: { provisioningState: "Succeeded", version: "2018-06-01" },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The PipelineRun shape. `message` is empty on runs that did not fail, as the service sends it. */
function armPipelineRun(run: PipelineRunEntry): object {
  return {
    runId: run.runId,
    runGroupId: run.runGroupId,
    isLatest: run.isLatest,
    pipelineName: run.spec.name,
    parameters: run.parameters,
    runDimensions: {},
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

/** The ActivityRun shape; the service sends an empty error on activity runs that did not fail. */
function armActivityRun(record: ActivityRunRecord): object {
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

function queryFlag(request: SimRequest, name: string): boolean {
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
 * Pipelines_CreateRun. With `referencePipelineRunId` and `isRecovery`, a recovery run: from
 * `startActivityName`, or with `startFromFailure` from the activity that failed the reference run
 * (which must have failed), or else from the start; grouped with the reference run. With a reference
 * and no recovery, a new run with the reference run's parameters. Without, a new run.
 */
function createRun(world: ManagementWorld, request: SimRequest, params: ArmParams): object {
  const factory = requireFactory(world, params);
  const principalId = request.caller?.principalId ?? "";
  const pipelineName = params.get("pipelineName");
  const scope = `${factory.resourceId}/pipelines/${pipelineName}`;
  if (!world.identityDirectory().permits(principalId, createRunAction, scope))
    throw authorizationFailed(principalId, createRunAction, scope);
  const spec = world.pipeline(factory.resourceId, pipelineName);
  if (!spec) throw pipelineNotFound(pipelineName);
  const referenceId = request.query.get("referencePipelineRunId");
  const isRecovery = queryFlag(request, "isRecovery");
  const startFromFailure = queryFlag(request, "startFromFailure");
  const startActivityName = request.query.get("startActivityName");
  if (!referenceId) {
    if (isRecovery) throw badRunRequest("A recovery run needs referencePipelineRunId.");
    return {
      runId: world.startPipelineRun(spec, { parameters: runParameters(request), startIndex: 0 }).runId,
    };
  }
  const reference = world.pipelineRun(factory.resourceId, referenceId);
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

/** Factories_List, _ListByResourceGroup, _Get; PipelineRuns_Get, _QueryByFactory; ActivityRuns_QueryByPipelineRun; Pipelines_CreateRun. */
export function dataFactoryRoutes(world: ManagementWorld): ArmRoute[] {
  const factoryPath = `${resourceGroupPath}/providers/Microsoft.DataFactory/factories/:factoryName`;
  return [
    {
      pattern: `${subscriptionPath}/providers/Microsoft.DataFactory/factories`,
      methods: {
        GET: (request, params) => {
          requireSubscription(world, params);
          return armJson(request, { value: world.factories().map(armFactory) });
        },
      },
    },
    {
      pattern: `${resourceGroupPath}/providers/Microsoft.DataFactory/factories`,
      methods: {
        GET: (request, params) => {
          const { resourceGroup } = requireResourceGroup(world, params);
          const inGroup = world
            .factories()
            .filter((factory) =>
              factory.resourceId.toLowerCase().includes(`/resourcegroups/${resourceGroup.toLowerCase()}/`),
            );
          return armJson(request, { value: inGroup.map(armFactory) });
        },
      },
    },
    {
      pattern: factoryPath,
      methods: { GET: (request, params) => armJson(request, armFactory(requireFactory(world, params))) },
    },
    {
      pattern: `${factoryPath}/pipelineruns/:runId`,
      methods: {
        GET: (request, params) => {
          const factory = requireFactory(world, params);
          const run = world.pipelineRun(factory.resourceId, params.get("runId"));
          if (!run) throw pipelineRunNotFound(params.get("runId"));
          return armJson(request, armPipelineRun(run));
        },
      },
    },
    {
      pattern: `${factoryPath}/queryPipelineRuns`,
      methods: {
        POST: (request, params) => {
          const factory = requireFactory(world, params);
          const filter = runFilter(request, ["PipelineName", "Status", "RunGroupId"]);
          const field = (run: PipelineRunEntry, operand: string) =>
            operand === "PipelineName" ? run.spec.name : operand === "Status" ? run.status : run.runGroupId;
          const runs = world
            .pipelineRuns(factory.resourceId)
            .filter((run) => run.lastUpdatedMs >= filter.afterMs && run.lastUpdatedMs <= filter.beforeMs)
            .filter((run) => filter.filters.every((item) => passes(item, field(run, item.operand))))
            .sort((a, b) => b.startMs - a.startMs);
          return armJson(request, page(runs.map(armPipelineRun), filter.offset));
        },
      },
    },
    {
      pattern: `${factoryPath}/pipelineruns/:runId/queryActivityruns`,
      methods: {
        POST: (request, params) => {
          const factory = requireFactory(world, params);
          const run = world.pipelineRun(factory.resourceId, params.get("runId"));
          if (!run) throw pipelineRunNotFound(params.get("runId"));
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
          return armJson(request, page(records.map(armActivityRun), filter.offset));
        },
      },
    },
    {
      pattern: `${factoryPath}/pipelines/:pipelineName/createRun`,
      methods: { POST: (request, params) => armJson(request, createRun(world, request, params)) },
    },
  ];
}
