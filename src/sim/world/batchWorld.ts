import type { ComputeNode, Job, NodeFile, Pool, PoolNodeCounts, Task, TaskCountsResult } from "./entities.js";

/** A file's bytes and times, as the files API serves them. */
export interface FileContent {
  bytes: Buffer;
  creationTime: string;
  lastModified: string;
}

export interface ResizeRequest {
  targetDedicatedNodes?: number;
  targetLowPriorityNodes?: number;
  /** ISO 8601 duration, e.g. PT15M. */
  resizeTimeout?: string;
  nodeDeallocationOption?: "requeue" | "terminate" | "taskcompletion" | "retaineddata";
}

/** Pool_EnableAutoScale's body (PoolEnableAutoScaleParameter). */
export interface EnableAutoScaleRequest {
  autoScaleFormula?: string;
  /** ISO 8601 duration, from PT5M to PT168H. */
  autoScaleEvaluationInterval?: string;
}

/** Pool_RemoveNodes' body as the service reads it. */
export interface RemoveNodesRequest {
  nodeList: string[];
  resizeTimeout?: string;
  nodeDeallocationOption?: "requeue" | "terminate" | "taskcompletion" | "retaineddata";
}

/** What finished task output the world hands to the linked storage (`adfjobs/<activityRunId>/output`). */
export interface FinishedTaskOutput {
  jobId: string;
  taskId: string;
  stdout: Buffer;
  stderr: Buffer;
}

/**
 * The simulated Batch account as the data-plane routes see it. Reads return the world's current
 * state in wire shape (callers must not mutate what they get); mutations validate like the service
 * and throw SimServiceError with the service's status, code and message when refused.
 */
export interface BatchWorld {
  /** Simulated "now". */
  now(): Date;

  listPools(): readonly Pool[];
  getPool(poolId: string): Pool | undefined;
  listNodes(poolId: string): readonly ComputeNode[];
  getNode(poolId: string, nodeId: string): ComputeNode | undefined;
  poolNodeCounts(): PoolNodeCounts[];

  listJobs(): readonly Job[];
  getJob(jobId: string): Job | undefined;
  /** Tasks in creation order. A job may hold 100,000 of them: this must not copy. */
  listTasks(jobId: string): readonly Task[];
  getTask(jobId: string, taskId: string): Task | undefined;
  taskCounts(jobId: string): TaskCountsResult;

  /** Files of a task directory (stdout.txt, stderr.txt, wd/...); undefined when the task has none yet. */
  listTaskFiles(jobId: string, taskId: string, recursive: boolean): NodeFile[] | undefined;
  readTaskFile(jobId: string, taskId: string, filePath: string): FileContent | undefined;
  listNodeFiles(poolId: string, nodeId: string, recursive: boolean): NodeFile[] | undefined;
  readNodeFile(poolId: string, nodeId: string, filePath: string): FileContent | undefined;

  resizePool(poolId: string, request: ResizeRequest): void;
  stopResizePool(poolId: string): void;
  /** Pool_EvaluateAutoScale: the formula's outcome on the pool now (AutoScaleRun); changes nothing. */
  evaluateAutoScale(poolId: string, formula: string): NonNullable<Pool["autoScaleRun"]>;
  /** Pool_EnableAutoScale: sets the formula and/or interval and evaluates at once. */
  enableAutoScale(poolId: string, request: EnableAutoScaleRequest): void;
  /** Pool_DisableAutoScale: the pool keeps the targets its formula last set. */
  disableAutoScale(poolId: string): void;
  rebootNode(poolId: string, nodeId: string, option?: string): void;
  /** Only an idle or running node; the option as for reboot. */
  reimageNode(poolId: string, nodeId: string, option?: string): void;
  /** Only where scheduling is enabled; option requeue (default), terminate or taskcompletion. */
  disableNodeScheduling(poolId: string, nodeId: string, option?: string): void;
  /** Only where scheduling is disabled. */
  enableNodeScheduling(poolId: string, nodeId: string): void;
  /** Only from a steady pool; up to 100 nodes, each of the pool. */
  removeNodes(poolId: string, request: RemoveNodesRequest): void;
  reactivateTask(jobId: string, taskId: string): void;
  /** Only a task that has not completed (TaskCompleted otherwise); it completes as failed, TaskEnded. */
  terminateTask(jobId: string, taskId: string): void;

  /** Called once per task attempt that finishes, so its output can land in `adfjobs`. */
  onTaskFinished(listener: (output: FinishedTaskOutput) => void): void;
}
