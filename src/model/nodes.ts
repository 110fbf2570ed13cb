/** What batchtop shows of a compute node. */
export interface NodeSummary {
  id: string;
  state: string;
  stateTransitionTime?: Date | undefined;
  /** When the node's VM was allocated: it keeps the pool identities it was created with. */
  allocationTime?: Date | undefined;
  schedulingState: string;
  runningTasksCount: number;
  isDedicated: boolean;
  startTaskState?: string | undefined;
  startTaskExitCode?: number | undefined;
  errors: { code: string; message: string }[];
}

/** Every compute node state the Batch data plane reports, spelt as it spells them. */
export const nodeStates = [
  "idle",
  "running",
  "creating",
  "starting",
  "waitingforstarttask",
  "starttaskfailed",
  "unusable",
  "preempted",
  "leavingpool",
  "offline",
  "rebooting",
  "reimaging",
  "unknown",
] as const;

export type NodeState = (typeof nodeStates)[number];

/** States an operator must look at: the node cannot run work and will not recover on its own. */
export const unhealthyNodeStates: ReadonlySet<string> = new Set([
  "unusable",
  "starttaskfailed",
  "offline",
  "unknown",
]);
