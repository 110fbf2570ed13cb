// Tasks laid down as already completed, for scenarios that start with a long past.

import type { Task, TaskExecutionInfo } from "./entities.js";
import { eTagAt } from "./ids.js";
import { decideAttempt, type AttemptDecision } from "./programs.js";
import type { JobRecord, NodeRecord, SimState, TaskRecord } from "./state.js";
import {
  adfTaskDefinition,
  exitCodeFailure,
  nodeInfoFor,
  registerTask,
  uploadFailure,
  type NewTask,
} from "./taskWire.js";
import { SECOND_MS, isoAt } from "./time.js";

/**
 * Adds a task that already ran to completion on `node`, ending at `endMs`: its attempts are replayed
 * from their decisions (retries included), so its output reads back as if the world had run it.
 * Used to give large scenarios their past without simulating it; the caller refreshes the nodes'
 * recentTasks once it has added them all.
 */
export function addCompletedTask(
  sim: SimState,
  job: JobRecord,
  spec: NewTask,
  node: NodeRecord,
  endMs: number,
): TaskRecord {
  const decisions: AttemptDecision[] = [];
  for (let index = 0; ; index++) {
    const decision = decideAttempt(sim.seed, spec.id, index, spec.program);
    decisions.push(decision);
    const retriesLeft = spec.maxTaskRetryCount === -1 || index < spec.maxTaskRetryCount;
    if (decision.outcome !== "exitFailure" || !retriesLeft) break;
  }
  const final = decisions[decisions.length - 1]!;
  const startMs = endMs - final.durationMs;
  let earlierMs = 0;
  for (let index = 0; index < decisions.length - 1; index++) {
    earlierMs += decisions[index]!.durationMs + 2 * SECOND_MS;
  }
  const succeeded = final.outcome === "success";
  const start = isoAt(startMs);
  const end = isoAt(endMs);
  const info: TaskExecutionInfo = {
    startTime: start,
    endTime: end,
    exitCode: final.exitCode,
    retryCount: decisions.length - 1,
    requeueCount: 0,
    result: succeeded ? "success" : "failure",
  };
  if (final.outcome !== "success") {
    info.failureInfo = final.outcome === "uploadFailure" ? uploadFailure : exitCodeFailure;
  }
  if (decisions.length > 1) info.lastRetryTime = start;
  sim.changeCounter += 1;
  const task: Task = {
    id: spec.id,
    url: `${job.job.url}/tasks/${spec.id}`,
    eTag: eTagAt(endMs, sim.changeCounter),
    lastModified: end,
    creationTime: isoAt(startMs - earlierMs - 5 * SECOND_MS),
    state: "completed",
    stateTransitionTime: end,
    previousState: "running",
    previousStateTransitionTime: start,
    ...adfTaskDefinition(sim, job, spec),
    executionInfo: info,
  };
  const record = registerTask(job, task, spec, decisions.length);
  task.nodeInfo = nodeInfoFor(record, node);
  node.taskDirectories.push(record);
  record.directoryNode = node;
  node.node.totalTasksRun += decisions.length;
  if (succeeded) node.node.totalTasksSucceeded += 1;
  return record;
}
