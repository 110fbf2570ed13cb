// The wire shape of the tasks ADF submits for Custom activities, and the parts tasks share: the
// command line, the resource files pointing at adfjobs, constraints, node info and failure infos.

import { countTask } from "./counts.js";
import type { ResourceFile, Task, TaskFailureInfo } from "./entities.js";
import { programCommandLine, type ProgramSpec } from "./programs.js";
import type { TaskOrigin } from "./taskOrigin.js";
import type { JobRecord, NodeRecord, SimState, TaskRecord } from "./state.js";

export interface NewTask {
  /** The activity run id: ADF names the task after it. */
  id: string;
  program: ProgramSpec;
  origin: TaskOrigin;
  maxTaskRetryCount: number;
  /**
   * The user-assigned identity of the pipeline's storage linked service, which ADF passes on as the
   * resource files' identity reference; without it the node identity reference applies.
   */
  storageIdentity?: string;
  onCompleted?: (record: TaskRecord) => void;
}

export const exitCodeFailure: TaskFailureInfo = {
  category: "usererror",
  code: "FailureExitCode",
  message: "The task exited with an exit code representing a failure",
  details: [
    { name: "Message", value: "The task process exited with an unexpected exit code" },
    { name: "AdditionalErrorCode", value: "FailureExitCode" },
  ],
};

export const uploadFailure: TaskFailureInfo = {
  category: "usererror",
  code: "FileUploadContainerNotFound",
  message: "One of the specified Azure container(s) was not found while attempting to upload an output file",
  details: [{ name: "Message", value: "The specified container does not exist." }],
};

export const endedByRequest: TaskFailureInfo = {
  category: "usererror",
  code: "TaskEnded",
  message: "Task was ended by user request",
};

/** Shared by every task: the world never mutates these, and 200,000 copies would cost memory. */
const taskAutoUser: NonNullable<Task["userIdentity"]> = {
  autoUser: { scope: "task", elevationLevel: "nonadmin" },
};
const constraintsByRetries = new Map<number, Task["constraints"]>();
const scriptFiles = new Map<string, ResourceFile>();
const commandLines = new WeakMap<ProgramSpec, Map<string, string>>();

function constraintsFor(maxTaskRetryCount: number): Task["constraints"] {
  let constraints = constraintsByRetries.get(maxTaskRetryCount);
  if (!constraints) {
    constraints = { maxWallClockTime: "P7D", retentionTime: "P30D", maxTaskRetryCount };
    constraintsByRetries.set(maxTaskRetryCount, constraints);
  }
  return constraints;
}

function commandLineFor(program: ProgramSpec, os: "linux" | "windows"): string {
  let byOs = commandLines.get(program);
  if (!byOs) commandLines.set(program, (byOs = new Map()));
  let line = byOs.get(os);
  if (line === undefined) byOs.set(os, (line = programCommandLine(program, os)));
  return line;
}

/**
 * The resource files ADF attaches: the activity's runtime folder in `adfjobs` (activity.json,
 * linkedServices.json, datasets.json) and the script from the pipeline's folder.
 */
function adfResourceFiles(
  storageAccountName: string,
  taskId: string,
  pipelineName: string,
  script: string,
  storageIdentity: string | undefined,
): ResourceFile[] {
  const blobs = `https://${storageAccountName}.blob.core.windows.net`;
  const scriptUrl = `${blobs}/scripts/${pipelineName}/${script}`;
  const identity =
    storageIdentity === undefined ? {} : { identityReference: { resourceId: storageIdentity } };
  const scriptKey = `${scriptUrl}#${storageIdentity ?? ""}`;
  let scriptFile = scriptFiles.get(scriptKey);
  if (!scriptFile) {
    scriptFiles.set(scriptKey, (scriptFile = { httpUrl: scriptUrl, filePath: script, ...identity }));
  }
  return [
    { storageContainerUrl: `${blobs}/adfjobs`, blobPrefix: `${taskId}/runtime/`, ...identity },
    scriptFile,
  ];
}

/** The directory of a task on its node, relative to the node's file root. */
export function taskDirectory(record: TaskRecord): string {
  return `workitems/${record.job.job.id}/job-1/${record.task.id}`;
}

/** The parts of a task fixed when ADF submits it. */
export function adfTaskDefinition(
  sim: SimState,
  job: JobRecord,
  spec: NewTask,
): Pick<Task, "commandLine" | "resourceFiles" | "constraints" | "requiredSlots" | "userIdentity"> {
  return {
    commandLine: commandLineFor(spec.program, job.pool.os),
    resourceFiles: adfResourceFiles(
      sim.account.storageAccountName,
      spec.id,
      spec.origin.pipelineName,
      spec.program.script,
      spec.storageIdentity,
    ),
    constraints: constraintsFor(spec.maxTaskRetryCount),
    requiredSlots: 1,
    userIdentity: taskAutoUser,
  };
}

/** Adds a task to its job (list, index, counts) with the record the world keeps beside it. */
export function registerTask(job: JobRecord, task: Task, spec: NewTask, attemptCount: number): TaskRecord {
  const record: TaskRecord = {
    task,
    job,
    program: spec.program,
    origin: spec.origin,
    attempt: undefined,
    attemptCount,
    directoryNode: undefined,
    onCompleted: spec.onCompleted,
  };
  job.tasks.push(task);
  job.taskRecords.set(task.id, record);
  countTask(job.counts, task, 1);
  return record;
}

export function nodeInfoFor(record: TaskRecord, node: NodeRecord): NonNullable<Task["nodeInfo"]> {
  const directory = taskDirectory(record);
  return {
    affinityId: node.node.affinityId,
    nodeUrl: node.node.url,
    poolId: node.pool.pool.id,
    nodeId: node.node.id,
    taskRootDirectory: directory,
    taskRootDirectoryUrl: `${node.node.url}/files/${directory}`,
  };
}
