// What scenarios build worlds with: pools (each with its adfv2-<pool> job and booted nodes),
// pipelines, and scripted events at times relative to the moment the world is handed over.

import type { Job, NodeState, Pool, PoolIdentity } from "../entities.js";
import type { PipelineHost } from "../history.js";
import { nodeFateFor, resourceFileFailure } from "../identityRules.js";
import { addBootedNode } from "../nodeLifecycle.js";
import { schedulePipeline } from "../pipelines.js";
import type { PipelineSpec } from "../pipelineSpecs.js";
import { startResize, type ResizeTargets } from "../poolResize.js";
import { coresOf } from "../quota.js";
import { Random } from "../random.js";
import { nextETag, type NodeRecord, type PoolBehaviour, type PoolRecord, type SimState } from "../state.js";
import { emptyTaskCounts } from "../counts.js";
import { TaskQueue } from "../taskQueue.js";
import { DAY_MS, HOUR_MS, isoAt } from "../time.js";

export interface PoolSpec {
  id: string;
  displayName?: string;
  vmSize: string;
  os: "linux" | "windows";
  dedicatedNodes: number;
  lowPriorityNodes?: number;
  taskSlotsPerNode: number;
  nodeFillType?: "spread" | "pack";
  resizeTimeout?: string;
  identity?: PoolIdentity;
  applicationPackageReferences?: NonNullable<Pool["applicationPackageReferences"]>;
  behaviour?: Partial<PoolBehaviour>;
  /** Sized by this formula from the start (evaluated in the first step and every interval after). */
  autoScale?: { formula: string; evaluationInterval?: string };
}

/**
 * Every pool follows the managed identity rules; with the account's autostorage on storage keys
 * (every scenario but identity) they change nothing.
 */
const defaultBehaviour: PoolBehaviour = {
  nodeFate: ({ identitySetup }) => nodeFateFor(identitySetup),
  taskPreparation: ({ task, node, storageReaders, account }) =>
    resourceFileFailure(task.resourceFiles, node, storageReaders, account.storageAccountName),
  preemptionsPerNodeHour: 0,
  stallOnQuota: false,
  regionCapacity: Number.POSITIVE_INFINITY,
};

const images = {
  linux: {
    imageReference: {
      publisher: "canonical",
      offer: "0001-com-ubuntu-server-jammy",
      sku: "22_04-lts",
      version: "latest",
    },
    nodeAgentSKUId: "batch.node.ubuntu 22.04",
  },
  windows: {
    imageReference: {
      publisher: "microsoftwindowsserver",
      offer: "windowsserver",
      sku: "2022-datacenter-smalldisk",
      version: "latest",
    },
    nodeAgentSKUId: "batch.node.windows amd64",
  },
};

/** The start task installs the programs' Python requirements and must succeed before tasks run. */
const startTasks = {
  linux: {
    commandLine: "/bin/bash -c 'pip3 install --no-cache-dir -r $AZ_BATCH_NODE_SHARED_DIR/requirements.txt'",
    waitForSuccess: true,
    maxTaskRetryCount: 1,
  },
  windows: {
    commandLine:
      "cmd /c python -m pip install --no-cache-dir -r %AZ_BATCH_NODE_SHARED_DIR%\\requirements.txt",
    waitForSuccess: true,
    maxTaskRetryCount: 1,
  },
};

export class WorldBuilder {
  private readonly rng: Random;

  /**
   * @param sim the state being built, standing at the start of the lead-in.
   * @param startMs the moment the world is handed over; scripted times are relative to it.
   */
  constructor(
    readonly sim: SimState,
    readonly startMs: number,
  ) {
    this.rng = Random.derive(sim.seed, "builder");
  }

  setCoreQuotas(quotas: { dedicated: number; lowPriority: number }): void {
    this.sim.account.dedicatedCoreQuota = quotas.dedicated;
    this.sim.account.lowPriorityCoreQuota = quotas.lowPriority;
  }

  adfFactory(name: string): PipelineHost {
    const { account } = this.sim;
    return {
      kind: "adf",
      name,
      resourceId: `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.DataFactory/factories/${name}`,
      location: account.location,
    };
  }

  synapseWorkspace(name: string): PipelineHost {
    const { account } = this.sim;
    return {
      kind: "synapse",
      name,
      resourceId: `/subscriptions/${account.subscriptionId}/resourceGroups/${account.resourceGroup}/providers/Microsoft.Synapse/workspaces/${name}`,
      location: account.location,
    };
  }

  /** Adds a steady pool with its booted nodes and the job ADF submits its tasks to. */
  addPool(spec: PoolSpec): PoolRecord {
    const { sim } = this;
    const created = isoAt(this.startMs - 40 * DAY_MS);
    const lowPriorityNodes = spec.lowPriorityNodes ?? 0;
    const pool: Pool = {
      id: spec.id,
      ...(spec.displayName ? { displayName: spec.displayName } : {}),
      url: `${sim.account.url}/pools/${spec.id}`,
      eTag: nextETag(sim),
      lastModified: created,
      creationTime: created,
      state: "active",
      stateTransitionTime: created,
      allocationState: "steady",
      allocationStateTransitionTime: isoAt(this.startMs - this.rng.int(3, 30) * HOUR_MS),
      vmSize: spec.vmSize,
      virtualMachineConfiguration: images[spec.os],
      resizeTimeout: spec.resizeTimeout ?? "PT15M",
      currentDedicatedNodes: 0,
      currentLowPriorityNodes: 0,
      targetDedicatedNodes: spec.dedicatedNodes,
      targetLowPriorityNodes: lowPriorityNodes,
      enableAutoScale: spec.autoScale !== undefined,
      ...(spec.autoScale
        ? {
            autoScaleFormula: spec.autoScale.formula,
            autoScaleEvaluationInterval: spec.autoScale.evaluationInterval ?? "PT15M",
          }
        : {}),
      enableInterNodeCommunication: false,
      startTask: startTasks[spec.os],
      taskSlotsPerNode: spec.taskSlotsPerNode,
      taskSchedulingPolicy: { nodeFillType: spec.nodeFillType ?? "spread" },
      ...(spec.identity ? { identity: spec.identity } : {}),
      ...(spec.applicationPackageReferences
        ? { applicationPackageReferences: spec.applicationPackageReferences }
        : {}),
    };
    const record: PoolRecord = {
      pool,
      index: sim.pools.length,
      os: spec.os,
      cores: coresOf(spec.vmSize),
      nodes: [],
      nodeRecords: new Map(),
      behaviour: { ...defaultBehaviour, ...spec.behaviour },
      resize: undefined,
      allocations: 0,
      lastResize: undefined,
      targetNodeCommunicationMode: undefined,
    };
    sim.pools.push(pool);
    sim.poolRecords.set(pool.id, record);
    for (let index = 0; index < spec.dedicatedNodes + lowPriorityNodes; index++) {
      addBootedNode(sim, record, index < spec.dedicatedNodes, this.rng.int(1, 72) * HOUR_MS);
    }
    this.addJob(record, isoAt(this.startMs - 39 * DAY_MS));
    return record;
  }

  private addJob(pool: PoolRecord, created: string): void {
    const { sim } = this;
    const id = `adfv2-${pool.pool.id}`;
    const job: Job = {
      id,
      usesTaskDependencies: false,
      url: `${sim.account.url}/jobs/${id}`,
      eTag: nextETag(sim),
      lastModified: created,
      creationTime: created,
      state: "active",
      stateTransitionTime: created,
      priority: 0,
      allowTaskPreemption: false,
      maxParallelTasks: -1,
      constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S", maxTaskRetryCount: 0 },
      poolInfo: { poolId: pool.pool.id },
      onAllTasksComplete: "noaction",
      onTaskFailure: "noaction",
      executionInfo: { startTime: created, poolId: pool.pool.id },
    };
    sim.jobs.push(job);
    sim.jobRecords.set(id, {
      job,
      pool,
      tasks: [],
      taskRecords: new Map(),
      queue: new TaskQueue(),
      counts: emptyTaskCounts(),
    });
  }

  /**
   * Schedules a pipeline so that one of its runs starts `runBeforeStartMs` before the hand-over (so
   * the world arrives with that run in flight); earlier runs fill the lead-in at the same cadence.
   */
  addPipeline(spec: Omit<PipelineSpec, "firstRunMs">, runBeforeStartMs: number): void {
    const anchor = this.startMs - runBeforeStartMs;
    const periodsInLeadIn = Math.floor((anchor - this.sim.nowMs) / spec.everyMs);
    schedulePipeline(this.sim, { ...spec, firstRunMs: anchor - periodsInLeadIn * spec.everyMs });
  }

  /** Runs a scripted event `offsetMs` after the hand-over moment (negative: during the lead-in). */
  at(offsetMs: number, action: () => void): void {
    this.sim.timeline.at(this.startMs + offsetMs, action);
  }

  pool(poolId: string): PoolRecord {
    const record = this.sim.poolRecords.get(poolId);
    if (!record) throw new Error(`Scenario refers to unknown pool ${poolId}`);
    return record;
  }

  /** The pool's nodes in a given state, in allocation order, when the event runs. */
  nodesIn(poolId: string, state: NodeState): NodeRecord[] {
    return [...this.pool(poolId).nodeRecords.values()].filter((node) => node.node.state === state);
  }

  resize(poolId: string, targets: ResizeTargets): void {
    startResize(this.sim, this.pool(poolId), targets);
  }
}
