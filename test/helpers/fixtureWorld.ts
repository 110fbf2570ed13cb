import { SimServiceError } from "../../src/sim/http/serviceError.js";
import { evaluateFormula } from "../../src/sim/world/autoscaleFormula.js";
import { countPoolNodes } from "../../src/sim/world/counts.js";
import type {
  BatchWorld,
  EnableAutoScaleRequest,
  FileContent,
  FinishedTaskOutput,
  RemoveNodesRequest,
  ResizeRequest,
} from "../../src/sim/world/batchWorld.js";
import type {
  ComputeNode,
  Job,
  NodeFile,
  Pool,
  PoolNodeCounts,
  Task,
  TaskCounts,
  TaskCountsResult,
} from "../../src/sim/world/entities.js";

// A BatchWorld made of plain entity objects, for testing the data plane without the live world model.
// It refuses mutations with the documented Batch codes so routes can be tested for refusals, records
// every mutation it accepts, and never changes the objects it was given (it replaces them instead).

export interface FixtureFile {
  entry: NodeFile;
  /** Content for reads; a listed entry without bytes cannot be read. */
  bytes?: Buffer;
}

export interface FixtureData {
  now?: string;
  pools?: Pool[];
  nodes?: Record<string, ComputeNode[]>;
  jobs?: Job[];
  tasks?: Record<string, Task[]>;
  /** Overrides the counts derived from `tasks`. */
  taskCounts?: Record<string, TaskCountsResult>;
  /** Overrides the counts derived from `nodes`. */
  nodeCounts?: PoolNodeCounts[];
  /** Keyed by `${jobId}/${taskId}`; a task missing here has no files yet. */
  taskFiles?: Record<string, FixtureFile[]>;
  /** Keyed by `${poolId}/${nodeId}`. */
  nodeFiles?: Record<string, FixtureFile[]>;
}

export interface FixtureCalls {
  resize: { poolId: string; request: ResizeRequest }[];
  stopResize: string[];
  reboot: { poolId: string; nodeId: string; option: string | undefined }[];
  reimage: { poolId: string; nodeId: string; option: string | undefined }[];
  scheduling: { poolId: string; nodeId: string; enabled: boolean; option?: string | undefined }[];
  removeNodes: { poolId: string; request: RemoveNodesRequest }[];
  reactivate: { jobId: string; taskId: string }[];
}

function conflict(code: string, message: string): SimServiceError {
  return new SimServiceError(409, code, message);
}

function readable(files: FixtureFile[] | undefined, filePath: string, now: string): FileContent | undefined {
  const file = files?.find((candidate) => candidate.entry.name === filePath && !candidate.entry.isDirectory);
  if (!file?.bytes) return undefined;
  const lastModified = file.entry.properties?.lastModified ?? now;
  return {
    bytes: file.bytes,
    creationTime: file.entry.properties?.creationTime ?? lastModified,
    lastModified,
  };
}

function listed(files: FixtureFile[] | undefined, recursive: boolean): NodeFile[] | undefined {
  if (!files) return undefined;
  return files.map((file) => file.entry).filter((entry) => recursive || !entry.name.includes("/"));
}

export class FixtureWorld implements BatchWorld {
  readonly calls: FixtureCalls = {
    resize: [],
    stopResize: [],
    reboot: [],
    reimage: [],
    scheduling: [],
    removeNodes: [],
    reactivate: [],
  };
  private readonly pools: Pool[];
  private readonly nodes: Record<string, ComputeNode[]>;
  private readonly jobs: Job[];
  private readonly tasks: Record<string, Task[]>;

  constructor(private readonly data: FixtureData = {}) {
    this.pools = [...(data.pools ?? [])];
    this.nodes = Object.fromEntries(
      Object.entries(data.nodes ?? {}).map(([poolId, nodes]) => [poolId, [...nodes]]),
    );
    this.jobs = [...(data.jobs ?? [])];
    this.tasks = Object.fromEntries(
      Object.entries(data.tasks ?? {}).map(([jobId, tasks]) => [jobId, [...tasks]]),
    );
  }

  now(): Date {
    return new Date(this.data.now ?? "2024-05-01T12:00:00Z");
  }

  listPools(): readonly Pool[] {
    return this.pools;
  }

  getPool(poolId: string): Pool | undefined {
    return this.pools.find((pool) => pool.id.toLowerCase() === poolId.toLowerCase());
  }

  listNodes(poolId: string): readonly ComputeNode[] {
    return this.nodes[this.getPool(poolId)?.id ?? poolId] ?? [];
  }

  getNode(poolId: string, nodeId: string): ComputeNode | undefined {
    return this.listNodes(poolId).find((node) => node.id === nodeId);
  }

  poolNodeCounts(): PoolNodeCounts[] {
    if (this.data.nodeCounts) return this.data.nodeCounts;
    return this.pools.map((pool) => countPoolNodes(pool.id, this.listNodes(pool.id)));
  }

  listJobs(): readonly Job[] {
    return this.jobs;
  }

  getJob(jobId: string): Job | undefined {
    return this.jobs.find((job) => job.id.toLowerCase() === jobId.toLowerCase());
  }

  listTasks(jobId: string): readonly Task[] {
    return this.tasks[this.getJob(jobId)?.id ?? jobId] ?? [];
  }

  getTask(jobId: string, taskId: string): Task | undefined {
    return this.listTasks(jobId).find((task) => task.id.toLowerCase() === taskId.toLowerCase());
  }

  taskCounts(jobId: string): TaskCountsResult {
    const given = this.data.taskCounts?.[jobId];
    if (given) return given;
    const counts: TaskCounts = { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
    for (const task of this.listTasks(jobId)) {
      if (task.state === "completed") {
        counts.completed += 1;
        if (task.executionInfo?.result === "failure") counts.failed += 1;
        else counts.succeeded += 1;
      } else if (task.state === "active") counts.active += 1;
      else counts.running += 1;
    }
    return { taskCounts: counts, taskSlotCounts: { ...counts } };
  }

  listTaskFiles(jobId: string, taskId: string, recursive: boolean): NodeFile[] | undefined {
    return listed(this.data.taskFiles?.[`${jobId}/${taskId}`], recursive);
  }

  readTaskFile(jobId: string, taskId: string, filePath: string): FileContent | undefined {
    return readable(this.data.taskFiles?.[`${jobId}/${taskId}`], filePath, this.now().toISOString());
  }

  listNodeFiles(poolId: string, nodeId: string, recursive: boolean): NodeFile[] | undefined {
    return listed(this.data.nodeFiles?.[`${poolId}/${nodeId}`], recursive);
  }

  readNodeFile(poolId: string, nodeId: string, filePath: string): FileContent | undefined {
    return readable(this.data.nodeFiles?.[`${poolId}/${nodeId}`], filePath, this.now().toISOString());
  }

  resizePool(poolId: string, request: ResizeRequest): void {
    const index = this.pools.findIndex((pool) => pool.id === poolId);
    const pool = this.pools[index]!;
    if (pool.enableAutoScale) {
      throw conflict(
        "OperationInvalidForCurrentState",
        "The specified operation is not valid for the current state of the resource.",
      );
    }
    if (pool.allocationState !== "steady")
      throw conflict("PoolBeingResized", "The specified pool is being resized");
    this.calls.resize.push({ poolId, request });
    this.pools[index] = {
      ...pool,
      allocationState: "resizing",
      targetDedicatedNodes: request.targetDedicatedNodes ?? 0,
      targetLowPriorityNodes: request.targetLowPriorityNodes ?? 0,
      eTag: "0x8DC00000000000A",
      lastModified: this.now().toISOString(),
    };
  }

  /** The real evaluator on the fixture pool as it is, without metric samples (a fixture has no history). */
  evaluateAutoScale(poolId: string, formula: string): NonNullable<Pool["autoScaleRun"]> {
    const pool = this.getPool(poolId)!;
    const outcome = evaluateFormula(formula, {
      nowMs: this.now().getTime(),
      currentDedicatedNodes: pool.currentDedicatedNodes,
      currentLowPriorityNodes: pool.currentLowPriorityNodes,
      targetDedicatedNodes: pool.targetDedicatedNodes,
      targetLowPriorityNodes: pool.targetLowPriorityNodes,
      samples: [],
    });
    const timestamp = this.now().toISOString();
    return outcome.ok ? { timestamp, results: outcome.results } : { timestamp, error: outcome.error };
  }

  enableAutoScale(poolId: string, request: EnableAutoScaleRequest): void {
    const index = this.pools.findIndex((pool) => pool.id === poolId);
    const pool = this.pools[index]!;
    this.pools[index] = {
      ...pool,
      enableAutoScale: true,
      autoScaleFormula: request.autoScaleFormula ?? pool.autoScaleFormula ?? "",
      autoScaleEvaluationInterval:
        request.autoScaleEvaluationInterval ?? pool.autoScaleEvaluationInterval ?? "PT15M",
      lastModified: this.now().toISOString(),
    };
  }

  disableAutoScale(poolId: string): void {
    const index = this.pools.findIndex((pool) => pool.id === poolId);
    const {
      autoScaleFormula: _formula,
      autoScaleEvaluationInterval: _interval,
      autoScaleRun: _run,
      ...rest
    } = this.pools[index]!;
    this.pools[index] = { ...rest, enableAutoScale: false, lastModified: this.now().toISOString() };
  }

  stopResizePool(poolId: string): void {
    const index = this.pools.findIndex((pool) => pool.id === poolId);
    this.calls.stopResize.push(poolId);
    this.pools[index] = { ...this.pools[index]!, allocationState: "stopping" };
  }

  rebootNode(poolId: string, nodeId: string, option?: string): void {
    const node = this.getNode(poolId, nodeId)!;
    if (node.state === "rebooting")
      throw conflict("NodeBeingRebooted", "The specified node is being rebooted");
    this.calls.reboot.push({ poolId, nodeId, option });
  }

  reimageNode(poolId: string, nodeId: string, option?: string): void {
    this.calls.reimage.push({ poolId, nodeId, option });
  }

  disableNodeScheduling(poolId: string, nodeId: string, option?: string): void {
    this.calls.scheduling.push({ poolId, nodeId, enabled: false, option });
  }

  enableNodeScheduling(poolId: string, nodeId: string): void {
    this.calls.scheduling.push({ poolId, nodeId, enabled: true });
  }

  removeNodes(poolId: string, request: RemoveNodesRequest): void {
    this.calls.removeNodes.push({ poolId, request });
  }

  reactivateTask(jobId: string, taskId: string): void {
    const tasks = this.tasks[jobId] ?? [];
    const index = tasks.findIndex((task) => task.id === taskId);
    const task = tasks[index]!;
    if (task.state !== "completed") {
      throw conflict(
        "TaskNotCompleted",
        "The specified task is not in a completed state, and the requested operation can be performed only on completed tasks.",
      );
    }
    if (task.executionInfo?.result !== "failure") {
      throw conflict(
        "TaskSucceeded",
        "The specified task has already completed successfully, and the requested operation cannot be performed on successful tasks.",
      );
    }
    this.calls.reactivate.push({ jobId, taskId });
    tasks[index] = { ...task, state: "active", previousState: "completed", eTag: "0x8DC00000000000B" };
  }

  terminateTask(jobId: string, taskId: string): void {
    const tasks = this.tasks[jobId] ?? [];
    const index = tasks.findIndex((task) => task.id === taskId);
    const task = tasks[index]!;
    if (task.state === "completed")
      throw conflict("TaskCompleted", "The specified task is already completed.");
    tasks[index] = {
      ...task,
      state: "completed",
      previousState: task.state,
      executionInfo: {
        ...(task.executionInfo ?? { retryCount: 0, requeueCount: 0 }),
        result: "failure",
        failureInfo: { category: "usererror", code: "TaskEnded", message: "Task was ended by user request" },
      },
    };
  }

  onTaskFinished(_listener: (output: FinishedTaskOutput) => void): void {
    // Fixture tasks never run, so no output ever finishes.
  }
}
