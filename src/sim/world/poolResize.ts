// Pool allocation: a resize moves allocationState steady → resizing → steady, adding nodes a few at
// a time (each then boots on its own) or removing surplus ones, until the counts reach the targets,
// an account core quota stops it, or the resize timeout passes. stopResize goes through stopping.

import { recordPoolResizeComplete, recordPoolResizeStart } from "./batchEvents.js";
import type { AllocationState, ComputeNode, ResizeError } from "./entities.js";
import { allocateNode, beginLeaving, type DeallocationOption } from "./nodeLifecycle.js";
import { quotaErrorForAllocation } from "./quota.js";
import { poolNotResizing } from "./serviceErrors.js";
import { nextETag, type NodeRecord, type PoolRecord, type SimState } from "./state.js";
import { MINUTE_MS, SECOND_MS, isoAt, parseIsoDuration } from "./time.js";

/** The service adds nodes in batches rather than all at once. */
const allocationIntervalMs = 5 * SECOND_MS;
const nodesPerAllocation = 4;

export interface ResizeTargets {
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  /** ISO 8601 duration; the pool keeps its current timeout when absent. */
  resizeTimeout?: string;
  nodeDeallocationOption?: DeallocationOption;
}

function setAllocationState(sim: SimState, record: PoolRecord, state: AllocationState): void {
  const time = isoAt(sim.nowMs);
  record.pool.allocationState = state;
  record.pool.allocationStateTransitionTime = time;
  record.pool.eTag = nextETag(sim);
  record.pool.lastModified = time;
}

export function startResize(sim: SimState, record: PoolRecord, targets: ResizeTargets): void {
  const { pool } = record;
  pool.targetDedicatedNodes = targets.targetDedicatedNodes;
  pool.targetLowPriorityNodes = targets.targetLowPriorityNodes;
  if (targets.resizeTimeout !== undefined) pool.resizeTimeout = targets.resizeTimeout;
  const timeoutMs = parseIsoDuration(pool.resizeTimeout) ?? 15 * MINUTE_MS;
  record.resize = {
    startMs: sim.nowMs,
    deadlineMs: sim.nowMs + timeoutMs,
    nodeDeallocationOption: targets.nodeDeallocationOption ?? "requeue",
    errors: [],
    nextAllocationMs: sim.nowMs,
    growing:
      pool.targetDedicatedNodes > pool.currentDedicatedNodes ||
      pool.targetLowPriorityNodes > pool.currentLowPriorityNodes,
  };
  record.lastResize = { startMs: sim.nowMs, nodeDeallocationOption: record.resize.nodeDeallocationOption };
  // The errors of the previous resize are cleared by the next one.
  delete pool.resizeErrors;
  setAllocationState(sim, record, "resizing");
  recordPoolResizeStart(sim, record);
}

/**
 * Pool_RemoveNodes: the named nodes leave the pool (now, or after their tasks with taskcompletion or
 * retaineddata), and the pool resizes to what it has without them, so none is replaced.
 */
export function removeNodes(
  sim: SimState,
  record: PoolRecord,
  nodes: readonly NodeRecord[],
  options: { resizeTimeout?: string; nodeDeallocationOption: DeallocationOption },
): void {
  const { pool } = record;
  const dedicated = nodes.filter((node) => node.node.isDedicated).length;
  startResize(sim, record, {
    targetDedicatedNodes: Math.max(0, pool.currentDedicatedNodes - dedicated),
    targetLowPriorityNodes: Math.max(0, pool.currentLowPriorityNodes - (nodes.length - dedicated)),
    ...(options.resizeTimeout !== undefined ? { resizeTimeout: options.resizeTimeout } : {}),
    nodeDeallocationOption: options.nodeDeallocationOption,
  });
  // Marked as leaving before the first step, so the shrink takes these and no others.
  for (const node of nodes) beginLeaving(sim, node, options.nodeDeallocationOption);
}

/** Stops a resize where it stands: the pool passes through `stopping` and settles short of target. */
export function stopResize(sim: SimState, record: PoolRecord): void {
  if (record.pool.allocationState !== "resizing") throw poolNotResizing();
  for (const node of record.nodeRecords.values()) {
    if (node.pendingExit?.kind === "leave") node.pendingExit = undefined;
  }
  setAllocationState(sim, record, "stopping");
}

function isLeaving(node: NodeRecord): boolean {
  return node.node.state === "leavingpool" || node.pendingExit?.kind === "leave";
}

/** Nodes a shrink removes first: those doing no useful work, newest first, running ones last. */
const removalRank: Partial<Record<ComputeNode["state"], number>> = {
  creating: 0,
  starting: 1,
  waitingforstarttask: 2,
  unusable: 3,
  starttaskfailed: 4,
  preempted: 5,
  offline: 6,
  idle: 7,
  running: 8,
};

function shrink(sim: SimState, record: PoolRecord, dedicated: boolean, option: DeallocationOption): void {
  const { pool } = record;
  const current = dedicated ? pool.currentDedicatedNodes : pool.currentLowPriorityNodes;
  const target = dedicated ? pool.targetDedicatedNodes : pool.targetLowPriorityNodes;
  const candidates = [...record.nodeRecords.values()].filter((node) => node.node.isDedicated === dedicated);
  const leaving = candidates.filter(isLeaving).length;
  const surplus = current - target - leaving;
  if (surplus <= 0) return;
  const rank = (node: NodeRecord) => removalRank[node.node.state] ?? 9;
  const chosen = candidates
    .filter((node) => !isLeaving(node))
    .reverse()
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, surplus);
  for (const node of chosen) beginLeaving(sim, node, option);
}

/** Adds up to a batch of nodes of one kind; returns the quota error that stopped it, if any. */
function grow(sim: SimState, record: PoolRecord, dedicated: boolean): ResizeError | undefined {
  const { pool } = record;
  const current = dedicated ? pool.currentDedicatedNodes : pool.currentLowPriorityNodes;
  const target = dedicated ? pool.targetDedicatedNodes : pool.targetLowPriorityNodes;
  const capacityLeft = record.behaviour.regionCapacity - record.nodes.length;
  const count = Math.min(target - current, nodesPerAllocation, capacityLeft);
  for (let added = 0; added < count; added++) {
    const error = quotaErrorForAllocation(sim, record, dedicated);
    if (error) return error;
    allocateNode(sim, record, dedicated);
  }
  return undefined;
}

function finish(sim: SimState, record: PoolRecord, errors: ResizeError[]): void {
  const resize = record.resize;
  if (!resize) return;
  const first = errors[0];
  recordPoolResizeComplete(
    sim,
    record,
    resize.startMs,
    first ?? { code: "Success", message: "The operation succeeded" },
  );
  record.resize = undefined;
  if (errors.length > 0) record.pool.resizeErrors = errors;
  setAllocationState(sim, record, "steady");
}

function timedOut(record: PoolRecord): ResizeError {
  const shortOfDedicated = record.pool.currentDedicatedNodes < record.pool.targetDedicatedNodes;
  const kind = shortOfDedicated ? "dedicated" : "low priority";
  return {
    code: "AllocationTimedout",
    message: `Desired number of ${kind} nodes could not be allocated as the resize timeout was reached`,
  };
}

/** One step of a pool's resize, if it has one. */
export function stepPoolResize(sim: SimState, record: PoolRecord): void {
  const resize = record.resize;
  if (!resize) return;
  const { pool } = record;
  if (pool.allocationState === "stopping") {
    const stillLeaving = [...record.nodeRecords.values()].some((node) => node.node.state === "leavingpool");
    if (!stillLeaving) {
      finish(sim, record, [
        ...resize.errors,
        {
          code: "ResizeStopped",
          message: "The resize operation was stopped before the desired number of nodes was reached",
        },
      ]);
    }
    return;
  }

  for (const dedicated of [true, false]) shrink(sim, record, dedicated, resize.nodeDeallocationOption);
  if (sim.nowMs >= resize.nextAllocationMs) {
    resize.nextAllocationMs = sim.nowMs + allocationIntervalMs;
    for (const dedicated of [true, false]) {
      const error = grow(sim, record, dedicated);
      if (!error) continue;
      if (!resize.errors.some((known) => known.code === error.code)) resize.errors.push(error);
      // The service settles at once with the quota error; a "stuck" pool keeps retrying instead.
      if (!record.behaviour.stallOnQuota) {
        finish(sim, record, resize.errors);
        return;
      }
    }
  }

  const leaving = [...record.nodeRecords.values()].some(isLeaving);
  const reached =
    pool.currentDedicatedNodes === pool.targetDedicatedNodes &&
    pool.currentLowPriorityNodes === pool.targetLowPriorityNodes;
  if (reached && !leaving) finish(sim, record, []);
  else if (sim.nowMs >= resize.deadlineMs)
    finish(sim, record, resize.errors.length > 0 ? resize.errors : [timedOut(record)]);
}
