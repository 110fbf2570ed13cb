import type { ComputeNode, Job, Pool, Task } from "../../src/sim/world/entities.js";

// Small, valid wire-shaped entities for data-plane tests; each takes overrides for what a test is about.

const base = "https://demo.sim.batch.azure.com";

export function makePool(id: string, overrides: Partial<Pool> = {}): Pool {
  return {
    id,
    url: `${base}/pools/${id}`,
    eTag: "0x8DC1F2A3B4C5D60",
    lastModified: "2024-05-01T10:00:00.1234567Z",
    creationTime: "2024-05-01T09:00:00Z",
    state: "active",
    stateTransitionTime: "2024-05-01T09:00:00Z",
    allocationState: "steady",
    allocationStateTransitionTime: "2024-05-01T09:05:00Z",
    vmSize: "standard_d2s_v3",
    resizeTimeout: "PT15M",
    currentDedicatedNodes: 2,
    currentLowPriorityNodes: 0,
    targetDedicatedNodes: 2,
    targetLowPriorityNodes: 0,
    enableAutoScale: false,
    enableInterNodeCommunication: false,
    taskSlotsPerNode: 1,
    ...overrides,
  };
}

export function makeNode(poolId: string, id: string, overrides: Partial<ComputeNode> = {}): ComputeNode {
  return {
    id,
    url: `${base}/pools/${poolId}/nodes/${id}`,
    state: "idle",
    schedulingState: "enabled",
    stateTransitionTime: "2024-05-01T09:10:00Z",
    allocationTime: "2024-05-01T09:05:00Z",
    ipAddress: "10.0.0.4",
    affinityId: `TVM:${id}`,
    vmSize: "standard_d2s_v3",
    totalTasksRun: 0,
    runningTasksCount: 0,
    runningTaskSlotsCount: 0,
    totalTasksSucceeded: 0,
    isDedicated: true,
    ...overrides,
  };
}

export function makeJob(id: string, poolId: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    usesTaskDependencies: false,
    url: `${base}/jobs/${id}`,
    eTag: "0x8DC1F2A3B4C5D61",
    lastModified: "2024-05-01T09:20:00Z",
    creationTime: "2024-05-01T09:20:00Z",
    state: "active",
    stateTransitionTime: "2024-05-01T09:20:00Z",
    priority: 0,
    allowTaskPreemption: false,
    maxParallelTasks: -1,
    constraints: { maxWallClockTime: "P10675199DT2H48M5.4775807S", maxTaskRetryCount: 0 },
    poolInfo: { poolId },
    onAllTasksComplete: "noaction",
    onTaskFailure: "noaction",
    executionInfo: { startTime: "2024-05-01T09:20:00Z", poolId },
    ...overrides,
  };
}

export function makeTask(jobId: string, id: string, overrides: Partial<Task> = {}): Task {
  return {
    id,
    url: `${base}/jobs/${jobId}/tasks/${id}`,
    eTag: "0x8DC1F2A3B4C5D62",
    lastModified: "2024-05-01T09:30:00Z",
    creationTime: "2024-05-01T09:30:00Z",
    state: "active",
    stateTransitionTime: "2024-05-01T09:30:00Z",
    commandLine: "/bin/sh -c 'echo hello'",
    constraints: {
      maxWallClockTime: "P10675199DT2H48M5.4775807S",
      retentionTime: "P7D",
      maxTaskRetryCount: 0,
    },
    requiredSlots: 1,
    executionInfo: { retryCount: 0, requeueCount: 0 },
    ...overrides,
  };
}

/** A completed task with the given exit code; non-zero codes fail, as a plain command line does. */
export function completedTask(jobId: string, id: string, exitCode: number, endTime: string): Task {
  return makeTask(jobId, id, {
    state: "completed",
    stateTransitionTime: endTime,
    previousState: "running",
    executionInfo: {
      startTime: "2024-05-01T09:31:00Z",
      endTime,
      exitCode,
      retryCount: 0,
      requeueCount: 0,
      result: exitCode === 0 ? "success" : "failure",
      ...(exitCode === 0
        ? {}
        : {
            failureInfo: {
              category: "usererror",
              code: "FailureExitCode",
              message: "The task exited with an exit code representing a failure",
            },
          }),
    },
  });
}
