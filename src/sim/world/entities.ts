// Wire-shaped Batch entities, as the data plane (api-version 2022-10-01.16.0) returns them. The world
// model keeps its state in these shapes so the data plane serialises them without translation; field
// names and casing follow the specification in ../shared/specs/batch-data-plane.

export type PoolState = "active" | "deleting";
export type AllocationState = "steady" | "resizing" | "stopping";
export type NodeState =
  | "idle"
  | "rebooting"
  | "reimaging"
  | "running"
  | "unusable"
  | "creating"
  | "starting"
  | "waitingforstarttask"
  | "starttaskfailed"
  | "unknown"
  | "leavingpool"
  | "offline"
  | "preempted";
export type SchedulingState = "enabled" | "disabled";
export type JobState =
  | "active"
  | "disabling"
  | "disabled"
  | "enabling"
  | "terminating"
  | "completed"
  | "deleting";
export type TaskState = "active" | "preparing" | "running" | "completed";
export type TaskResult = "success" | "failure";
export type ErrorCategory = "usererror" | "servererror";

export interface NameValuePair {
  name: string;
  value: string;
}

export interface ResizeError {
  code: string;
  message: string;
  values?: NameValuePair[];
}

export interface UserAssignedIdentity {
  resourceId: string;
  clientId?: string;
  principalId?: string;
}

export interface PoolIdentity {
  type: "UserAssigned" | "None";
  userAssignedIdentities?: UserAssignedIdentity[];
}

export interface CertificateReference {
  thumbprint: string;
  thumbprintAlgorithm: string;
  storeLocation?: "currentuser" | "localmachine";
  storeName?: string;
  visibility?: ("starttask" | "task" | "remoteuser")[];
}

export interface Pool {
  id: string;
  displayName?: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: PoolState;
  stateTransitionTime: string;
  allocationState: AllocationState;
  allocationStateTransitionTime: string;
  vmSize: string;
  virtualMachineConfiguration?: {
    imageReference: { publisher?: string; offer?: string; sku?: string; version?: string };
    nodeAgentSKUId: string;
  };
  resizeTimeout: string;
  resizeErrors?: ResizeError[];
  currentDedicatedNodes: number;
  currentLowPriorityNodes: number;
  targetDedicatedNodes: number;
  targetLowPriorityNodes: number;
  enableAutoScale: boolean;
  autoScaleFormula?: string;
  autoScaleEvaluationInterval?: string;
  /** The last evaluation of the formula (AutoScaleRun); only while autoscale is on. */
  autoScaleRun?: {
    timestamp: string;
    results?: string;
    error?: { code: string; message: string; values: NameValuePair[] };
  };
  enableInterNodeCommunication: boolean;
  startTask?: { commandLine: string; waitForSuccess?: boolean; maxTaskRetryCount?: number };
  certificateReferences?: CertificateReference[];
  applicationPackageReferences?: { applicationId: string; version?: string }[];
  taskSlotsPerNode: number;
  taskSchedulingPolicy?: { nodeFillType: "spread" | "pack" };
  metadata?: NameValuePair[];
  identity?: PoolIdentity;
}

export interface ComputeNodeError {
  code: string;
  message: string;
  errorDetails?: NameValuePair[];
}

export interface TaskFailureInfo {
  category: ErrorCategory;
  code?: string;
  message?: string;
  details?: NameValuePair[];
}

export interface StartTaskInfo {
  state: "running" | "completed";
  startTime: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: TaskFailureInfo;
  retryCount: number;
  lastRetryTime?: string;
  result?: TaskResult;
}

export interface TaskInformation {
  taskUrl: string;
  jobId: string;
  taskId: string;
  subtaskId?: number;
  taskState: TaskState;
  executionInfo?: TaskExecutionInfo;
}

export interface ComputeNode {
  id: string;
  url: string;
  state: NodeState;
  schedulingState: SchedulingState;
  stateTransitionTime: string;
  lastBootTime?: string;
  allocationTime: string;
  ipAddress: string;
  affinityId: string;
  vmSize: string;
  totalTasksRun: number;
  runningTasksCount: number;
  runningTaskSlotsCount: number;
  totalTasksSucceeded: number;
  recentTasks?: TaskInformation[];
  startTask?: { commandLine: string; waitForSuccess?: boolean; maxTaskRetryCount?: number };
  startTaskInfo?: StartTaskInfo;
  errors?: ComputeNodeError[];
  isDedicated: boolean;
  nodeAgentInfo?: { version: string; lastUpdateTime: string };
}

export interface Job {
  id: string;
  displayName?: string;
  usesTaskDependencies: boolean;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: JobState;
  stateTransitionTime: string;
  previousState?: JobState;
  previousStateTransitionTime?: string;
  priority: number;
  allowTaskPreemption: boolean;
  maxParallelTasks: number;
  constraints: { maxWallClockTime?: string; maxTaskRetryCount: number };
  poolInfo: { poolId: string };
  onAllTasksComplete: "noaction" | "terminatejob";
  onTaskFailure: "noaction" | "performexitoptionsjobaction";
  metadata?: NameValuePair[];
  executionInfo: { startTime: string; endTime?: string; poolId: string; terminateReason?: string };
}

export interface TaskExecutionInfo {
  startTime?: string;
  endTime?: string;
  exitCode?: number;
  failureInfo?: TaskFailureInfo;
  retryCount: number;
  lastRetryTime?: string;
  requeueCount: number;
  lastRequeueTime?: string;
  result?: TaskResult;
}

export interface ResourceFile {
  autoStorageContainerName?: string;
  storageContainerUrl?: string;
  httpUrl?: string;
  /** Only blobs whose names start with this prefix are downloaded (with a container source). */
  blobPrefix?: string;
  filePath?: string;
  identityReference?: { resourceId: string };
}

export interface Task {
  id: string;
  displayName?: string;
  url: string;
  eTag: string;
  lastModified: string;
  creationTime: string;
  state: TaskState;
  stateTransitionTime: string;
  previousState?: TaskState;
  previousStateTransitionTime?: string;
  commandLine: string;
  resourceFiles?: ResourceFile[];
  environmentSettings?: NameValuePair[];
  constraints: { maxWallClockTime: string; retentionTime: string; maxTaskRetryCount: number };
  requiredSlots: number;
  userIdentity?: { autoUser: { scope: "task" | "pool"; elevationLevel: "nonadmin" | "admin" } };
  executionInfo?: TaskExecutionInfo;
  nodeInfo?: {
    affinityId: string;
    nodeUrl: string;
    poolId: string;
    nodeId: string;
    taskRootDirectory: string;
    taskRootDirectoryUrl: string;
  };
}

export interface NodeCounts {
  creating: number;
  idle: number;
  offline: number;
  preempted: number;
  rebooting: number;
  reimaging: number;
  running: number;
  starting: number;
  startTaskFailed: number;
  leavingPool: number;
  unknown: number;
  unusable: number;
  waitingForStartTask: number;
  total: number;
}

export interface PoolNodeCounts {
  poolId: string;
  dedicated: NodeCounts;
  lowPriority: NodeCounts;
}

export interface TaskCounts {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}

export interface TaskCountsResult {
  taskCounts: TaskCounts;
  taskSlotCounts: TaskCounts;
}

/** A file on a node or in a task directory, as the files API lists it. */
export interface NodeFile {
  name: string;
  url: string;
  isDirectory: boolean;
  properties?: {
    creationTime?: string;
    lastModified: string;
    contentLength: number;
    contentType?: string;
    fileMode?: string;
  };
}
