import { DataFactoryManagementClient } from "@azure/arm-datafactory";
import type { TokenCredential } from "@azure/identity";
import { systemClock, type Clock } from "./clock.js";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import { toFactoryActivityRun, toPipelineRunInfo } from "./pipelineRunMapping.js";
import type { AccountThrottle } from "./throttle.js";
import { defaultArmScope } from "./tokenScopes.js";
import type { TransportOptions } from "./transport.js";
import {
  allActivityRuns,
  malformedRunAnswer,
  runQueryWindow,
  type HostRunApi,
  type HostRunStarter,
} from "./pipelineRuns.js";
import type { FactoryRef } from "../model/pipelineRuns.js";

/**
 * Where Data Factory calls go: the ARM endpoint, with the token scope when the cloud's default is
 * not it. No factory here, on purpose: a Batch account serves pipelines of several factories (and
 * subscriptions), and which one owns a task is known per task. Log Analytics' ADFActivityRun and
 * ADFPipelineRun rows carry the factory's ARM id (`ResourceId`/`_ResourceId`; `factoryFromResourceId`
 * reads it), and without a workspace the task directory's `runtime/activity.json` names the
 * factory's pipeline run. The client for a factory is then built for its subscription on first use
 * and kept: resource group and factory name are per call.
 */
export interface DataFactoryTarget {
  /** e.g. https://management.azure.com. */
  endpoint: string;
  /** The token scope, when the default (the cloud's ARM audience, see tokenScopes.ts) is not it. */
  scope?: string;
}

export interface DataFactoryClientOptions extends DataFactoryTarget {
  credential: TokenCredential;
  transport?: TransportOptions;
  /** Installs the read-only guard: the second line of defence behind not building the runner. */
  readOnly: boolean;
}

/** The Data Factory client of a subscription. */
export type DataFactoryClients = (subscriptionId: string) => DataFactoryManagementClient;

/**
 * Data Factory clients, one per subscription, built like the other ARM clients: explicit token
 * scope, the SDK's own retries off (batchtop's throttle decides, and createRun must not repeat), the
 * demo CA and the read-only guard (before the token policy) in each pipeline.
 */
export function createDataFactoryClients(options: DataFactoryClientOptions): DataFactoryClients {
  const clients = new Map<string, DataFactoryManagementClient>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = new DataFactoryManagementClient(options.credential, subscriptionId, {
        endpoint: options.endpoint,
        // Without it the SDK would ask for a token for `<endpoint>/.default`, wrong behind a private link.
        credentialScopes: [options.scope ?? defaultArmScope(options.endpoint)],
        retryOptions: { maxRetries: 0 },
      });
      installBatchtopPolicies(client.pipeline, options.transport ?? {}, options.readOnly);
      clients.set(key, client);
    }
    return client;
  };
}

const service = "Data Factory";

/** Pipeline runs of data factories, read through ARM. */
export function createDataFactoryRunApi(
  clientFor: DataFactoryClients,
  throttle: AccountThrottle,
  clock: Clock = systemClock,
): HostRunApi<FactoryRef> {
  return {
    getPipelineRun: async (factory, runId, signal) => {
      const client = clientFor(factory.subscriptionId);
      const run = await throttle.run(
        (attempt) =>
          client.pipelineRuns.get(factory.resourceGroup, factory.factoryName, runId, {
            abortSignal: attempt,
          }),
        { signal },
      );
      const info = toPipelineRunInfo(run);
      if (!info) throw malformedRunAnswer(service, `pipeline run ${runId}`);
      return info;
    },
    activityRuns: async (factory, run, signal) => {
      const client = clientFor(factory.subscriptionId);
      return allActivityRuns(
        runQueryWindow(run.start, clock.now()),
        (filter) =>
          throttle.run(
            (attempt) =>
              client.activityRuns.queryByPipelineRun(
                factory.resourceGroup,
                factory.factoryName,
                run.runId,
                filter,
                { abortSignal: attempt },
              ),
            { signal },
          ),
        toFactoryActivityRun,
      );
    },
  };
}

/**
 * Pipelines_CreateRun with `referencePipelineRunId`, `isRecovery: true` and `startFromFailure: true`:
 * Data Factory finds the failed activity itself, so the request's activity name is not sent.
 */
export function createDataFactoryRunStarter(
  clientFor: DataFactoryClients,
  throttle: AccountThrottle,
): HostRunStarter<FactoryRef> {
  return {
    createRecoveryRun: async (factory, request, signal) => {
      const client = clientFor(factory.subscriptionId);
      const answer = await throttle.run(
        (attempt) =>
          client.pipelines.createRun(factory.resourceGroup, factory.factoryName, request.pipelineName, {
            referencePipelineRunId: request.referencePipelineRunId,
            isRecovery: true,
            startFromFailure: true,
            abortSignal: attempt,
          }),
        { signal, retry: false },
      );
      if (!answer.runId) throw malformedRunAnswer(service, "the new pipeline run");
      return answer.runId;
    },
  };
}
