import { createArmClient } from "./armClient.js";
import type { AzureAdapterOptions, AzureAdapters, SecondaryAdapters } from "./adapterTypes.js";
import { createChangeHistory } from "./changeHistory.js";
import {
  createDataFactoryClients,
  createDataFactoryRunApi,
  createDataFactoryRunStarter,
} from "./dataFactoryRuns.js";
import { createIdentityClients, createIdentityReader } from "./identityReader.js";
import { createLogsClient } from "./logsClient.js";
import { createOutputStore } from "./outputStore.js";
import { createPipelineRunner, createPipelineRunReader, type RunApis } from "./pipelineRuns.js";
import { createPoolManagement } from "./poolManagement.js";
import { createPoolManager } from "./poolManager.js";
import { createRunHistory } from "./runHistory.js";
import { createSynapseClients, createSynapseRunApi, createSynapseRunStarter } from "./synapseRuns.js";
import { createTimelineReader } from "./timelineReader.js";
import { defaultRequestTimeoutMs } from "./throttle.js";

/**
 * The adapters for ARM, Log Analytics, Storage, Data Factory and Synapse, over the throttles the
 * caller made for them. This module imports their SDKs: azureAdapters.ts loads it only once the
 * first screen has its data.
 */
export function createSecondaryAdapters(
  options: AzureAdapterOptions,
  throttles: AzureAdapters["throttles"],
): SecondaryAdapters {
  const { readOnly, credential, storageUrl, arm, logs, dataFactory, synapse, transport = {} } = options;
  const adapters: SecondaryAdapters = {};
  if (storageUrl) {
    adapters.outputStore = createOutputStore({
      storageUrl,
      credential,
      transport,
      readOnly,
      throttle: throttles.storage!,
    });
  }
  if (arm) {
    // Pool management and the identity reads: the same endpoint, sign-in and guard.
    const armOptions = {
      endpoint: arm.endpoint,
      subscriptionId: arm.subscriptionId,
      credential,
      transport,
      readOnly,
      ...(arm.scope ? { scope: arm.scope } : {}),
    };
    const armClient = createArmClient(armOptions);
    const throttle = throttles.arm!;
    adapters.poolManagement = createPoolManagement(armClient, arm, throttle);
    if (!readOnly) adapters.poolManager = createPoolManager(armClient, arm, throttle);
    // Same endpoint, same limits: the identity reads share the ARM throttle with pool management.
    adapters.identityReader = createIdentityReader(createIdentityClients(armOptions), throttle);
  }
  if (logs) {
    const throttle = throttles.logs!;
    // The service's wait stays below the request timeout, so a slow query ends in the service's words.
    const timeoutSeconds = (options.throttle?.timeoutMs ?? defaultRequestTimeoutMs) / 1000;
    const batchAccountName = logs.batchAccountName ?? arm?.accountName;
    const target = {
      client: createLogsClient({
        endpoint: logs.endpoint,
        credential,
        transport,
        readOnly,
        ...(logs.scope ? { scope: logs.scope } : {}),
      }),
      workspaceId: logs.workspaceId,
      throttle,
      serverTimeoutSeconds: Math.max(1, Math.floor(timeoutSeconds) - 5),
      ...(batchAccountName ? { batchAccountName } : {}),
    };
    adapters.runHistory = createRunHistory(target);
    adapters.changeHistory = createChangeHistory(target);
    adapters.timeline = createTimelineReader(target);
  }
  const apis: RunApis<"api"> = {};
  const starters: RunApis<"starter"> = {};
  if (dataFactory) {
    // Data Factory's ARM limits are the factory's subscription's, apart from the Batch account's.
    const throttle = throttles.dataFactory!;
    const clientFor = createDataFactoryClients({ ...dataFactory, credential, transport, readOnly });
    apis.adf = createDataFactoryRunApi(clientFor, throttle);
    if (!readOnly) starters.adf = createDataFactoryRunStarter(clientFor, throttle);
  }
  if (synapse) {
    // Workspace endpoints are Synapse's, limited apart from ARM and the Batch account.
    const throttle = throttles.synapse!;
    const clientFor = createSynapseClients({ ...synapse, credential, transport, readOnly });
    apis.synapse = createSynapseRunApi(clientFor, throttle);
    if (!readOnly) starters.synapse = createSynapseRunStarter(clientFor, throttle);
  }
  if (dataFactory || synapse) {
    adapters.pipelineRunReader = createPipelineRunReader(apis);
    if (!readOnly) adapters.pipelineRunner = createPipelineRunner(starters);
  }
  return adapters;
}
