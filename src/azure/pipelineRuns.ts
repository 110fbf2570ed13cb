import { DataFactoryManagementClient } from "@azure/arm-datafactory";
import type { TokenCredential } from "@azure/identity";
import { systemClock, type Clock } from "./clock.js";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import { toFactoryActivityRun, toPipelineRunInfo } from "./pipelineRunMapping.js";
import type { AccountThrottle } from "./throttle.js";
import { defaultArmScope } from "./tokenScopes.js";
import type { TransportOptions } from "./transport.js";
import { AzureRequestError } from "./azureError.js";
import type {
  FactoryActivityRun,
  FactoryRef,
  PipelineRunInfo,
  RecoveryRunRequest,
} from "../model/pipelineRuns.js";

/**
 * Reads of Data Factory pipeline runs (Microsoft.DataFactory, api-version 2018-06-01, through
 * @azure/arm-datafactory 12.0.0). Every call names its factory: batchtop learns the factory from
 * what it already has about a task, not from configuration (see `DataFactoryTarget`). Present in
 * read-only mode: the two queries are POSTs the read-only guard allows by name.
 */
export interface PipelineRunReader {
  /** PipelineRuns_Get (a GET). A run the factory does not know is an AzureRequestError with 404. */
  getPipelineRun(factory: FactoryRef, runId: string, signal?: AbortSignal): Promise<PipelineRunInfo>;
  /**
   * Every activity run of a pipeline run (ActivityRuns_QueryByPipelineRun, a POST that only reads),
   * all pages. The query needs a window on the activity runs' last update: from a minute before the
   * run started (45 days back, the factory's retention, when the start is not known) to a day ahead
   * of this machine's clock, so a clock behind the service's loses nothing.
   */
  activityRuns(
    factory: FactoryRef,
    run: Pick<PipelineRunInfo, "runId" | "start">,
    signal?: AbortSignal,
  ): Promise<FactoryActivityRun[]>;
}

/** Starts pipeline runs. Absent in read-only mode: a mutation that was never built cannot be called. */
export interface PipelineRunner {
  /**
   * Pipelines_CreateRun with `referencePipelineRunId`, `isRecovery: true` and `startFromFailure:
   * true`: a new pipeline run (its id is the answer) grouped with the reference run, running the
   * reference run's failed activities and what follows them. Sent once: a retry after a lost answer
   * could start a second run, so a failure is reported, never repeated.
   */
  createRecoveryRun(request: RecoveryRunRequest, signal?: AbortSignal): Promise<string>;
}

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

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;
/** How long Data Factory keeps pipeline run data. */
const retentionMs = 45 * dayMs;

/** An answer without the fields batchtop keys on is the service's fault, named as such. */
function malformed(what: string): AzureRequestError {
  return new AzureRequestError(
    `Data Factory answered ${what} without its identifiers`,
    undefined,
    "MalformedAnswer",
    undefined,
    undefined,
  );
}

export function createPipelineRunReader(
  clientFor: DataFactoryClients,
  throttle: AccountThrottle,
  clock: Clock = systemClock,
): PipelineRunReader {
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
      if (!info) throw malformed(`pipeline run ${runId}`);
      return info;
    },
    activityRuns: async (factory, run, signal) => {
      const client = clientFor(factory.subscriptionId);
      const now = clock.now();
      const after = run.start ? run.start.getTime() - minuteMs : now - retentionMs;
      const runs: FactoryActivityRun[] = [];
      let continuationToken: string | undefined;
      do {
        const filter = {
          lastUpdatedAfter: new Date(after),
          lastUpdatedBefore: new Date(now + dayMs),
          ...(continuationToken ? { continuationToken } : {}),
        };
        const page = await throttle.run(
          (attempt) =>
            client.activityRuns.queryByPipelineRun(
              factory.resourceGroup,
              factory.factoryName,
              run.runId,
              filter,
              { abortSignal: attempt },
            ),
          { signal },
        );
        for (const item of page.value) {
          const mapped = toFactoryActivityRun(item);
          if (mapped) runs.push(mapped);
        }
        continuationToken = page.continuationToken ?? undefined;
      } while (continuationToken);
      return runs;
    },
  };
}

export function createPipelineRunner(
  clientFor: DataFactoryClients,
  throttle: AccountThrottle,
): PipelineRunner {
  return {
    createRecoveryRun: async (request, signal) => {
      const { factory } = request;
      const client = clientFor(factory.subscriptionId);
      const answer = await throttle.run(
        (attempt) =>
          client.pipelines.createRun(factory.resourceGroup, factory.factoryName, request.pipelineName, {
            referencePipelineRunId: request.referencePipelineRunId,
            isRecovery: true,
            startFromFailure: request.startFromFailure,
            abortSignal: attempt,
          }),
        { signal, retry: false },
      );
      if (!answer.runId) throw malformed("the new pipeline run");
      return answer.runId;
    },
  };
}
