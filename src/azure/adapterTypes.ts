import type { TokenCredential } from "@azure/identity";
import type { AutoScaleEvaluator } from "./autoScale.js";
import type { BatchReader } from "./batchReader.js";
import type { BatchWriter } from "./batchWriter.js";
import type { ChangeHistory } from "./changeHistory.js";
import type { DataFactoryTarget } from "./dataFactoryRuns.js";
import type { IdentityReader } from "./identityReader.js";
import type { OutputStore } from "./outputStore.js";
import type { PipelineRunner, PipelineRunReader } from "./pipelineRuns.js";
import type { PoolManagement } from "./poolManagement.js";
import type { PoolManager } from "./poolManager.js";
import type { RunHistory } from "./runHistory.js";
import type { SynapseTarget } from "./synapseRuns.js";
import type { TimelineReader } from "./timelineReader.js";
import type { AccountThrottle, ThrottleOptions } from "./throttle.js";
import type { TransportOptions } from "./transport.js";

// The shapes of the account's adapters, apart from the code that builds them: azureAdapters.ts
// builds Batch's, secondaryAdapters.ts (loaded later) the others.

/** The adapters beyond Batch, as the options ask for them. */
export type SecondaryAdapters = Omit<AzureAdapters, "reader" | "writer" | "autoScale" | "throttles">;

/** secondaryAdapters.ts, which imports the SDKs beyond Batch. */
export interface SecondaryModule {
  createSecondaryAdapters(
    options: AzureAdapterOptions,
    throttles: AzureAdapters["throttles"],
  ): SecondaryAdapters;
}

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
  /**
   * The module of the adapters beyond Batch (ARM, Log Analytics, Storage, Data Factory, Synapse),
   * which imports their SDKs: the CLI's loadSecondaryAdapters(), which the dashboard holds back until
   * its first data so they do not delay the first screen. Their calls made before then wait. Needed
   * when any of those targets is given.
   */
  secondary?: Promise<SecondaryModule>;
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
