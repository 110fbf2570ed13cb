// A task's life in a job: created active, started on a node, finished (success, failure with retries
// up to maxTaskRetryCount, or a failed output upload), interrupted (requeued or ended) when its node
// goes away, and reactivated on request. Keeps job task counts, node slots and history in step.

import { recordTaskEvent } from "./batchEvents.js";
import { countTask } from "./counts.js";
import type { TaskExecutionInfo, TaskState } from "./entities.js";
import { claimSlots, releaseSlots, rememberRecentTask } from "./nodeState.js";
import { decideAttempt } from "./programs.js";
import {
  nextETag,
  type JobRecord,
  type NodeRecord,
  type RunningAttempt,
  type SimState,
  type TaskRecord,
} from "./state.js";
import { endingAttemptOutput } from "./taskOutput.js";
import {
  adfTaskDefinition,
  endedByRequest,
  exitCodeFailure,
  nodeInfoFor,
  registerTask,
  uploadFailure,
  type NewTask,
} from "./taskWire.js";
import { SECOND_MS, isoAt } from "./time.js";

function enqueue(sim: SimState, record: TaskRecord, front: boolean): void {
  if (front) record.job.queue.pushFront(record);
  else record.job.queue.pushBack(record);
  sim.jobsWithQueuedTasks.add(record.job);
}

/** Moves a task to `state`, applying `change` to its execution info while counts are detached. */
function transition(
  sim: SimState,
  record: TaskRecord,
  state: TaskState,
  change: (info: TaskExecutionInfo) => void,
): void {
  const { task, job } = record;
  countTask(job.counts, task, -1);
  const time = isoAt(sim.nowMs);
  if (task.state !== state) {
    task.previousState = task.state;
    task.previousStateTransitionTime = task.stateTransitionTime;
    task.state = state;
    task.stateTransitionTime = time;
  }
  change((task.executionInfo ??= { retryCount: 0, requeueCount: 0 }));
  task.eTag = nextETag(sim);
  task.lastModified = time;
  countTask(job.counts, task, 1);
}

function clearAttemptResult(info: TaskExecutionInfo): void {
  delete info.endTime;
  delete info.exitCode;
  delete info.result;
  delete info.failureInfo;
}

export function createTask(sim: SimState, job: JobRecord, spec: NewTask): TaskRecord {
  const time = isoAt(sim.nowMs);
  const record = registerTask(
    job,
    {
      id: spec.id,
      url: `${job.job.url}/tasks/${spec.id}`,
      eTag: nextETag(sim),
      lastModified: time,
      creationTime: time,
      state: "active",
      stateTransitionTime: time,
      ...adfTaskDefinition(sim, job, spec),
      executionInfo: { retryCount: 0, requeueCount: 0 },
    },
    spec,
    0,
  );
  enqueue(sim, record, false);
  return record;
}

/** Points the task's directory at `node`, where its newest attempt writes. */
function placeDirectory(record: TaskRecord, node: NodeRecord): void {
  const previous = record.directoryNode;
  if (previous === node) return;
  if (previous) {
    const index = previous.taskDirectories.indexOf(record);
    if (index >= 0) previous.taskDirectories.splice(index, 1);
  }
  node.taskDirectories.push(record);
  record.directoryNode = node;
}

export function startAttempt(sim: SimState, record: TaskRecord, node: NodeRecord): void {
  const { task } = record;
  const now = sim.nowMs;
  const pool = node.pool;
  const attempt: RunningAttempt = {
    index: record.attemptCount,
    node,
    startMs: now,
    decision: decideAttempt(sim.seed, task.id, record.attemptCount, record.program),
    preparationFailure: pool.behaviour.taskPreparation({
      pool: pool.pool,
      account: sim.account,
      task,
      node: node.identitySetup,
      storageReaders: sim.identities.storageReaders(),
    }),
    output: undefined,
  };
  record.attemptCount += 1;
  record.attempt = attempt;
  transition(sim, record, "running", (info) => {
    info.startTime = isoAt(now);
    clearAttemptResult(info);
  });
  task.nodeInfo = nodeInfoFor(record, node);
  placeDirectory(record, node);
  claimSlots(sim, node, record);
  rememberRecentTask(node, record);
  recordTaskEvent(sim, "TaskStartEvent", record, node);
  const endMs = now + (attempt.preparationFailure ? 3 * SECOND_MS : attempt.decision.durationMs);
  sim.timeline.at(endMs, () => {
    if (record.attempt === attempt) finishAttempt(sim, record);
  });
}

function notifyFinished(sim: SimState, record: TaskRecord, attempt: RunningAttempt): void {
  if (sim.finishedListeners.length === 0) return;
  const output = endingAttemptOutput(sim, record, attempt);
  for (const listener of sim.finishedListeners) listener(output);
}

function complete(
  sim: SimState,
  record: TaskRecord,
  attempt: RunningAttempt,
  result: "success" | "failure",
  change: (info: TaskExecutionInfo) => void,
): void {
  const { node } = attempt;
  transition(sim, record, "completed", (info) => {
    info.endTime = isoAt(sim.nowMs);
    info.result = result;
    change(info);
  });
  rememberRecentTask(node, record);
  notifyFinished(sim, record, attempt);
  recordTaskEvent(sim, "TaskCompleteEvent", record, node);
  if (result === "failure") recordTaskEvent(sim, "TaskFailEvent", record, node);
  record.onCompleted?.(record);
}

function finishAttempt(sim: SimState, record: TaskRecord): void {
  const attempt = record.attempt;
  if (!attempt) return;
  record.attempt = undefined;
  const { node, decision, preparationFailure } = attempt;
  const succeeded = !preparationFailure && decision.outcome === "success";
  releaseSlots(sim, node, record, { succeeded });
  if (preparationFailure) {
    // Pre-processing errors are not retried; the command never ran, so there is no exit code.
    complete(sim, record, attempt, "failure", (info) => (info.failureInfo = preparationFailure));
    return;
  }
  if (decision.outcome === "success") {
    complete(sim, record, attempt, "success", (info) => (info.exitCode = 0));
    return;
  }
  if (decision.outcome === "uploadFailure") {
    // File upload errors are not retried either: the program itself succeeded.
    complete(sim, record, attempt, "failure", (info) => {
      info.exitCode = 0;
      info.failureInfo = uploadFailure;
    });
    return;
  }
  const info = record.task.executionInfo;
  const maxRetries = record.task.constraints.maxTaskRetryCount;
  const retriesLeft = maxRetries === -1 || (info?.retryCount ?? 0) < maxRetries;
  if (!retriesLeft) {
    complete(sim, record, attempt, "failure", (execution) => {
      execution.exitCode = decision.exitCode;
      execution.failureInfo = exitCodeFailure;
    });
    return;
  }
  notifyFinished(sim, record, attempt);
  transition(sim, record, "active", (execution) => {
    clearAttemptResult(execution);
    execution.retryCount += 1;
    execution.lastRetryTime = isoAt(sim.nowMs);
  });
  rememberRecentTask(node, record);
  enqueue(sim, record, true);
}

/**
 * Stops a running attempt because its node is going away: `requeue` puts the task back in the queue
 * (requeueCount counts it), `terminate` ends it as failed.
 */
export function interruptAttempt(sim: SimState, record: TaskRecord, mode: "requeue" | "terminate"): void {
  const attempt = record.attempt;
  if (!attempt) return;
  record.attempt = undefined;
  const { node } = attempt;
  releaseSlots(sim, node, record, undefined);
  if (mode === "terminate") {
    complete(sim, record, attempt, "failure", (info) => (info.failureInfo = endedByRequest));
    return;
  }
  transition(sim, record, "active", (info) => {
    clearAttemptResult(info);
    info.requeueCount += 1;
    info.lastRequeueTime = isoAt(sim.nowMs);
  });
  rememberRecentTask(node, record);
  enqueue(sim, record, true);
}

/**
 * Task_Terminate: a running task's attempt ends now, as failed with TaskEnded and no exit code, as
 * Batch reports a task ended by request; a task still waiting for a node completes the same way
 * without running (the scheduler skips it in the queue).
 */
export function terminate(sim: SimState, record: TaskRecord): void {
  if (record.attempt) return interruptAttempt(sim, record, "terminate");
  transition(sim, record, "completed", (info) => {
    info.endTime = isoAt(sim.nowMs);
    info.result = "failure";
    info.failureInfo = endedByRequest;
  });
  record.onCompleted?.(record);
}

/** Makes a task that completed with failure eligible to run again, with its retry count reset. */
export function reactivate(sim: SimState, record: TaskRecord): void {
  transition(sim, record, "active", (info) => {
    clearAttemptResult(info);
    info.retryCount = 0;
    delete info.lastRetryTime;
  });
  enqueue(sim, record, false);
}
