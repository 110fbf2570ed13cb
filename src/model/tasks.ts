/** Why a task failed, as the Batch service reports it in `executionInfo.failureInfo`. */
export interface TaskFailure {
  /** "usererror" or "servererror". */
  category: string;
  code?: string | undefined;
  message?: string | undefined;
  /**
   * The service's name/value pairs behind the generic message: which container or identity was
   * refused, what the storage said. Often the only place the real cause is written.
   */
  details?: readonly FailureDetail[];
}

export interface FailureDetail {
  name: string;
  value: string;
}

/** Every task state the Batch data plane reports; a completed task's result says how it ended. */
export const taskStates = ["active", "preparing", "running", "completed"] as const;

export type TaskState = (typeof taskStates)[number];

/**
 * One task as the tasks pane shows it. For ADF and Synapse Custom activities the task id is the
 * activity run id, so rows are keyed by it and link to the pipeline's run history.
 */
export interface TaskRow {
  id: string;
  /** active, preparing, running or completed. */
  state: string;
  /** success or failure, once the task has completed. */
  result?: string | undefined;
  exitCode?: number | undefined;
  failure?: TaskFailure | undefined;
  /** What ran: the first thing to check when a task fails at once. */
  commandLine?: string | undefined;
  poolId?: string | undefined;
  nodeId?: string | undefined;
  retryCount: number;
  requeueCount: number;
  creationTime?: Date | undefined;
  stateTransitionTime?: Date | undefined;
  startTime?: Date | undefined;
  endTime?: Date | undefined;
}

/**
 * A task failed when the service says so, not when its exit code is non-zero: a task can fail with
 * exit code 0 (its output files did not upload, for example), and a non-zero exit code can be a
 * success when the task's exit conditions say so.
 */
export function isTaskFailed(task: Pick<TaskRow, "result" | "failure">): boolean {
  return task.result === "failure" || task.failure !== undefined;
}

/**
 * A task as a resync lists it: enough to tell whether the row held for it is stale (its stamp moved)
 * and whether it is worth holding at all (unfinished, or completed recently), at an eighth of a row's size.
 */
export type TaskStamp = Pick<TaskRow, "id" | "state" | "stateTransitionTime">;
