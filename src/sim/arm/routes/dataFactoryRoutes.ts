import type { SimRequest } from "../../http/service.js";
import type { PipelineRunEntry } from "../../world/factoryRuns.js";
import type { PipelineHost } from "../../world/history.js";
import type { ManagementWorld } from "../../world/managementWorld.js";
import {
  createRun,
  pipelineRunBody,
  pipelineRunNotFound,
  queryActivityRuns,
  queryFlag,
  queryPipelineRuns,
} from "../../pipelines/runApi.js";
import { authorizationFailed, resourceNotFound } from "../armErrors.js";
import { armLocation } from "../armPaths.js";
import type { ArmParams, ArmRoute } from "../armRouting.js";
import { requireResourceGroup, requireSubscription } from "../armScope.js";
import { armJson } from "../armWire.js";
import { resourceGroupPath, subscriptionPath } from "./accountRoutes.js";

// Microsoft.DataFactory at 2018-06-01 (@azure/arm-datafactory 12.0.0): the factories whose pipelines
// run on the demo account, their pipeline runs (get, query), a run's activity runs (query) and
// Pipelines_CreateRun, recovery parameters included. The run queries are POSTs that only read. The
// run API itself is shared with Synapse's (src/sim/pipelines/runApi.ts).

const factoryType = "Microsoft.DataFactory/factories";
const createRunAction = `${factoryType}/pipelines/createrun/action`;

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

/** Data Factory's PipelineRun: the shared shape plus `runDimensions`, which Synapse's lacks. */
const armPipelineRun = (run: PipelineRunEntry): object => ({ ...pipelineRunBody(run), runDimensions: {} });

/** Pipelines_CreateRun: the caller must be allowed to run the pipeline; see `createRun` for the rest. */
function createFactoryRun(world: ManagementWorld, request: SimRequest, params: ArmParams): object {
  const factory = requireFactory(world, params);
  const principalId = request.caller?.principalId ?? "";
  const pipelineName = params.get("pipelineName");
  const scope = `${factory.resourceId}/pipelines/${pipelineName}`;
  if (!world.identityDirectory().permits(principalId, createRunAction, scope))
    throw authorizationFailed(principalId, createRunAction, scope);
  return createRun(world, factory, pipelineName, request, queryFlag(request, "startFromFailure"));
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
          return armJson(
            request,
            queryPipelineRuns(world.pipelineRuns(factory.resourceId), request, armPipelineRun),
          );
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
          return armJson(request, queryActivityRuns(run, request));
        },
      },
    },
    {
      pattern: `${factoryPath}/pipelines/:pipelineName/createRun`,
      methods: { POST: (request, params) => armJson(request, createFactoryRun(world, request, params)) },
    },
  ];
}
