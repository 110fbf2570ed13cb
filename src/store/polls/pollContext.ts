import type { BatchReader } from "../../azure/batchReader.js";
import type { OutputStore } from "../../azure/outputStore.js";
import type { PipelineRunReader } from "../../azure/pipelineRuns.js";
import type { PoolManagement } from "../../azure/poolManagement.js";
import type { RunHistory } from "../../azure/runHistory.js";
import type { ChangeHistory } from "../../azure/changeHistory.js";
import type { TimelineReader } from "../../azure/timelineReader.js";
import type { ThrottleState } from "../../azure/throttle.js";
import type { DashboardSnapshot, Focus } from "../dashboardSnapshot.js";
import type { DoctorPorts } from "../doctorEvidence.js";
import type { PollJob, Timers } from "../pollScheduler.js";

/** The ports the polls read through. */
export interface DashboardSources {
  reader: BatchReader;
  outputStore?: OutputStore;
  /** The account throttle's state, read after every poll. */
  throttleState?: () => ThrottleState;
  /** Tells of a throttle change as it happens, so a 429 shows while the read waits to retry. */
  throttleChanges?: (listener: () => void) => () => void;
  /** Log Analytics, when a workspace is configured. */
  runHistory?: RunHistory;
  /** What `:changes` asks Log Analytics, when a workspace is configured. */
  changeHistory?: ChangeHistory;
  /** The timeline's counts and events from Log Analytics, when a workspace is configured. */
  timeline?: TimelineReader;
  /** ARM's view of the account, when a subscription and resource group are set. */
  management?: Pick<PoolManagement, "getAccount"> & Partial<Pick<PoolManagement, "listPools">>;
  /** What the identity doctor reads, when ARM is set. */
  doctor?: DoctorPorts;
  /** Data Factory's and Synapse's run APIs: recovery runs are followed through them. */
  pipelineRunReader?: PipelineRunReader;
}

export interface DashboardStoreOptions {
  /** The overview, nodes and tasks (`--refresh`, default 2 s). */
  refreshMs: number;
  /** The focused log tail (default 1 s). */
  tailMs?: number;
  /** Pipeline context from Log Analytics (default 30 s): it lags minutes behind anyway. */
  runsMs?: number;
  /** The usual durations of pipeline activities (default 10 min): a week's percentile moves slowly. */
  usualDurationsMs?: number;
  /**
   * A partial job's failed tasks, listed whole while faults-only is on (default 10 s): the count
   * of failures comes from `taskcounts` every refresh, so only the list itself waits.
   */
  failedTasksMs?: number;
  /** Tasks held of the focused job (default 50,000; tests pass a small one). */
  maxTasks?: number;
  /** Failed tasks fetched by filter at most (default 10,000: ten pages). */
  maxFailedTasks?: number;
  /** Every job's task counts and the nodes in passing states (default 10 s, or 5 refreshes if slower). */
  healthMs?: number;
  /** The account's failed tasks (default 30 s): one request per active job, so not every refresh. */
  failuresMs?: number;
  /** How far back they count (default 1 h, as `batchtop snapshot`). */
  failureWindowMs?: number;
  now?: () => number;
  timers?: Timers;
}

/** The options with their defaults filled in. */
export type PollSettings = Required<Omit<DashboardStoreOptions, "maxTasks" | "now" | "timers">> &
  Pick<DashboardStoreOptions, "maxTasks">;

export function pollSettings(options: DashboardStoreOptions): PollSettings {
  return {
    refreshMs: options.refreshMs,
    tailMs: options.tailMs ?? 1000,
    runsMs: options.runsMs ?? 30_000,
    usualDurationsMs: options.usualDurationsMs ?? 600_000,
    failedTasksMs: options.failedTasksMs ?? 10_000,
    ...(options.maxTasks === undefined ? {} : { maxTasks: options.maxTasks }),
    // Ten pages of 1,000: a job with more failures than this has a problem a list will not explain.
    maxFailedTasks: options.maxFailedTasks ?? 10_000,
    // Job counts and lingering nodes change slowly, and there is a request per job: not every refresh.
    healthMs: options.healthMs ?? Math.max(10_000, 5 * options.refreshMs),
    failuresMs: options.failuresMs ?? 30_000,
    failureWindowMs: options.failureWindowMs ?? 3_600_000,
  };
}

/** What every poll module is built with: the ports, the settings, the snapshot and the scheduler. */
export interface PollContext {
  sources: DashboardSources;
  settings: PollSettings;
  now: () => number;
  /** The snapshot as it is now (it is replaced, never changed, by `publish`). */
  snapshot: () => DashboardSnapshot;
  /** Merges a change into the snapshot and wakes the screen if it is worth drawing. */
  publish: (change: Partial<DashboardSnapshot>) => void;
  /** Asks the scheduler again for the jobs of the current focus: a poll learnt something that changes them. */
  rewant: () => void;
  /** Polls a wanted job as soon as it is free (`PollScheduler.pollSoon`). */
  pollSoon: (key: string) => void;
}

/**
 * One poll module's part in the store: the jobs it wants for a focus, and what it clears when the
 * focus moves. `createDashboardStore` asks each in turn; a module knows nothing of the others
 * beyond what it is handed.
 */
export interface Poll {
  /** The jobs this focus needs of this poll: none when what it reads is not on screen. */
  jobsFor(focus: Focus): PollJob[];
  /**
   * The focus moves from `before` to `after`: the resources of this poll that no longer belong on
   * screen, emptied; state it keeps for a resource that has left (a task sync, a log tail) is dropped.
   */
  refocus?(before: Focus, after: Focus): Partial<DashboardSnapshot>;
  /** The operator asked for fresh data (`r`): incremental state starts over at the next poll. */
  requestFullResync?(): void;
}
