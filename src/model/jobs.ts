/** What batchtop shows of a job. ADF and Synapse name their jobs `adfv2-<poolName>`. */
export interface JobSummary {
  id: string;
  displayName?: string | undefined;
  /** active, disabling, disabled, enabling, terminating, completed or deleting. */
  state: string;
  stateTransitionTime?: Date | undefined;
  creationTime?: Date | undefined;
  poolId?: string | undefined;
  priority: number;
}

/** Every job state the Batch data plane reports. */
export const jobStates = [
  "active",
  "disabling",
  "disabled",
  "enabling",
  "terminating",
  "completed",
  "deleting",
] as const;

export type JobState = (typeof jobStates)[number];

/** The task counts of one job, as `GET jobs/{id}/taskcounts` reports them. */
export interface JobTaskCounts {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}
