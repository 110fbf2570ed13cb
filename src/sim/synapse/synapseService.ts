/**
 * The demo account's Synapse workspaces' development endpoints, pipeline runs only (data plane,
 * api-version 2020-12-01, what @azure/synapse-artifacts 1.0.0-beta.12 sends): createPipelineRun with
 * the recovery parameters, get a run, query runs, query a run's activity runs. On Azure each
 * workspace has its own host (`https://{workspace}.dev.azuresynapse.net`); on the loopback listener
 * a workspace's endpoint is `/synapse/{workspace}` (the SDK keeps a path in its endpoint), as
 * BATCHTOP_SYNAPSE_ENDPOINT says. Tokens must be for https://dev.azuresynapse.net/.
 */
import type { SimRequest, SimResponse, SimService } from "../http/service.js";
import type { SimServiceError } from "../http/serviceError.js";
import { ArmError, notSupported } from "../arm/armErrors.js";
import { createArmRouter, type ArmParams } from "../arm/armRouting.js";
import {
  createRun,
  pipelineRunBody,
  pipelineRunNotFound,
  queryActivityRuns,
  queryPipelineRuns,
} from "../pipelines/runApi.js";
import type { PipelineHost } from "../world/history.js";
import type { ManagementWorld } from "../world/managementWorld.js";

export const synapseApiVersion = "2020-12-01";
export const synapseAudience = "https://dev.azuresynapse.net/";
/** Where the workspaces' endpoints live on the listener: `/synapse/{workspace}`. */
export const synapsePathPrefix = "/synapse";

/** Reading a workspace's runs and running its pipelines, as Synapse RBAC names the permissions. */
const readAction = "Microsoft.Synapse/workspaces/read";
/** A pipeline's activities run on the workspace's integration runtime: Compute Operator's permission. */
const runAction = "Microsoft.Synapse/workspaces/integrationRuntimes/useCompute/action";

/**
 * Synapse RBAC's refusal (403 Unauthorized), worded as the service answers it (recorded verbatim in
 * Azure/azure-sdk-for-net#24423). The demo decides it from the caller's Azure roles on the workspace.
 */
const unauthorized = (principalId: string, action: string, workspace: string) =>
  new ArmError(
    403,
    "Unauthorized",
    `The principal '${principalId}' does not have the required Synapse RBAC permission to perform this action. Required permission: Action: ${action}, Scope: workspaces/${workspace}/*.`,
  );

/** A workspace the demo account does not have: on Azure its host would not resolve; here a 404. */
const workspaceNotFound = (name: string) =>
  new ArmError(404, "WorkspaceNotFound", `The batchtop demo account has no Synapse workspace '${name}'.`);

const json = { "content-type": "application/json; charset=utf-8" };

function synapseJson(body: object, status = 200): SimResponse {
  return { status, headers: json, body: JSON.stringify(body) };
}

/** Synapse's error shape, the Swagger's CloudError: `{"error": {"code", "message", "target"?}}`. */
function renderSynapseError(error: SimServiceError): SimResponse {
  const target = error instanceof ArmError ? error.target : undefined;
  return {
    status: error.statusCode,
    headers: json,
    body: { error: { code: error.code, message: error.message, ...(target ? { target } : {}) } },
  };
}

/** A 401 with the bearer challenge naming the tenant; the code and wording are ours. */
function renderSynapseAuthFailure(_request: SimRequest, reason: string, tenantId: string): SimResponse {
  return {
    status: 401,
    headers: {
      ...json,
      "www-authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}", resource="${synapseAudience.replace(/\/$/, "")}"`,
    },
    body: { error: { code: "Unauthorized", message: `Token Authentication failed: ${reason}` } },
  };
}

/** The only api-version served: a client that sends another is not the one batchtop ships. */
function checkApiVersion(request: SimRequest): void {
  const version = request.query.get("api-version");
  if (version === null || version === "")
    throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
  if (version !== synapseApiVersion)
    throw notSupported(`Synapse api-version '${version}' (it serves ${synapseApiVersion})`);
}

export function createSynapseService(world: ManagementWorld): SimService {
  const requireWorkspace = (request: SimRequest, params: ArmParams, action: string): PipelineHost => {
    const name = params.get("workspace");
    const workspace = world.workspaces().find((host) => host.name.toLowerCase() === name.toLowerCase());
    if (!workspace) throw workspaceNotFound(name);
    const principalId = request.caller?.principalId ?? "";
    if (!world.identityDirectory().permits(principalId, action, workspace.resourceId))
      throw unauthorized(principalId, action, workspace.name);
    return workspace;
  };
  const requireRun = (workspace: PipelineHost, runId: string) => {
    const run = world.pipelineRun(workspace.resourceId, runId);
    if (!run) throw pipelineRunNotFound(runId);
    return run;
  };
  const endpoint = `${synapsePathPrefix}/:workspace`;
  const route = createArmRouter([
    {
      pattern: `${endpoint}/pipelines/:pipelineName/createRun`,
      methods: {
        POST: (request, params) => {
          const workspace = requireWorkspace(request, params, runAction);
          // Accepted: the run starts later (the Swagger's CreateRunResponse comes with 202). Query
          // parameters the API does not define are ignored, as Azure's services do, so Data
          // Factory's `startFromFailure` changes nothing here: without `startActivityName` a
          // recovery run starts from the first activity.
          return synapseJson(createRun(world, workspace, params.get("pipelineName"), request, false), 202);
        },
      },
    },
    {
      pattern: `${endpoint}/pipelineruns/:runId`,
      methods: {
        GET: (request, params) => {
          const workspace = requireWorkspace(request, params, readAction);
          return synapseJson(pipelineRunBody(requireRun(workspace, params.get("runId"))));
        },
      },
    },
    {
      pattern: `${endpoint}/queryPipelineRuns`,
      methods: {
        POST: (request, params) => {
          const workspace = requireWorkspace(request, params, readAction);
          return synapseJson(
            queryPipelineRuns(world.pipelineRuns(workspace.resourceId), request, pipelineRunBody),
          );
        },
      },
    },
    {
      pattern: `${endpoint}/pipelines/:pipelineName/pipelineruns/:runId/queryActivityruns`,
      methods: {
        POST: (request, params) => {
          const workspace = requireWorkspace(request, params, readAction);
          const run = requireRun(workspace, params.get("runId"));
          // The run is addressed under its pipeline: under another one it is not there.
          if (run.spec.name.toLowerCase() !== params.get("pipelineName").toLowerCase())
            throw pipelineRunNotFound(params.get("runId"));
          return synapseJson(queryActivityRuns(run, request));
        },
      },
    },
  ]);
  return {
    name: "synapse",
    audience: synapseAudience,
    owns: (path) => new RegExp(`^/+${synapsePathPrefix.slice(1)}(/|$)`, "i").test(path),
    handle(request: SimRequest): SimResponse {
      checkApiVersion(request);
      return route(request);
    },
    renderError: renderSynapseError,
    renderAuthFailure: renderSynapseAuthFailure,
  };
}
