// Dispatches queued tasks to nodes with free task slots, as the Batch scheduler does: only nodes that
// are idle or running, with scheduling enabled and not waiting to leave or reboot, respecting the
// pool's taskSlotsPerNode and its fill type (spread evens the load, pack fills one node first).

import type { NodeRecord, PoolRecord, SimState } from "./state.js";
import { startAttempt } from "./taskExecution.js";

function pickNode(record: PoolRecord, slots: number): NodeRecord | undefined {
  const pack = record.pool.taskSchedulingPolicy?.nodeFillType === "pack";
  const capacity = record.pool.taskSlotsPerNode;
  let best: NodeRecord | undefined;
  for (const candidate of record.nodeRecords.values()) {
    const { node } = candidate;
    if (node.state !== "idle" && node.state !== "running") continue;
    if (node.schedulingState !== "enabled" || candidate.pendingExit) continue;
    if (node.runningTaskSlotsCount + slots > capacity) continue;
    if (
      !best ||
      (pack
        ? node.runningTaskSlotsCount > best.node.runningTaskSlotsCount
        : node.runningTaskSlotsCount < best.node.runningTaskSlotsCount)
    ) {
      best = candidate;
    }
  }
  return best;
}

export function dispatchQueuedTasks(sim: SimState): void {
  for (const job of sim.jobsWithQueuedTasks) {
    for (let next = job.queue.peek(); next; next = job.queue.peek()) {
      // Terminated while it waited: it left the queue's order, not the queue (a deque has no removal).
      if (next.task.state !== "active") {
        job.queue.popFront();
        continue;
      }
      const node = pickNode(job.pool, next.task.requiredSlots);
      if (!node) break;
      job.queue.popFront();
      startAttempt(sim, next, node);
    }
    if (job.queue.size === 0) sim.jobsWithQueuedTasks.delete(job);
  }
}
