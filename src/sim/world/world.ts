import type { AccountConfig } from "./accountConfig.js";
import {
  newApplicationPackage,
  type ApplicationPackageRecord,
  type ApplicationRecord,
} from "./applications.js";
import type {
  BatchWorld,
  EnableAutoScaleRequest,
  FileContent,
  FinishedTaskOutput,
  RemoveNodesRequest,
  ResizeRequest,
} from "./batchWorld.js";
import { poolNodeCounts } from "./counts.js";
import type { ComputeNode, Job, NodeFile, Pool, PoolNodeCounts, Task, TaskCountsResult } from "./entities.js";
import { listNodeFiles, listTaskFiles, readNodeFile, readTaskFile } from "./files.js";
import type { HistoryRecord } from "./history.js";
import type { IdentityDirectory, ManagedIdentity } from "./identityDirectory.js";
import type { ManagementWorld, PoolManagementDetails } from "./managementWorld.js";
import {
  disableScheduling,
  enableScheduling,
  rebootNode,
  reimageNode,
  settleNodes,
} from "./nodeLifecycle.js";
import { formulaSyntaxError } from "./autoscaleFormula.js";
import {
  disableAutoScale,
  enableAutoScale,
  evaluateOnPool,
  stepAutoScale,
  takeSamples,
} from "./poolAutoscale.js";
import { removeNodes, startResize, stepPoolResize, stopResize } from "./poolResize.js";
import { checkEvaluationInterval, updatePool, type PoolUpdate } from "./poolUpdate.js";
import { checkResize, deallocationOption } from "./resizeChecks.js";
import { dispatchQueuedTasks } from "./scheduler.js";
import { WorldBuilder } from "./scenarios/builder.js";
import { scenarios } from "./scenarios/index.js";
import type { ScenarioDefinition } from "./scenarios/scenario.js";
import {
  applicationNotFound,
  autoScaleEnabled,
  autoScaleNotEnabled,
  autoScalingFormulaSyntaxError,
  invalidAutoScalingSettings,
  tooManyEnableAutoScaleRequests,
  invalidPropertyValue,
  jobNotActive,
  jobNotFound,
  nodeAlreadyInTargetSchedulingState,
  nodeNotFound,
  nodeNotRebootable,
  poolBeingResized,
  poolNotFound,
  taskNotCompleted,
  taskNotFound,
  taskSucceeded,
  taskCompleted,
} from "./serviceErrors.js";
import {
  createSimState,
  nextETag,
  type JobRecord,
  type NodeRecord,
  type PoolRecord,
  type SimState,
  type TaskRecord,
} from "./state.js";
import { reactivate, terminate } from "./taskExecution.js";
import type { PipelineRunEntry } from "./factoryRuns.js";
import type { PipelineHost } from "./history.js";
import { startManualRun } from "./pipelines.js";
import type { PipelineSpec } from "./pipelineSpecs.js";
import { completedTaskOutput } from "./taskOutput.js";
import { DAY_MS, STEP_MS, isoAt } from "./time.js";

/** The scenarios `createWorld` knows, for flags and help text. */
export const scenarioNames: readonly string[] = Object.keys(scenarios);

export interface WorldOptions {
  /** Same seed, same world (default 1). */
  seed?: number;
  /** Simulated "now" when the world is handed over; default 2024-05-01T08:00:00Z. */
  startTime?: Date | string | number;
  /** Base of every entity `url` (default https://batchtopdemo.westeurope.batch.azure.com). */
  accountUrl?: string;
  accountName?: string;
  subscriptionId?: string;
  resourceGroup?: string;
}

export interface CreateWorldOptions extends WorldOptions {
  scenario: string;
}

const defaultStartTime = "2024-05-01T08:00:00.000Z";

/** Builds the world of a named scenario (see `scenarioNames`). */
export function createWorld(options: CreateWorldOptions): World {
  const scenario = scenarios[options.scenario];
  if (!scenario) {
    throw new Error(`Unknown scenario "${options.scenario}"; known scenarios: ${scenarioNames.join(", ")}`);
  }
  return buildWorld(options.scenario, scenario, options);
}

/**
 * Builds a world from a scenario definition. The scenario is laid out its lead time before
 * `startTime` and simulated up to it, so the world arrives with history: finished runs, busy nodes,
 * tasks part-way through.
 */
export function buildWorld(
  scenarioName: string,
  scenario: ScenarioDefinition,
  options: WorldOptions = {},
): World {
  const requestedStart = new Date(options.startTime ?? defaultStartTime).getTime();
  if (Number.isNaN(requestedStart)) throw new Error(`Invalid start time: ${String(options.startTime)}`);
  // Steps fall on whole seconds, so the timeline's buckets line up with them.
  const startMs = Math.floor(requestedStart / STEP_MS) * STEP_MS;
  const name = options.accountName ?? "batchtopdemo";
  const account: AccountConfig = {
    name,
    url: options.accountUrl ?? `https://${name}.westeurope.batch.azure.com`,
    subscriptionId: options.subscriptionId ?? "00000000-0000-4000-8000-000000000001",
    resourceGroup: options.resourceGroup ?? "rg-batchtop-demo",
    location: "West Europe",
    dedicatedCoreQuota: 2000,
    lowPriorityCoreQuota: 1000,
    storageAccountName: "stbatchtopdemo",
    // Scenarios that are not about identities keep the portal's default: storage keys, no identity.
    autoStorage: {
      authenticationMode: "StorageKeys",
      nodeIdentityReference: undefined,
      lastKeySync: isoAt(startMs - 30 * DAY_MS),
    },
    identity: { type: "None" },
  };
  const lead = Math.ceil(scenario.leadTimeMs / STEP_MS) * STEP_MS;
  const sim = createSimState({
    seed: options.seed ?? 1,
    startMs: startMs - lead,
    account,
    historyLimit: 500_000,
  });
  scenario.build(new WorldBuilder(sim, startMs));
  const world = new World(sim, scenarioName);
  world.advance(lead);
  return world;
}

/**
 * The simulated Batch account: time-stepped (one step is one simulated second) and deterministic for
 * a seed. `advance` moves simulated time; reads return the live wire entities; mutations validate
 * like the service. Build one with `createWorld`.
 */
export class World implements BatchWorld, ManagementWorld {
  private pendingMs = 0;

  constructor(
    private readonly sim: SimState,
    readonly scenario: string,
  ) {}

  get seed(): number {
    return this.sim.seed;
  }

  now(): Date {
    return new Date(this.sim.nowMs);
  }

  /** Moves simulated time forward; time accumulates and is spent in whole steps. */
  advance(ms: number): void {
    if (!(ms > 0)) return;
    this.pendingMs += ms;
    while (this.pendingMs >= STEP_MS) {
      this.pendingMs -= STEP_MS;
      this.step();
    }
  }

  private step(): void {
    const { sim } = this;
    sim.nowMs += STEP_MS;
    sim.timeline.runDue(sim.nowMs);
    settleNodes(sim);
    takeSamples(sim);
    for (const pool of sim.poolRecords.values()) {
      stepAutoScale(sim, pool);
      stepPoolResize(sim, pool);
    }
    dispatchQueuedTasks(sim);
  }

  /** Pipeline and activity runs with every status transition, and Batch events; oldest first. */
  history(): readonly HistoryRecord[] {
    return this.sim.history.all();
  }

  /** A completed task's output as ADF copied it to `adfjobs/<taskId>/output/`, generated on demand. */
  completedTaskOutput(jobId: string, taskId: string): FinishedTaskOutput | undefined {
    const record = this.sim.jobRecords.get(jobId)?.taskRecords.get(taskId);
    return record && completedTaskOutput(this.sim, record);
  }

  listPools(): readonly Pool[] {
    return this.sim.pools;
  }

  getPool(poolId: string): Pool | undefined {
    return this.sim.poolRecords.get(poolId)?.pool;
  }

  listNodes(poolId: string): readonly ComputeNode[] {
    return this.sim.poolRecords.get(poolId)?.nodes ?? [];
  }

  getNode(poolId: string, nodeId: string): ComputeNode | undefined {
    return this.sim.poolRecords.get(poolId)?.nodeRecords.get(nodeId)?.node;
  }

  poolNodeCounts(): PoolNodeCounts[] {
    return [...this.sim.poolRecords.values()].map(poolNodeCounts);
  }

  listJobs(): readonly Job[] {
    return this.sim.jobs;
  }

  getJob(jobId: string): Job | undefined {
    return this.sim.jobRecords.get(jobId)?.job;
  }

  listTasks(jobId: string): readonly Task[] {
    return this.sim.jobRecords.get(jobId)?.tasks ?? [];
  }

  getTask(jobId: string, taskId: string): Task | undefined {
    return this.sim.jobRecords.get(jobId)?.taskRecords.get(taskId)?.task;
  }

  taskCounts(jobId: string): TaskCountsResult {
    const counts = this.sim.jobRecords.get(jobId)?.counts;
    const zero = { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
    return {
      taskCounts: { ...(counts?.taskCounts ?? zero) },
      taskSlotCounts: { ...(counts?.taskSlotCounts ?? zero) },
    };
  }

  listTaskFiles(jobId: string, taskId: string, recursive: boolean): NodeFile[] | undefined {
    const record = this.taskRecord(jobId, taskId);
    return record && listTaskFiles(this.sim, record, recursive);
  }

  readTaskFile(jobId: string, taskId: string, filePath: string): FileContent | undefined {
    const record = this.taskRecord(jobId, taskId);
    return record && readTaskFile(this.sim, record, filePath);
  }

  listNodeFiles(poolId: string, nodeId: string, recursive: boolean): NodeFile[] | undefined {
    const record = this.sim.poolRecords.get(poolId)?.nodeRecords.get(nodeId);
    return record && listNodeFiles(this.sim, record, recursive);
  }

  readNodeFile(poolId: string, nodeId: string, filePath: string): FileContent | undefined {
    const record = this.sim.poolRecords.get(poolId)?.nodeRecords.get(nodeId);
    return record && readNodeFile(this.sim, record, filePath);
  }

  resizePool(poolId: string, request: ResizeRequest): void {
    const record = this.requirePool(poolId);
    if (record.pool.enableAutoScale) throw autoScaleEnabled();
    startResize(this.sim, record, checkResize(record, request));
  }

  /** Stops a resize in progress; a pool that is not resizing is refused (PoolNotResizing). */
  stopResizePool(poolId: string): void {
    stopResize(this.sim, this.requirePool(poolId));
  }

  evaluateAutoScale(poolId: string, formula: string): NonNullable<Pool["autoScaleRun"]> {
    const record = this.requirePool(poolId);
    if (!record.pool.enableAutoScale) throw autoScaleNotEnabled();
    // A formula that cannot be evaluated is answered with 200 and the error in the run, which is
    // what the operator reads before enabling it.
    return evaluateOnPool(this.sim, record, formula);
  }

  enableAutoScale(poolId: string, request: EnableAutoScaleRequest): void {
    const record = this.requirePool(poolId);
    const { pool } = record;
    // What is wrong with the request (400) is said before what is wrong with the pool's state (409).
    const formula = request.autoScaleFormula ?? pool.autoScaleFormula;
    if (formula === undefined)
      throw invalidAutoScalingSettings("A formula is required to enable automatic scaling on the pool.");
    if (request.autoScaleEvaluationInterval !== undefined)
      checkEvaluationInterval(request.autoScaleEvaluationInterval);
    const syntax = formulaSyntaxError(formula);
    if (syntax) throw autoScalingFormulaSyntaxError(syntax.values.map(({ value }) => value).join(": "));
    if (pool.allocationState !== "steady") throw poolBeingResized();
    const last = record.lastAutoScaleEnableMs;
    if (last !== undefined && this.sim.nowMs - last < 30_000) throw tooManyEnableAutoScaleRequests();
    enableAutoScale(this.sim, record, formula, request.autoScaleEvaluationInterval);
  }

  disableAutoScale(poolId: string): void {
    const record = this.requirePool(poolId);
    disableAutoScale(record);
    record.pool.eTag = nextETag(this.sim);
    record.pool.lastModified = isoAt(this.sim.nowMs);
  }

  /**
   * Reboots a node. Besides idle and running nodes (the documented case), nodes whose start task
   * failed or that are unusable can be rebooted, as operators do to recover them.
   */
  rebootNode(poolId: string, nodeId: string, option?: string): void {
    const record = this.requireNode(poolId, nodeId);
    const chosen = deallocationOption(option, "nodeRebootOption");
    const { state } = record.node;
    const rebootable =
      state === "idle" ||
      state === "running" ||
      state === "starttaskfailed" ||
      state === "unusable" ||
      state === "offline";
    if (!rebootable) throw nodeNotRebootable(state);
    rebootNode(this.sim, record, chosen);
  }

  reimageNode(poolId: string, nodeId: string, option?: string): void {
    const record = this.requireNode(poolId, nodeId);
    const chosen = deallocationOption(option, "nodeReimageOption");
    const { state } = record.node;
    if (state !== "idle" && state !== "running") throw nodeNotRebootable(state);
    reimageNode(this.sim, record, chosen);
  }

  disableNodeScheduling(poolId: string, nodeId: string, option?: string): void {
    const record = this.requireNode(poolId, nodeId);
    const chosen = deallocationOption(option, "nodeDisableSchedulingOption");
    if (chosen === "retaineddata")
      throw invalidPropertyValue(
        "nodeDisableSchedulingOption",
        option ?? chosen,
        "Valid values are requeue, terminate, taskcompletion.",
      );
    if (record.node.schedulingState !== "enabled") throw nodeAlreadyInTargetSchedulingState();
    disableScheduling(this.sim, record, chosen);
  }

  enableNodeScheduling(poolId: string, nodeId: string): void {
    const record = this.requireNode(poolId, nodeId);
    if (record.node.schedulingState !== "disabled") throw nodeAlreadyInTargetSchedulingState();
    enableScheduling(this.sim, record);
  }

  removeNodes(poolId: string, request: RemoveNodesRequest): void {
    const record = this.requirePool(poolId);
    if (record.pool.allocationState !== "steady") throw poolBeingResized();
    const nodes = request.nodeList.map((nodeId) => this.requireNode(poolId, nodeId));
    removeNodes(this.sim, record, nodes, {
      ...(request.resizeTimeout !== undefined ? { resizeTimeout: request.resizeTimeout } : {}),
      nodeDeallocationOption: deallocationOption(request.nodeDeallocationOption, "nodeDeallocationOption"),
    });
  }

  reactivateTask(jobId: string, taskId: string): void {
    const job = this.sim.jobRecords.get(jobId);
    if (!job) throw jobNotFound();
    const record = job.taskRecords.get(taskId);
    if (!record) throw taskNotFound();
    if (job.job.state !== "active") throw jobNotActive();
    if (record.task.state !== "completed") throw taskNotCompleted();
    if (record.task.executionInfo?.result !== "failure") throw taskSucceeded();
    reactivate(this.sim, record);
  }

  terminateTask(jobId: string, taskId: string): void {
    const job = this.sim.jobRecords.get(jobId);
    if (!job) throw jobNotFound();
    const record = job.taskRecords.get(taskId);
    if (!record) throw taskNotFound();
    if (record.task.state === "completed") throw taskCompleted();
    terminate(this.sim, record);
  }

  onTaskFinished(listener: (output: FinishedTaskOutput) => void): void {
    this.sim.finishedListeners.push(listener);
  }

  account(): Readonly<AccountConfig> {
    return this.sim.account;
  }

  poolManagementDetails(poolId: string): PoolManagementDetails | undefined {
    const record = this.sim.poolRecords.get(poolId);
    if (!record) return undefined;
    // A pool laid out by a scenario was allocated when it was created.
    const last = record.lastResize ?? {
      startMs: Date.parse(record.pool.creationTime),
      nodeDeallocationOption: "requeue",
    };
    return {
      lastResizeStart: isoAt(last.startMs),
      nodeDeallocationOption: last.nodeDeallocationOption,
      targetNodeCommunicationMode: record.targetNodeCommunicationMode,
    };
  }

  findIdentity(resourceId: string): ManagedIdentity | undefined {
    return this.sim.identities.find(resourceId);
  }

  findApplication(name: string): ApplicationRecord | undefined {
    return this.sim.applications.find(name);
  }

  /** Whether the account's own identity holds a data role on the autostorage account. */
  accountCanReachAutoStorage(): boolean {
    const { identity } = this.sim.account;
    return identity.type === "SystemAssigned" && this.sim.identities.hasStorageRole(identity.principalId);
  }

  updatePool(poolId: string, update: PoolUpdate): void {
    updatePool(this.sim, this.requirePool(poolId), update);
  }

  createApplicationPackage(applicationName: string, version: string): ApplicationPackageRecord {
    const application = this.sim.applications.find(applicationName);
    if (!application) throw applicationNotFound();
    const existing = application.packages.get(version);
    if (existing) return existing;
    const created = newApplicationPackage(this.sim, application, version);
    application.packages.set(version, created);
    return created;
  }

  /**
   * Role assignments on the autostorage account are Azure RBAC, outside the Batch API: operators
   * make them in the portal, tests through this. Principal ids are those ARM shows for the
   * account's and the pools' identities.
   */
  assignStorageRole(principalId: string): void {
    this.sim.identities.assignStorageRole(principalId, isoAt(this.sim.nowMs));
  }

  identityDirectory(): IdentityDirectory {
    return this.sim.identities;
  }

  factories(): PipelineHost[] {
    return this.sim.factoryRuns.hosts().filter((host) => host.kind === "adf");
  }

  workspaces(): PipelineHost[] {
    return this.sim.factoryRuns.hosts().filter((host) => host.kind === "synapse");
  }

  pipeline(factoryId: string, name: string): PipelineSpec | undefined {
    return this.sim.factoryRuns.pipeline(factoryId, name);
  }

  pipelineRun(factoryId: string, runId: string): PipelineRunEntry | undefined {
    return this.sim.factoryRuns.find(factoryId, runId);
  }

  pipelineRuns(factoryId: string): PipelineRunEntry[] {
    return this.sim.factoryRuns.of(factoryId);
  }

  startPipelineRun(
    spec: PipelineSpec,
    options: {
      parameters: Readonly<Record<string, string>>;
      startIndex: number;
      reference?: PipelineRunEntry;
    },
  ): PipelineRunEntry {
    return startManualRun(this.sim, spec, options);
  }

  /**
   * The demo's fix drill: the data team deploys the fix for a pipeline's bad deploy, so its runs
   * from now on (recovery runs included) run the working program. Returns the pipelines that were
   * broken; throws for a name no pipeline has.
   */
  fixPipeline(name: string): string[] {
    const specs = this.sim.factoryRuns.pipelinesNamed(name);
    if (specs.length === 0) throw new Error(`No pipeline is named "${name}"`);
    const fixed: string[] = [];
    for (const spec of specs) {
      if (!spec.breakage || spec.breakage.fixedFromMs !== undefined) continue;
      spec.breakage = { ...spec.breakage, fixedFromMs: this.sim.nowMs };
      fixed.push(`${spec.host.name}/${spec.name}`);
    }
    return fixed;
  }

  private requirePool(poolId: string): PoolRecord {
    const record = this.sim.poolRecords.get(poolId);
    if (!record) throw poolNotFound();
    return record;
  }

  private requireNode(poolId: string, nodeId: string): NodeRecord {
    const record = this.requirePool(poolId).nodeRecords.get(nodeId);
    if (!record) throw nodeNotFound();
    return record;
  }

  private taskRecord(jobId: string, taskId: string): TaskRecord | undefined {
    const job: JobRecord | undefined = this.sim.jobRecords.get(jobId);
    return job?.taskRecords.get(taskId);
  }
}
