import { ArtifactsClient } from "@azure/synapse-artifacts";
import type { TokenCredential } from "@azure/identity";
import { systemClock, type Clock } from "./clock.js";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import { toFactoryActivityRun, toPipelineRunInfo } from "./pipelineRunMapping.js";
import {
  allActivityRuns,
  malformedRunAnswer,
  runQueryWindow,
  type HostRunApi,
  type HostRunStarter,
} from "./pipelineRuns.js";
import type { AccountThrottle } from "./throttle.js";
import type { TransportOptions } from "./transport.js";
import type { WorkspaceRef } from "../model/pipelineRuns.js";
import { synapseEndpoint, synapseScope, synapseTemplateProblem } from "./synapseEndpoint.js";

/**
 * Where Synapse pipeline run calls go. Synapse serves pipeline runs from each workspace's own
 * development endpoint (data plane, api-version 2020-12-01), not through ARM, so the endpoint is a
 * template with the workspace's name in it: `https://{workspace}.dev.azuresynapse.net` on the
 * public cloud. Like Data Factory's target, no workspace is configured: Log Analytics' run rows name
 * it (`_ResourceId`), per task.
 */
export interface SynapseTarget {
  /** e.g. https://{workspace}.dev.azuresynapse.net; `{workspace}` is the only placeholder. */
  endpointTemplate: string;
  /** The token scope, when Synapse's (https://dev.azuresynapse.net/.default) is not it. */
  scope?: string;
}

export interface SynapseClientOptions extends SynapseTarget {
  credential: TokenCredential;
  transport?: TransportOptions;
  /** Installs the read-only guard: the second line of defence behind not building the runner. */
  readOnly: boolean;
}

/** The client of a workspace. */
export type SynapseClients = (workspace: WorkspaceRef) => ArtifactsClient;

/**
 * Synapse clients, one per workspace (the endpoint is the workspace's), each built like the ARM
 * clients: explicit token scope, the SDK's own retries off (batchtop's throttle decides, and
 * createPipelineRun must not repeat), the demo CA and the read-only guard before the token policy.
 * @azure/synapse-artifacts 1.0.0-beta.12 appends its operation paths to the endpoint's own path, so
 * an endpoint behind a path prefix (a proxy, the demo account's `/synapse/{workspace}`) works.
 * Throws for a template synapseTemplateProblem refuses: the CLI checks it first, with its own words.
 */
export function createSynapseClients(options: SynapseClientOptions): SynapseClients {
  const problem = synapseTemplateProblem(options.endpointTemplate);
  if (problem) throw new Error(`the Synapse endpoint ${problem}, got "${options.endpointTemplate}"`);
  const clients = new Map<string, ArtifactsClient>();
  return (workspace) => {
    const key = workspace.workspaceName.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = new ArtifactsClient(
        options.credential,
        synapseEndpoint(options.endpointTemplate, workspace.workspaceName),
        {
          credentialScopes: [options.scope ?? synapseScope],
          retryOptions: { maxRetries: 0 },
        },
      );
      installBatchtopPolicies(client.pipeline, options.transport ?? {}, options.readOnly);
      clients.set(key, client);
    }
    return client;
  };
}

const service = "Synapse";

/** Pipeline runs of Synapse workspaces, read from each workspace's endpoint. */
export function createSynapseRunApi(
  clientFor: SynapseClients,
  throttle: AccountThrottle,
  clock: Clock = systemClock,
): HostRunApi<WorkspaceRef> {
  const getPipelineRun: HostRunApi<WorkspaceRef>["getPipelineRun"] = async (workspace, runId, signal) => {
    const client = clientFor(workspace);
    const run = await throttle.run(
      (attempt) => client.pipelineRunOperations.getPipelineRun(runId, { abortSignal: attempt }),
      { signal },
    );
    const info = toPipelineRunInfo(run);
    if (!info) throw malformedRunAnswer(service, `pipeline run ${runId}`);
    return info;
  };
  return {
    getPipelineRun,
    activityRuns: async (workspace, run, signal) => {
      const client = clientFor(workspace);
      const pipelineName =
        run.pipelineName ?? (await getPipelineRun(workspace, run.runId, signal)).pipelineName;
      return allActivityRuns(
        runQueryWindow(run.start, clock.now()),
        (filter) =>
          throttle.run(
            (attempt) =>
              client.pipelineRunOperations.queryActivityRuns(pipelineName, run.runId, filter, {
                abortSignal: attempt,
              }),
            { signal },
          ),
        toFactoryActivityRun,
      );
    },
  };
}

/**
 * createPipelineRun with `referencePipelineRunId`, `isRecovery: true` and `startActivityName`: the
 * Synapse API has no `startFromFailure`, so it is told the failed activity by name.
 */
export function createSynapseRunStarter(
  clientFor: SynapseClients,
  throttle: AccountThrottle,
): HostRunStarter<WorkspaceRef> {
  return {
    createRecoveryRun: async (workspace, request, signal) => {
      const client = clientFor(workspace);
      const answer = await throttle.run(
        (attempt) =>
          client.pipelineOperations.createPipelineRun(request.pipelineName, {
            referencePipelineRunId: request.referencePipelineRunId,
            isRecovery: true,
            startActivityName: request.failedActivityName,
            abortSignal: attempt,
          }),
        { signal, retry: false },
      );
      if (!answer.runId) throw malformedRunAnswer(service, "the new pipeline run");
      return answer.runId;
    },
  };
}
