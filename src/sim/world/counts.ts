import type {
  ComputeNode,
  NodeCounts,
  NodeState,
  PoolNodeCounts,
  Task,
  TaskCounts,
  TaskCountsResult,
} from "./entities.js";
import type { PoolRecord } from "./state.js";

function zeroTaskCounts(): TaskCounts {
  return { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
}

export function emptyTaskCounts(): TaskCountsResult {
  return { taskCounts: zeroTaskCounts(), taskSlotCounts: zeroTaskCounts() };
}

function adjust(counts: TaskCounts, task: Task, amount: number): void {
  if (task.state === "completed") {
    counts.completed += amount;
    if (task.executionInfo?.result === "failure") counts.failed += amount;
    else counts.succeeded += amount;
  } else if (task.state === "running") counts.running += amount;
  else counts.active += amount;
}

/**
 * Adds (+1) or removes (-1) a task in its current state; callers remove before a transition and add
 * after it, so job task counts stay exact without ever walking the job's tasks.
 */
export function countTask(counts: TaskCountsResult, task: Task, sign: 1 | -1): void {
  adjust(counts.taskCounts, task, sign);
  adjust(counts.taskSlotCounts, task, sign * task.requiredSlots);
}

const nodeCountKeys: Record<NodeState, keyof NodeCounts> = {
  creating: "creating",
  idle: "idle",
  offline: "offline",
  preempted: "preempted",
  rebooting: "rebooting",
  reimaging: "reimaging",
  running: "running",
  starting: "starting",
  starttaskfailed: "startTaskFailed",
  leavingpool: "leavingPool",
  unknown: "unknown",
  unusable: "unusable",
  waitingforstarttask: "waitingForStartTask",
};

function zeroNodeCounts(): NodeCounts {
  return {
    creating: 0,
    idle: 0,
    offline: 0,
    preempted: 0,
    rebooting: 0,
    reimaging: 0,
    running: 0,
    starting: 0,
    startTaskFailed: 0,
    leavingPool: 0,
    unknown: 0,
    unusable: 0,
    waitingForStartTask: 0,
    total: 0,
  };
}

/** What `GET nodecounts` answers for one pool's nodes: per state, dedicated and Spot apart. */
export function countPoolNodes(
  poolId: string,
  nodes: Iterable<Pick<ComputeNode, "isDedicated" | "state">>,
): PoolNodeCounts {
  const dedicated = zeroNodeCounts();
  const lowPriority = zeroNodeCounts();
  for (const node of nodes) {
    const counts = node.isDedicated ? dedicated : lowPriority;
    counts[nodeCountKeys[node.state]] += 1;
    counts.total += 1;
  }
  return { poolId, dedicated, lowPriority };
}

export function poolNodeCounts(record: PoolRecord): PoolNodeCounts {
  return countPoolNodes(record.pool.id, record.nodes);
}
