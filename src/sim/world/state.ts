// The world's internal state: the wire-shaped entities the data plane serves, wrapped in records that
// hold what the service knows but does not show (a node's fate, a task's running attempt, a job's
// queue). Modules operate on these records; the World class is the only public face.

import type { MetricSample } from "./autoscaleFormula.js";
import type { AccountConfig } from "./accountConfig.js";
import { ApplicationRegistry } from "./applications.js";
import type { FinishedTaskOutput, ResizeRequest } from "./batchWorld.js";
import type {
  ComputeNode,
  Job,
  Pool,
  ResizeError,
  Task,
  TaskCountsResult,
  TaskFailureInfo,
} from "./entities.js";
import { FactoryRunBook } from "./factoryRuns.js";
import { HistoryLog } from "./history.js";
import { IdentityDirectory } from "./identityDirectory.js";
import type { NodeIdentitySetup } from "./identityRules.js";
import { eTagAt } from "./ids.js";
import type { NodeFate } from "./nodeFate.js";
import type { AttemptOutput } from "./programOutput.js";
import type { AttemptDecision, ProgramSpec } from "./programs.js";
import { Random } from "./random.js";
import type { TaskOrigin } from "./taskOrigin.js";
import type { TaskQueue } from "./taskQueue.js";
import { Timeline } from "./timeline.js";

export interface AllocationContext {
  pool: Pool;
  account: AccountConfig;
  /** The identities and autostorage settings the node is created with (see identityRules). */
  identitySetup: NodeIdentitySetup;
  dedicated: boolean;
  /** How many nodes the pool had allocated before this one (0 for the first). */
  allocationNumber: number;
  rng: Random;
}

/**
 * Node behaviour as a function of pool and account configuration at allocation time: the pool
 * identity, application packages and the autostorage node identity reference decide it, which is
 * why changing them reaches only nodes allocated afterwards.
 */
export type NodeFateRule = (context: AllocationContext) => NodeFate;

/** The failure a task meets before its command runs (resource files it cannot download), if any. */
export type TaskPreparationRule = (context: {
  pool: Pool;
  account: AccountConfig;
  task: Task;
  /** What the node running the attempt was allocated with: later pool changes do not reach it. */
  node: NodeIdentitySetup;
  /** User-assigned identities (normalised resource ids) holding a data role on the autostorage account. */
  storageReaders: ReadonlySet<string>;
}) => TaskFailureInfo | undefined;

export interface PoolBehaviour {
  nodeFate: NodeFateRule;
  taskPreparation: TaskPreparationRule;
  /** Spot nodes only: mean preemptions per node-hour. */
  preemptionsPerNodeHour: number;
  /** After a quota error keep resizing (retrying) until the resize timeout, as a "stuck" pool does. */
  stallOnQuota: boolean;
  /**
   * Most nodes the region can give this pool; past it allocations wait silently and the resize
   * ends with AllocationTimedout (the service's "insufficient capacity" case).
   */
  regionCapacity: number;
}

export interface ResizeOperation {
  startMs: number;
  deadlineMs: number;
  nodeDeallocationOption: NonNullable<ResizeRequest["nodeDeallocationOption"]>;
  errors: ResizeError[];
  nextAllocationMs: number;
  /** Whether nodes were being added (the complete event says `invalid` as deallocation option then). */
  growing: boolean;
}

export interface PoolRecord {
  pool: Pool;
  index: number;
  os: "linux" | "windows";
  /** Cores per node, for the account core quota. */
  cores: number;
  nodes: ComputeNode[];
  nodeRecords: Map<string, NodeRecord>;
  behaviour: PoolBehaviour;
  resize: ResizeOperation | undefined;
  /** Nodes ever allocated; numbers IP addresses and feeds the fate rule. */
  allocations: number;
  /** When the latest resize began and how it removes nodes, kept after it ends (ARM shows it). */
  lastResize:
    | { startMs: number; nodeDeallocationOption: ResizeOperation["nodeDeallocationOption"] }
    | undefined;
  /** Set through ARM only: data-plane api-version 2022-10-01.16.0 does not show it. */
  targetNodeCommunicationMode: "default" | "classic" | "simplified" | undefined;
  /** The pool's task metrics every 30 seconds, oldest first: what autoscale formulas read. */
  metricSamples?: MetricSample[];
  /** When an autoscaled pool's formula is evaluated next. */
  nextAutoScaleMs?: number;
  /** Batch takes one enableautoscale per pool every 30 seconds. */
  lastAutoScaleEnableMs?: number;
}

export interface NodeRecord {
  node: ComputeNode;
  pool: PoolRecord;
  fate: NodeFate;
  /** Fixed at allocation: a node keeps the identities its VM was created with. */
  identitySetup: NodeIdentitySetup;
  /** Boots so far; each boot's start task draws its behaviour from its own stream. */
  bootCount: number;
  /**
   * Bumped whenever the node's lifecycle is interrupted or moves on (boot, reboot, preemption,
   * unusable, leaving); timeline actions scheduled in an earlier epoch then do nothing.
   */
  epoch: number;
  running: TaskRecord[];
  /** Tasks whose latest attempt's directory is on this node, oldest first. */
  taskDirectories: TaskRecord[];
  /** Set when a shrink, reboot or reimage waits for running tasks to finish. */
  pendingExit: { kind: "leave" } | { kind: "reboot" | "reimage"; option: string } | undefined;
  removed: boolean;
}

export interface RunningAttempt {
  index: number;
  node: NodeRecord;
  startMs: number;
  decision: AttemptDecision;
  /** Set when the task fails before its command runs; the attempt then ends within seconds. */
  preparationFailure: TaskFailureInfo | undefined;
  /** Rendered on first read and kept while the attempt runs, since live tails read it often. */
  output: AttemptOutput | undefined;
}

export interface TaskRecord {
  task: Task;
  job: JobRecord;
  program: ProgramSpec;
  origin: TaskOrigin;
  attempt: RunningAttempt | undefined;
  /** Attempts started so far; attempt n draws its behaviour from stream n. */
  attemptCount: number;
  /** Node holding the latest attempt's directory; undefined before the first attempt. */
  directoryNode: NodeRecord | undefined;
  /** Set by whoever created the task (a pipeline) to hear when it completes. */
  onCompleted: ((record: TaskRecord) => void) | undefined;
}

export interface JobRecord {
  job: Job;
  pool: PoolRecord;
  tasks: Task[];
  taskRecords: Map<string, TaskRecord>;
  queue: TaskQueue<TaskRecord>;
  counts: TaskCountsResult;
}

export interface SimState {
  seed: number;
  rng: Random;
  nowMs: number;
  account: AccountConfig;
  /** The Batch account's ARM id, for AzureDiagnostics. */
  accountResourceId: string;
  pools: Pool[];
  poolRecords: Map<string, PoolRecord>;
  jobs: Job[];
  jobRecords: Map<string, JobRecord>;
  timeline: Timeline;
  history: HistoryLog;
  /** Counts every modification, to make eTags unique within a step. */
  changeCounter: number;
  jobsWithQueuedTasks: Set<JobRecord>;
  /** Nodes whose last task just finished while a shrink or reboot waited for them. */
  nodesToSettle: Set<NodeRecord>;
  finishedListeners: ((output: FinishedTaskOutput) => void)[];
  /** The tenant's user-assigned identities and who holds a data role on the autostorage account. */
  identities: IdentityDirectory;
  applications: ApplicationRegistry;
  /** Pipeline runs as the Data Factory and Synapse run APIs answer about them. */
  factoryRuns: FactoryRunBook;
}

export interface SimStateConfig {
  seed: number;
  startMs: number;
  account: AccountConfig;
  historyLimit: number;
}

export function createSimState(config: SimStateConfig): SimState {
  const { account } = config;
  return {
    seed: config.seed,
    rng: new Random(config.seed),
    nowMs: config.startMs,
    account,
    accountResourceId: `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${account.name}`,
    pools: [],
    poolRecords: new Map(),
    jobs: [],
    jobRecords: new Map(),
    timeline: new Timeline(config.startMs),
    history: new HistoryLog(config.historyLimit),
    changeCounter: 0,
    jobsWithQueuedTasks: new Set(),
    nodesToSettle: new Set(),
    finishedListeners: [],
    identities: new IdentityDirectory(
      `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${account.storageAccountName}`,
    ),
    applications: new ApplicationRegistry(),
    factoryRuns: new FactoryRunBook(),
  };
}

/** The next eTag for an entity modified now. */
export function nextETag(sim: SimState): string {
  sim.changeCounter += 1;
  return eTagAt(sim.nowMs, sim.changeCounter);
}
