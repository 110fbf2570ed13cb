import type { TokenCredential } from "@azure/identity";
import { createArmClient } from "./armClient.js";
import { createAutoScaleEvaluator, type AutoScaleEvaluator } from "./autoScale.js";
import { createBatchClient } from "./batchClient.js";
import { createBatchReader, type BatchReader } from "./batchReader.js";
import { createBatchWriter, type BatchWriter } from "./batchWriter.js";
import { createIdentityClients, createIdentityReader, type IdentityReader } from "./identityReader.js";
import { createLogsClient } from "./logsClient.js";
import { createOutputStore, type OutputStore } from "./outputStore.js";
import {
  createDataFactoryClients,
  createDataFactoryRunApi,
  createDataFactoryRunStarter,
  type DataFactoryTarget,
} from "./dataFactoryRuns.js";
import {
  createPipelineRunner,
  createPipelineRunReader,
  type PipelineRunner,
  type PipelineRunReader,
  type RunApis,
} from "./pipelineRuns.js";
import {
  createSynapseClients,
  createSynapseRunApi,
  createSynapseRunStarter,
  type SynapseTarget,
} from "./synapseRuns.js";
import { createPoolManagement, type PoolManagement } from "./poolManagement.js";
import { createPoolManager, type PoolManager } from "./poolManager.js";
import { createRunHistory, type RunHistory } from "./runHistory.js";
import { createChangeHistory, type ChangeHistory } from "./changeHistory.js";
import { createTimelineReader, type TimelineReader } from "./timelineReader.js";
import { AccountThrottle, defaultRequestTimeoutMs, type ThrottleOptions } from "./throttle.js";
import type { TransportOptions } from "./transport.js";

/** The Batch account as ARM knows it; without it pool management is off. */
export interface ArmTarget {
  /** e.g. https://management.azure.com, or a private link's host. */
  endpoint: string;
  subscriptionId: string;
  resourceGroup: string;
  accountName: string;
  /** The token scope, when the default (the cloud's ARM audience, see tokenScopes.ts) is not it. */
  scope?: string;
}

/** The Log Analytics workspace with the factory's and the account's logs; without it no run history. */
export interface LogsTarget {
  /** Including the version: e.g. https://api.loganalytics.io/v1. */
  endpoint: string;
  workspaceId: string;
  /** The token scope, when the default (the cloud's Log Analytics audience) is not it. */
  scope?: string;
  /** Restricts Batch events to this account; ArmTarget's account name when not given. */
  batchAccountName?: string;
}

export interface AzureAdapterOptions {
  batchEndpoint: string;
  credential: TokenCredential;
  readOnly: boolean;
  transport?: TransportOptions;
  /** The linked storage's blob URL; without it the log tail has no adfjobs fallback. */
  storageUrl?: string;
  arm?: ArmTarget;
  logs?: LogsTarget;
  /** Where Data Factory calls go; without it no recovery runs. The factory is named per call. */
  dataFactory?: DataFactoryTarget;
  /** Where Synapse workspaces' pipeline run calls go; without it no Synapse recovery runs. */
  synapse?: SynapseTarget;
  throttle?: ThrottleOptions;
}

export interface AzureAdapters {
  reader: BatchReader;
  /** Absent in read-only mode: a mutation that was never built cannot be called. */
  writer?: BatchWriter;
  /** Evaluates autoscale formulas without applying them; read-only mode included. */
  autoScale: AutoScaleEvaluator;
  outputStore?: OutputStore;
  /** Present with an ARM target. */
  poolManagement?: PoolManagement;
  /** Present with an ARM target, absent in read-only mode. */
  poolManager?: PoolManager;
  /** Present with an ARM target, read-only mode included: it only reads. */
  identityReader?: IdentityReader;
  /** Present with a Log Analytics target. */
  runHistory?: RunHistory;
  /** Present with a Log Analytics target: what `:changes` asks it. */
  changeHistory?: ChangeHistory;
  /** Present with a Log Analytics target: the timeline's counts and events. */
  timeline?: TimelineReader;
  /** Present with a Data Factory or Synapse target, read-only mode included: it only reads. */
  pipelineRunReader?: PipelineRunReader;
  /** Present with a Data Factory or Synapse target, absent in read-only mode. */
  pipelineRunner?: PipelineRunner;
  /**
   * One per endpoint, shared by its readers and writers: what the store shows as throttling. ARM and
   * Log Analytics limit requests on their own, apart from the Batch account.
   */
  throttles: {
    batch: AccountThrottle;
    storage?: AccountThrottle;
    arm?: AccountThrottle;
    logs?: AccountThrottle;
    dataFactory?: AccountThrottle;
    synapse?: AccountThrottle;
  };
}

/**
 * The adapters for one account. In read-only mode the writers are not constructed and every
 * pipeline also carries the read-only guard, the second line of defence.
 */
export function createAzureAdapters(options: AzureAdapterOptions): AzureAdapters {
  const { readOnly, credential, storageUrl, arm, logs, dataFactory, synapse, transport = {} } = options;
  const client = createBatchClient(options.batchEndpoint, credential, transport, { readOnly });
  const batch = new AccountThrottle(options.throttle);
  const adapters: AzureAdapters = {
    reader: createBatchReader(client, batch),
    autoScale: createAutoScaleEvaluator(client, batch),
    throttles: { batch },
  };
  if (!readOnly) adapters.writer = createBatchWriter(client, batch);
  if (storageUrl) {
    const storage = new AccountThrottle(options.throttle);
    adapters.throttles.storage = storage;
    adapters.outputStore = createOutputStore({
      storageUrl,
      credential,
      transport,
      readOnly,
      throttle: storage,
    });
  }
  if (arm) {
    const armClient = createArmClient({
      endpoint: arm.endpoint,
      subscriptionId: arm.subscriptionId,
      credential,
      transport,
      readOnly,
      ...(arm.scope ? { scope: arm.scope } : {}),
    });
    const throttle = new AccountThrottle(options.throttle);
    adapters.throttles.arm = throttle;
    adapters.poolManagement = createPoolManagement(armClient, arm, throttle);
    if (!readOnly) adapters.poolManager = createPoolManager(armClient, arm, throttle);
    // Same endpoint, same limits: the identity reads share the ARM throttle with pool management.
    adapters.identityReader = createIdentityReader(
      createIdentityClients({
        endpoint: arm.endpoint,
        subscriptionId: arm.subscriptionId,
        credential,
        transport,
        readOnly,
        ...(arm.scope ? { scope: arm.scope } : {}),
      }),
      throttle,
    );
  }
  if (logs) {
    const throttle = new AccountThrottle(options.throttle);
    adapters.throttles.logs = throttle;
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
    const throttle = new AccountThrottle(options.throttle);
    adapters.throttles.dataFactory = throttle;
    const clientFor = createDataFactoryClients({ ...dataFactory, credential, transport, readOnly });
    apis.adf = createDataFactoryRunApi(clientFor, throttle);
    if (!readOnly) starters.adf = createDataFactoryRunStarter(clientFor, throttle);
  }
  if (synapse) {
    // Workspace endpoints are Synapse's, limited apart from ARM and the Batch account.
    const throttle = new AccountThrottle(options.throttle);
    adapters.throttles.synapse = throttle;
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
