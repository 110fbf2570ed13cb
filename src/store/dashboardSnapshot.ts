import type { OutputStream } from "../azure/outputStore.js";
import type { ThrottleState } from "../azure/throttle.js";
import type { BatchAccountInfo } from "../model/account.js";
import type { JobFailures } from "../model/health.js";
import type { JobSummary, JobTaskCounts } from "../model/jobs.js";
import type { NodeSummary } from "../model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";
import type { DoctorReport } from "../model/doctor/report.js";
import type { ActivityDurationStat } from "../model/hungTasks.js";
import type { ActivityRun } from "../model/runs.js";
import type { FollowedRun } from "../model/actions/recoveryOutcome.js";
import type { TailSnapshot } from "../model/tailSnapshot.js";
import type { TaskRow } from "../model/tasks.js";
import type { FailureStrip, TimelineBucketEvents, TimelineChart, TimelineRange } from "../model/timeline.js";
import { emptyResource, type ResourceState } from "./resourceState.js";

/** What the screen is looking at: only these resources are polled beyond the overview. */
export interface Focus {
  poolId?: string;
  jobId?: string;
  /** With jobId: the task whose log is tailed. */
  taskId?: string;
  /** A node whose start task output is tailed instead of a task's log. */
  startTask?: { poolId: string; nodeId: string };
  stream?: OutputStream;
  /**
   * With jobId: the tasks pane shows faults only. For a job larger than what is held, its failed
   * tasks are then fetched by filter, so every one of them can be reached.
   */
  taskFaultsOnly?: boolean;
  /** The identity doctor is on screen (`:doctor`, a pool's details) for one pool, or all of them. */
  doctor?: { poolId?: string };
  /** `:timeline` is on screen over this range; with a bucket, Enter listed that bucket's events. */
  timeline?: { range: TimelineRange; bucket?: { startMs: number; endMs: number } };
}

/** The focused job's tasks as held: all of them, or (for a job beyond the cap) part. */
export interface HeldTasks {
  /** Most recently changed first. */
  rows: readonly TaskRow[];
  /**
   * The job has more tasks than batchtop holds: `rows` are its unfinished and most recently changed
   * ones. Counts over the whole job come from `taskCounts`, never from these rows.
   */
  partial: boolean;
}

/** The focused job's failed tasks, asked of Batch by filter (faults-only on a partial job). */
export interface FailedTasks {
  /** Most recently changed first; at most the store's bound. */
  rows: readonly TaskRow[];
  /** More failed tasks matched than the bound let through. */
  truncated: boolean;
}

export interface Overview {
  pools: readonly PoolSummary[];
  nodeCounts: readonly PoolNodeCounts[];
  jobs: readonly JobSummary[];
}

/**
 * What faults-only needs beyond the overview, on a slower rhythm: every job's task counts (a pool
 * whose tasks mostly fail is faulty, and so is such a job), and the nodes of each pool that sit in a
 * passing state (creating, starting…), to tell a node stuck there from one on its way.
 */
export interface AccountHealth {
  jobCounts: ReadonlyMap<string, JobTaskCounts>;
  /** By pool; only pools whose node counts show nodes in a passing state are asked. */
  passingNodes: ReadonlyMap<string, readonly NodeSummary[]>;
}

export interface PipelineContext {
  byActivityRunId: ReadonlyMap<string, ActivityRun>;
  /** Log Analytics answered only in part (one table family failed, or a partial result). */
  warnings: readonly string[];
}

/** The usual durations of the focused job's pipeline activities, from Log Analytics (hung-task marks). */
export interface UsualDurations {
  stats: readonly ActivityDurationStat[];
  /** The activities asked about (`activityKey`), answered or not: a new one is asked at once. */
  asked: readonly string[];
  warnings: readonly string[];
}

const noStats: readonly ActivityDurationStat[] = [];

/**
 * The usual durations to judge running tasks by: Log Analytics' once its poll has started (data,
 * loading or an error; empty until it answers, rather than marks from the job's own tasks for a
 * moment), undefined without a workspace, where the job's own tasks stand in.
 */
export function workspaceUsualStats(snapshot: Pick<DashboardSnapshot, "usualDurations">) {
  const usual = snapshot.usualDurations;
  const started = usual.data !== undefined || usual.loading || usual.error !== undefined;
  return started ? (usual.data?.stats ?? noStats) : undefined;
}

export interface DashboardSnapshot {
  focus: Focus;
  overview: ResourceState<Overview>;
  /** Nodes of focus.poolId. */
  nodes: ResourceState<readonly NodeSummary[]>;
  /** Tasks of focus.jobId. */
  tasks: ResourceState<HeldTasks>;
  taskCounts: ResourceState<JobTaskCounts>;
  /** Failed tasks of focus.jobId by filter: polled only while faults-only is on and `tasks` is partial. */
  failedTasks: ResourceState<FailedTasks>;
  /** The log of focus.taskId, or of focus.startTask. */
  tail: ResourceState<TailSnapshot>;
  /**
   * Pipeline context from Log Analytics for the focused job's most recent tasks, by activity run id
   * (= task id); absent without a workspace.
   */
  runs: ResourceState<PipelineContext>;
  /** The usual duration of those tasks' pipeline activities; absent without a workspace. */
  usualDurations: ResourceState<UsualDurations>;
  health: ResourceState<AccountHealth>;
  /** The account as ARM shows it (autostorage, its node identity reference); absent without ARM. */
  account: ResourceState<BatchAccountInfo>;
  /**
   * Tasks that failed in the last `failureWindowMs`, across the account's active jobs (only jobs with
   * some): where the account is failing, whatever is on screen.
   */
  failures: ResourceState<readonly JobFailures[]>;
  /** The identity doctor's verdicts for focus.doctor; absent without ARM. */
  doctor: ResourceState<DoctorReport>;
  /** Recovery runs batchtop started, followed until they end: by run id in lower case. */
  followedRuns: ResourceState<ReadonlyMap<string, FollowedRun>>;
  /** `:timeline`'s chart from Log Analytics, for focus.timeline; absent without a workspace. */
  timeline: ResourceState<TimelineChart>;
  /** The events of focus.timeline.bucket. */
  timelineEvents: ResourceState<TimelineBucketEvents>;
  /** The last hour's failures per bucket, for the strip under the header; absent without a workspace. */
  failureStrip: ResourceState<FailureStrip>;
  /** The Batch account's throttle: why requests are being held back, if they are. */
  throttle?: ThrottleState | undefined;
  intervals: {
    overviewMs: number;
    tailMs: number;
    runsMs: number;
    healthMs: number;
    failedTasksMs: number;
    failuresMs: number;
  };
  /** A workspace is configured: the timeline and its strip come from Log Analytics, not Batch alone. */
  timelineFromLogs: boolean;
  /** How far back `failures` looks, as `batchtop snapshot --since` does (default 1 h). */
  failureWindowMs: number;
}

/** The snapshot's fields that a poll fills: every `ResourceState` field, found by its type. */
export type ResourceKey = {
  [K in keyof DashboardSnapshot]-?: DashboardSnapshot[K] extends ResourceState<unknown> ? K : never;
}[keyof DashboardSnapshot];

/**
 * Every resource before its first poll. A `Record` over `ResourceKey`, so a new resource field in
 * `DashboardSnapshot` does not compile until it is listed here, and `worthRendering` then watches it.
 */
export const emptyResources: Readonly<Record<ResourceKey, ResourceState<never>>> = {
  overview: emptyResource,
  nodes: emptyResource,
  tasks: emptyResource,
  taskCounts: emptyResource,
  failedTasks: emptyResource,
  tail: emptyResource,
  runs: emptyResource,
  usualDurations: emptyResource,
  health: emptyResource,
  failures: emptyResource,
  account: emptyResource,
  doctor: emptyResource,
  followedRuns: emptyResource,
  timeline: emptyResource,
  timelineEvents: emptyResource,
  failureStrip: emptyResource,
};
const resourceKeys = Object.keys(emptyResources) as ResourceKey[];

/**
 * Whether subscribers should hear of a new snapshot. A poll that brought the same data (or only
 * started) changes nothing a user sees: fresh data shows its rhythm, not its age, and the freshness
 * texts read the newest snapshot's `fetchedAt` on every beat of the screen's clock (see
 * ui/hooks/useFreshness.ts). So only new data, a new error, a cleared resource, a focus change or a
 * new throttle state wake the screen. A whole-screen frame costs 20 ms; five polls a
 * second each drawing one kept the dashboard 30% busy while nothing happened.
 */
export function worthRendering(before: DashboardSnapshot, after: DashboardSnapshot): boolean {
  if (before.focus !== after.focus) return true;
  if (
    before.throttle?.blockedUntil !== after.throttle?.blockedUntil ||
    before.throttle?.blockedBy !== after.throttle?.blockedBy ||
    before.throttle?.lastFailure !== after.throttle?.lastFailure
  )
    return true;
  return resourceKeys.some((key) => {
    const a: ResourceState<unknown> = before[key];
    const b: ResourceState<unknown> = after[key];
    return (
      a.data !== b.data || a.error !== b.error || (a.fetchedAt === undefined) !== (b.fetchedAt === undefined)
    );
  });
}
