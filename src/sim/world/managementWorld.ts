import type { ApplicationPackageRecord, ApplicationRecord } from "./applications.js";
import type { Pool } from "./entities.js";
import type { IdentityDirectory, ManagedIdentity } from "./identityDirectory.js";
import type { DeallocationOption } from "./nodeLifecycle.js";
import type { PoolUpdate } from "./poolUpdate.js";
import type { AccountConfig } from "./accountConfig.js";
import type { PoolRecord } from "./state.js";
import type { PipelineRunEntry } from "./factoryRuns.js";
import type { PipelineHost } from "./history.js";
import type { PipelineSpec } from "./pipelineSpecs.js";

/** What the management plane shows of a pool besides the data-plane entity. */
export interface PoolManagementDetails {
  /** When the current or last resize began (a laid-out pool's is its creation). */
  lastResizeStart: string;
  nodeDeallocationOption: DeallocationOption;
  targetNodeCommunicationMode: PoolRecord["targetNodeCommunicationMode"];
}

/**
 * The simulated Batch account as the ARM (Microsoft.Batch) routes see it: the same pools the data
 * plane serves, plus the account's autostorage and identity settings, the tenant's user-assigned
 * identities and the account's applications. Mutations check like the service and throw
 * SimServiceError with the Batch service's code when refused.
 */
export interface ManagementWorld {
  account(): Readonly<AccountConfig>;
  listPools(): readonly Pool[];
  getPool(poolId: string): Pool | undefined;
  poolManagementDetails(poolId: string): PoolManagementDetails | undefined;
  findIdentity(resourceId: string): ManagedIdentity | undefined;
  findApplication(name: string): ApplicationRecord | undefined;
  accountCanReachAutoStorage(): boolean;
  /** The tenant's user-assigned identities and role assignments (Microsoft.ManagedIdentity, Microsoft.Authorization). */
  identityDirectory(): IdentityDirectory;
  now(): Date;

  /** The data factories whose pipelines run on the account (Microsoft.DataFactory). */
  factories(): PipelineHost[];
  /** The Synapse workspaces whose pipelines run on the account (served on their own endpoints). */
  workspaces(): PipelineHost[];
  /** A factory's or workspace's pipeline, by the host's ARM id. */
  pipeline(hostId: string, name: string): PipelineSpec | undefined;
  pipelineRun(hostId: string, runId: string): PipelineRunEntry | undefined;
  pipelineRuns(hostId: string): PipelineRunEntry[];

  updatePool(poolId: string, update: PoolUpdate): void;
  /** The fix drill: see `World.fixPipeline`. */
  fixPipeline(name: string): string[];
  /** Pipelines_CreateRun, once the request is checked: see `startManualRun`. */
  startPipelineRun(
    spec: PipelineSpec,
    options: {
      parameters: Readonly<Record<string, string>>;
      startIndex: number;
      reference?: PipelineRunEntry;
    },
  ): PipelineRunEntry;
  createApplicationPackage(applicationName: string, version: string): ApplicationPackageRecord;
}
