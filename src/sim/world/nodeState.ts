// Low-level bookkeeping on a node's wire entity: state changes, task slots and recent tasks. Policy
// (what a node does next) lives in nodeLifecycle.ts; this module only keeps the fields consistent.

import type { NodeState } from "./entities.js";
import type { NodeRecord, SimState, TaskRecord } from "./state.js";
import { isoAt } from "./time.js";

/** The service lists a handful of recent tasks per node. */
const recentTaskLimit = 5;

export function setNodeState(sim: SimState, record: NodeRecord, state: NodeState): void {
  record.node.state = state;
  record.node.stateTransitionTime = isoAt(sim.nowMs);
}

/** Records the task's current state in the node's `recentTasks`, newest last. */
export function rememberRecentTask(record: NodeRecord, taskRecord: TaskRecord): void {
  const { task } = taskRecord;
  const jobId = taskRecord.job.job.id;
  const recent = (record.node.recentTasks ??= []);
  const index = recent.findIndex((entry) => entry.taskId === task.id && entry.jobId === jobId);
  if (index >= 0) recent.splice(index, 1);
  recent.push({
    taskUrl: task.url,
    jobId,
    taskId: task.id,
    taskState: task.state,
    ...(task.executionInfo ? { executionInfo: task.executionInfo } : {}),
  });
  if (recent.length > recentTaskLimit) recent.splice(0, recent.length - recentTaskLimit);
}

export function claimSlots(sim: SimState, node: NodeRecord, task: TaskRecord): void {
  node.running.push(task);
  node.node.runningTasksCount += 1;
  node.node.runningTaskSlotsCount += task.task.requiredSlots;
  if (node.node.state === "idle") setNodeState(sim, node, "running");
}

/**
 * Frees a task's slots. `finished` counts the attempt in the node's totals (an interrupted attempt
 * does not count). A node left without tasks goes idle (offline with scheduling disabled), or is
 * handed to the lifecycle when a shrink, reboot or reimage was waiting for it.
 */
export function releaseSlots(
  sim: SimState,
  node: NodeRecord,
  task: TaskRecord,
  finished: { succeeded: boolean } | undefined,
): void {
  const index = node.running.indexOf(task);
  if (index >= 0) node.running.splice(index, 1);
  node.node.runningTasksCount -= 1;
  node.node.runningTaskSlotsCount -= task.task.requiredSlots;
  if (finished) {
    node.node.totalTasksRun += 1;
    if (finished.succeeded) node.node.totalTasksSucceeded += 1;
  }
  if (node.running.length > 0) return;
  if (node.pendingExit) sim.nodesToSettle.add(node);
  // A node whose scheduling was disabled to let its tasks finish goes offline once they have.
  else if (node.node.state === "running")
    setNodeState(sim, node, node.node.schedulingState === "disabled" ? "offline" : "idle");
}
