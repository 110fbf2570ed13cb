// A compute node's life: allocated (creating) → starting → waitingforstarttask → idle ↔ running,
// with the detours the service shows: starttaskfailed, unusable (with errors), preempted (Spot),
// rebooting, leavingpool on shrink, and removal (its files vanish with it). How a node boots is
// its fate, decided by the pool's behaviour rule when the node is allocated.

import type { ComputeNode, ComputeNodeError } from "./entities.js";
import { nodeIdentitySetup } from "./identityRules.js";
import { newNodeId, nodeIpAddress } from "./ids.js";
import { setNodeState } from "./nodeState.js";
import { Random } from "./random.js";
import { decideStartTask } from "./startTask.js";
import type { NodeFate } from "./nodeFate.js";
import type { NodeRecord, PoolRecord, SimState } from "./state.js";
import { interruptAttempt } from "./taskExecution.js";
import { exitCodeFailure } from "./taskWire.js";
import { HOUR_MS, MINUTE_MS, SECOND_MS, STEP_MS, isoAt } from "./time.js";

/** How long each lifecycle phase lasts, in milliseconds (inclusive ranges). */
const phaseMs = {
  creating: [20 * SECOND_MS, 60 * SECOND_MS],
  starting: [40 * SECOND_MS, 110 * SECOND_MS],
  rebooting: [45 * SECOND_MS, 90 * SECOND_MS],
  reimaging: [90 * SECOND_MS, 180 * SECOND_MS],
  leaving: [15 * SECOND_MS, 40 * SECOND_MS],
  preemptedUntilReplaced: [4 * MINUTE_MS, 10 * MINUTE_MS],
} as const;

export type DeallocationOption = "requeue" | "terminate" | "taskcompletion" | "retaineddata";

function phaseDuration(sim: SimState, record: NodeRecord, phase: keyof typeof phaseMs): number {
  const [shortest, longest] = phaseMs[phase];
  const rng = Random.derive(sim.seed, `${record.node.id}#${record.epoch}#${phase}`);
  return Math.round(rng.between(shortest, longest) / STEP_MS) * STEP_MS;
}

/** Runs `action` after `delayMs` unless the node's lifecycle has moved on meanwhile. */
function after(sim: SimState, record: NodeRecord, delayMs: number, action: () => void): void {
  const epoch = record.epoch;
  sim.timeline.at(sim.nowMs + delayMs, () => {
    if (record.epoch === epoch && !record.removed) action();
  });
}

function newEpoch(record: NodeRecord): void {
  record.epoch += 1;
}

function adjustCurrentCount(pool: PoolRecord, dedicated: boolean, delta: number): void {
  if (dedicated) pool.pool.currentDedicatedNodes += delta;
  else pool.pool.currentLowPriorityNodes += delta;
}

function newNodeRecord(sim: SimState, pool: PoolRecord, dedicated: boolean, allocatedMs: number): NodeRecord {
  const id = newNodeId(sim.rng, dedicated);
  const allocationNumber = pool.allocations++;
  const identitySetup = nodeIdentitySetup(pool.pool, sim.account);
  const fate = pool.behaviour.nodeFate({
    pool: pool.pool,
    account: sim.account,
    identitySetup,
    dedicated,
    allocationNumber,
    rng: Random.derive(sim.seed, `${id}#fate`),
  });
  const time = isoAt(allocatedMs);
  const node: ComputeNode = {
    id,
    url: `${pool.pool.url}/nodes/${id}`,
    state: "creating",
    schedulingState: "enabled",
    stateTransitionTime: time,
    allocationTime: time,
    ipAddress: nodeIpAddress(pool.index, allocationNumber),
    affinityId: `TVM:${id}`,
    vmSize: pool.pool.vmSize,
    totalTasksRun: 0,
    runningTasksCount: 0,
    runningTaskSlotsCount: 0,
    totalTasksSucceeded: 0,
    ...(pool.pool.startTask ? { startTask: pool.pool.startTask } : {}),
    isDedicated: dedicated,
    nodeAgentInfo: { version: "1.11.20", lastUpdateTime: time },
  };
  const record: NodeRecord = {
    node,
    pool,
    fate,
    identitySetup,
    bootCount: 0,
    epoch: 0,
    running: [],
    taskDirectories: [],
    pendingExit: undefined,
    removed: false,
  };
  pool.nodes.push(node);
  pool.nodeRecords.set(id, record);
  adjustCurrentCount(pool, dedicated, 1);
  return record;
}

/** Allocates a node for a resize or a replacement; it boots over the next minutes. */
export function allocateNode(sim: SimState, pool: PoolRecord, dedicated: boolean): NodeRecord {
  const record = newNodeRecord(sim, pool, dedicated, sim.nowMs);
  after(sim, record, phaseDuration(sim, record, "creating"), () => bootNode(sim, record));
  return record;
}

/**
 * Adds a node that finished booting `readyForMs` before now (a scenario's existing pool), in the
 * state its fate would have brought it to.
 */
export function addBootedNode(
  sim: SimState,
  pool: PoolRecord,
  dedicated: boolean,
  readyForMs: number,
): NodeRecord {
  const readyMs = sim.nowMs - readyForMs;
  const record = newNodeRecord(sim, pool, dedicated, readyMs - 3 * MINUTE_MS);
  const { node, fate } = record;
  record.bootCount = 1;
  node.lastBootTime = isoAt(readyMs - 2 * MINUTE_MS);
  node.stateTransitionTime = isoAt(readyMs);
  if (fate.kind === "stuckStarting") {
    node.state = "starting";
    return record;
  }
  if (fate.kind === "unusable") {
    node.state = "unusable";
    node.errors = fate.errors;
    return record;
  }
  const startTask = pool.pool.startTask;
  if (startTask) {
    const failed = fate.kind === "startTaskFails";
    // The same run the node's startup files are rendered from, so they show it complete.
    const run = decideStartTask(sim.seed, node.id, record.bootCount, startTaskExitCode(fate));
    node.startTaskInfo = {
      state: "completed",
      startTime: isoAt(readyMs - run.attemptMs),
      endTime: isoAt(readyMs),
      exitCode: run.exitCode,
      retryCount: failed ? (startTask.maxTaskRetryCount ?? 0) : 0,
      result: failed ? "failure" : "success",
      ...(failed ? { failureInfo: exitCodeFailure } : {}),
    };
    if (failed) {
      node.state = "starttaskfailed";
      return record;
    }
  }
  node.state = "idle";
  scheduleSpotPreemption(sim, record);
  return record;
}

/** The exit code a node's start task ends with, given its fate. */
export function startTaskExitCode(fate: NodeFate): number {
  return fate.kind === "startTaskFails" ? fate.exitCode : 0;
}

function bootNode(sim: SimState, record: NodeRecord): void {
  newEpoch(record);
  record.bootCount += 1;
  record.node.lastBootTime = isoAt(sim.nowMs);
  setNodeState(sim, record, "starting");
  // A node whose identity cannot be resolved never finishes joining the pool.
  if (record.fate.kind === "stuckStarting") return;
  after(sim, record, phaseDuration(sim, record, "starting"), () => {
    const { fate } = record;
    if (fate.kind === "unusable") markNodeUnusable(sim, record, fate.errors);
    else if (record.pool.pool.startTask) runStartTask(sim, record, 0);
    else becomeReady(sim, record);
  });
}

function runStartTask(sim: SimState, record: NodeRecord, retry: number): void {
  const { node } = record;
  const maxRetries = node.startTask?.maxTaskRetryCount ?? 0;
  const run = decideStartTask(sim.seed, node.id, record.bootCount, startTaskExitCode(record.fate));
  const now = isoAt(sim.nowMs);
  node.startTaskInfo = {
    state: "running",
    startTime: now,
    retryCount: retry,
    ...(retry > 0 ? { lastRetryTime: now } : {}),
  };
  setNodeState(sim, record, "waitingforstarttask");
  after(sim, record, run.attemptMs, () => {
    const info = node.startTaskInfo;
    if (!info) return;
    info.state = "completed";
    info.endTime = isoAt(sim.nowMs);
    info.exitCode = run.exitCode;
    if (run.exitCode === 0) {
      info.result = "success";
      becomeReady(sim, record);
    } else if (retry < maxRetries) {
      runStartTask(sim, record, retry + 1);
    } else {
      info.result = "failure";
      info.failureInfo = exitCodeFailure;
      setNodeState(sim, record, "starttaskfailed");
    }
  });
}

function becomeReady(sim: SimState, record: NodeRecord): void {
  setNodeState(sim, record, "idle");
  scheduleSpotPreemption(sim, record);
}

/** Spot nodes are preempted at random, at the pool's mean rate per node-hour. */
function scheduleSpotPreemption(sim: SimState, record: NodeRecord): void {
  const rate = record.pool.behaviour.preemptionsPerNodeHour;
  if (record.node.isDedicated || rate <= 0) return;
  const rng = Random.derive(sim.seed, `${record.node.id}#${record.bootCount}#preemption`);
  const delayMs = (-Math.log(1 - rng.next()) / rate) * HOUR_MS;
  after(sim, record, delayMs, () => {
    if (record.node.state === "idle" || record.node.state === "running") preemptNode(sim, record);
  });
}

function interruptAll(sim: SimState, record: NodeRecord, mode: "requeue" | "terminate"): void {
  for (const task of [...record.running]) interruptAttempt(sim, task, mode);
}

/** The Spot VM is taken back: running tasks are requeued; a replacement is allocated later. */
export function preemptNode(sim: SimState, record: NodeRecord): void {
  newEpoch(record);
  record.pendingExit = undefined;
  interruptAll(sim, record, "requeue");
  setNodeState(sim, record, "preempted");
  after(sim, record, phaseDuration(sim, record, "preemptedUntilReplaced"), () => {
    const pool = record.pool;
    removeNode(sim, record);
    const short = pool.pool.currentLowPriorityNodes < pool.pool.targetLowPriorityNodes;
    if (short && pool.pool.allocationState === "steady") allocateNode(sim, pool, false);
  });
}

export function markNodeUnusable(sim: SimState, record: NodeRecord, errors: ComputeNodeError[]): void {
  newEpoch(record);
  record.pendingExit = undefined;
  interruptAll(sim, record, "requeue");
  record.node.errors = errors;
  setNodeState(sim, record, "unusable");
}

/** Reboots now, or once running tasks finish when the option says to wait for them. */
export function rebootNode(sim: SimState, record: NodeRecord, option: DeallocationOption): void {
  const waits = option === "taskcompletion" || option === "retaineddata";
  if (waits && record.running.length > 0) record.pendingExit = { kind: "reboot", option };
  else startReboot(sim, record, option === "terminate" ? "terminate" : "requeue");
}

function startReboot(sim: SimState, record: NodeRecord, mode: "requeue" | "terminate"): void {
  newEpoch(record);
  record.pendingExit = undefined;
  interruptAll(sim, record, mode);
  // A reboot clears node errors; errors that come from the node's fate return when it starts.
  delete record.node.errors;
  setNodeState(sim, record, "rebooting");
  after(sim, record, phaseDuration(sim, record, "rebooting"), () => bootNode(sim, record));
}

/** Reimages now, or once running tasks finish when the option says to wait for them. */
export function reimageNode(sim: SimState, record: NodeRecord, option: DeallocationOption): void {
  const waits = option === "taskcompletion" || option === "retaineddata";
  if (waits && record.running.length > 0) record.pendingExit = { kind: "reimage", option };
  else startReimage(sim, record, option === "terminate" ? "terminate" : "requeue");
}

/** The OS disk is reinstalled: the node's files, task directories included, are gone when it starts again. */
function startReimage(sim: SimState, record: NodeRecord, mode: "requeue" | "terminate"): void {
  newEpoch(record);
  record.pendingExit = undefined;
  interruptAll(sim, record, mode);
  delete record.node.errors;
  dropTaskDirectories(record);
  setNodeState(sim, record, "reimaging");
  after(sim, record, phaseDuration(sim, record, "reimaging"), () => bootNode(sim, record));
}

/**
 * Stops scheduling tasks on a node. requeue and terminate end its running tasks now and the node goes
 * offline; taskcompletion lets them finish, and the node goes offline after the last one.
 */
export function disableScheduling(
  sim: SimState,
  record: NodeRecord,
  option: "requeue" | "terminate" | "taskcompletion",
): void {
  record.node.schedulingState = "disabled";
  if (option !== "taskcompletion") interruptAll(sim, record, option);
  const { state } = record.node;
  if (record.running.length === 0 && (state === "idle" || state === "running"))
    setNodeState(sim, record, "offline");
}

/** Schedules tasks on the node again: an offline node is idle once more. */
export function enableScheduling(sim: SimState, record: NodeRecord): void {
  record.node.schedulingState = "enabled";
  if (record.node.state === "offline") setNodeState(sim, record, "idle");
}

/** Starts removing a node for a shrink; with taskcompletion/retaineddata it first lets tasks finish. */
export function beginLeaving(sim: SimState, record: NodeRecord, option: DeallocationOption): void {
  const waits = option === "taskcompletion" || option === "retaineddata";
  if (waits && record.running.length > 0) record.pendingExit = { kind: "leave" };
  else leaveNow(sim, record, option === "terminate" ? "terminate" : "requeue");
}

function leaveNow(sim: SimState, record: NodeRecord, mode: "requeue" | "terminate"): void {
  newEpoch(record);
  record.pendingExit = undefined;
  interruptAll(sim, record, mode);
  setNodeState(sim, record, "leavingpool");
  after(sim, record, phaseDuration(sim, record, "leaving"), () => removeNode(sim, record));
}

/** Carries out the shrinks and reboots that were waiting for a node's last task to finish. */
export function settleNodes(sim: SimState): void {
  for (const record of sim.nodesToSettle) {
    const exit = record.pendingExit;
    if (record.removed || !exit || record.running.length > 0) continue;
    if (exit.kind === "leave") leaveNow(sim, record, "requeue");
    else if (exit.kind === "reimage") startReimage(sim, record, "requeue");
    else startReboot(sim, record, "requeue");
  }
  sim.nodesToSettle.clear();
}

/** The node leaves the pool; its files, task directories included, go with it. */
function removeNode(sim: SimState, record: NodeRecord): void {
  interruptAll(sim, record, "requeue");
  newEpoch(record);
  record.removed = true;
  const { pool } = record;
  const index = pool.nodes.indexOf(record.node);
  if (index >= 0) pool.nodes.splice(index, 1);
  pool.nodeRecords.delete(record.node.id);
  adjustCurrentCount(pool, record.node.isDedicated, -1);
  dropTaskDirectories(record);
}

/** The node's task directories are gone (it left, or its disk was reinstalled). */
function dropTaskDirectories(record: NodeRecord): void {
  for (const task of record.taskDirectories) {
    if (task.directoryNode === record) task.directoryNode = undefined;
  }
  record.taskDirectories = [];
}

/** Whether a node answers file requests (a node that is down or gone does not). */
export function nodeFilesReachable(record: NodeRecord): boolean {
  const { state } = record.node;
  return (
    !record.removed &&
    state !== "creating" &&
    state !== "starting" &&
    state !== "rebooting" &&
    state !== "reimaging" &&
    state !== "preempted" &&
    state !== "unknown"
  );
}
