import type { BatchReader } from "../azure/batchReader.js";
import { describeError } from "../azure/describeError.js";
import { LogTail } from "./logTail.js";
import type { OutputStore, OutputStream } from "../azure/outputStore.js";
import type { PoolManagement } from "../azure/poolManagement.js";
import type { RunHistory } from "../azure/runHistory.js";
import { TaskSync } from "./taskSync.js";
import type { ThrottleState } from "../azure/throttle.js";
import type { JobFailures } from "../model/health.js";
import type { BatchAccountInfo } from "../model/account.js";
import type { JobSummary, JobTaskCounts } from "../model/jobs.js";
import { passingNodeStates } from "../model/stuckNodes.js";
import type { NodeSummary } from "../model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";
import type { ActivityRun } from "../model/runs.js";
import type { TailSnapshot } from "../model/tailSnapshot.js";
import type { TaskRow } from "../model/tasks.js";
import { recentFailures } from "./accountSnapshot.js";
import type { DoctorPorts } from "./doctorEvidence.js";
import { doctorFetch, doctorPollKey, doctorPollMs, sameDoctorFocus, type DoctorFocus } from "./doctorPoll.js";
import type { DoctorReport } from "../model/doctor/report.js";
import { PollScheduler, type PollJob, type Timers } from "./pollScheduler.js";
import { emptyResource, failed, succeeded, type ResourceState } from "./resourceState.js";

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
  /** The identity doctor is on screen for these pools. */
  doctor?: DoctorFocus;
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
  /** The Batch account's throttle: why requests are being held back, if they are. */
  throttle?: ThrottleState;
  intervals: {
    overviewMs: number;
    tailMs: number;
    runsMs: number;
    healthMs: number;
    failedTasksMs: number;
    failuresMs: number;
  };
  /** How far back `failures` looks, as `batchtop snapshot --since` does (default 1 h). */
  failureWindowMs: number;
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

export interface DashboardSources {
  reader: BatchReader;
  outputStore?: OutputStore;
  /** The account throttle's state, read after every poll. */
  throttleState?: () => ThrottleState;
  /** Tells of a throttle change as it happens, so a 429 shows while the read waits to retry. */
  throttleChanges?: (listener: () => void) => () => void;
  /** Log Analytics, when a workspace is configured. */
  runHistory?: RunHistory;
  /** ARM's view of the account, when a subscription and resource group are set. */
  management?: Pick<PoolManagement, "getAccount">;
  /** What the identity doctor reads, when ARM is set. */
  doctor?: DoctorPorts;
}

export interface DashboardStoreOptions {
  /** The overview, nodes and tasks (`--refresh`, default 2 s). */
  refreshMs: number;
  /** The focused log tail (default 1 s). */
  tailMs?: number;
  /** Pipeline context from Log Analytics (default 30 s): it lags minutes behind anyway. */
  runsMs?: number;
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

export interface DashboardStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): DashboardSnapshot;
  /** Changes what is polled; resources leaving focus stop polling and are cleared. */
  setFocus(focus: Focus): void;
  /**
   * Polls everything in focus now. `fullResync` when the operator asked for fresh data (`r`): the
   * focused job's tasks are listed whole, since incremental cycles cannot see deleted tasks. After an
   * action only the next poll is wanted, not a resync of a job of 100,000 tasks.
   */
  refresh(options?: { fullResync?: boolean }): void;
  /**
   * Which of these jobs, asked in order, has a task with this id (`:find` for a task whose job is
   * not loaded); undefined when none has. One small request per job, by id.
   */
  findTask(jobIds: readonly string[], taskId: string): Promise<string | undefined>;
  stop(): void;
}

function byRecentChange(a: TaskRow, b: TaskRow): number {
  return (
    (b.stateTransitionTime?.getTime() ?? 0) - (a.stateTransitionTime?.getTime() ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

type ResourceKey =
  | "overview"
  | "nodes"
  | "tasks"
  | "taskCounts"
  | "failedTasks"
  | "tail"
  | "runs"
  | "health"
  | "failures"
  | "account"
  | "doctor";
const resourceKeys: readonly ResourceKey[] = [
  "overview",
  "nodes",
  "tasks",
  "taskCounts",
  "failedTasks",
  "tail",
  "runs",
  "health",
  "failures",
  "account",
  "doctor",
];

/**
 * Whether subscribers should hear of a new snapshot. A poll that brought the same data (or only
 * started) changes nothing a user sees but an age, and the screen redraws ages every second anyway,
 * reading the newest snapshot then: so only new data, a new error, a cleared resource, a focus
 * change or a new throttle state wake the screen. A whole-screen frame costs 20 ms; five polls a
 * second each drawing one kept the dashboard 30% busy while nothing happened.
 */
function worthRendering(before: DashboardSnapshot, after: DashboardSnapshot): boolean {
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

/** The same failed tasks in the same jobs: the failure line need not be drawn again. */
function sameFailures(a: readonly JobFailures[], b: readonly JobFailures[]): boolean {
  return (
    a.length === b.length &&
    a.every((job, index) => {
      const other = b[index];
      return (
        other?.jobId === job.jobId &&
        other.failed.length === job.failed.length &&
        job.failed.every((task, at) => {
          const twin = other.failed[at];
          return (
            twin?.id === task.id &&
            twin.stateTransitionTime?.getTime() === task.stateTransitionTime?.getTime()
          );
        })
      );
    })
  );
}

interface PollJobOptions<T> {
  /** Whether new data is the same as the old, which is then kept (and nothing redrawn). */
  same?: (a: T, b: T) => boolean;
  /** Runs once the resource's first data is published: a poll that reads it can start at once. */
  afterFirstData?: () => void;
}

/** The tasks whose pipeline context is looked up: the ones a tasks pane can show. */
const contextTaskCount = 100;
/** How far back Log Analytics is asked; ADF keeps activity runs in the workspace for weeks. */
const contextWindowMs = 2 * 24 * 3_600_000;
const defaultFailedTasksMs = 10_000;
/** Ten pages of 1,000: a job with more failures than this has a problem a list will not explain. */
const defaultMaxFailedTasks = 10_000;

/**
 * The dashboard's store: polls the overview always and, for what is in focus, a pool's nodes, a
 * job's tasks (incrementally) and counts, and a task's log tail, each on its own rhythm through
 * one scheduler. Publishes immutable snapshots for useSyncExternalStore; a poll that changed nothing
 * keeps the old data objects, so panes memoised on them do not render again.
 */
export function createDashboardStore(
  sources: DashboardSources,
  options: DashboardStoreOptions,
): DashboardStore {
  const now = options.now ?? Date.now;
  const tailMs = options.tailMs ?? 1000;
  const runsMs = options.runsMs ?? 30_000;
  // Autostorage and the node identity reference change when someone edits the account.
  const accountMs = 60_000;
  // Job counts and lingering nodes change slowly, and there is a request per job: not every refresh.
  const healthMs = options.healthMs ?? Math.max(10_000, 5 * options.refreshMs);
  /** Counts of jobs that have completed do not change: asked once, by the job's completion stamp. */
  const finishedJobCounts = new Map<string, { stamp: number | undefined; counts: JobTaskCounts }>();
  const failedTasksMs = options.failedTasksMs ?? defaultFailedTasksMs;
  const maxFailedTasks = options.maxFailedTasks ?? defaultMaxFailedTasks;
  const failuresMs = options.failuresMs ?? 30_000;
  const failureWindowMs = options.failureWindowMs ?? 3_600_000;
  const scheduler = new PollScheduler(options.timers);
  const listeners = new Set<() => void>();
  let taskSync: { jobId: string; sync: TaskSync } | undefined;
  let tail: { key: string; tail: LogTail } | undefined;
  let snapshot: DashboardSnapshot = {
    focus: {},
    overview: emptyResource,
    nodes: emptyResource,
    tasks: emptyResource,
    taskCounts: emptyResource,
    failedTasks: emptyResource,
    tail: emptyResource,
    runs: emptyResource,
    health: emptyResource,
    failures: emptyResource,
    account: emptyResource,
    doctor: emptyResource,
    intervals: { overviewMs: options.refreshMs, tailMs, runsMs, healthMs, failedTasksMs, failuresMs },
    failureWindowMs,
  };

  function publish(change: Partial<DashboardSnapshot>): void {
    const before = snapshot;
    snapshot = { ...snapshot, ...change, throttle: sources.throttleState?.() };
    if (worthRendering(before, snapshot)) for (const listener of listeners) listener();
  }
  const stopWatchingThrottle = sources.throttleChanges?.(() => publish({}));

  /**
   * Wraps a fetch into a poll job that records success or failure in its resource, unless the
   * focus moved on while it ran (its answer would belong to something no longer on screen).
   */
  function pollJob<T>(
    key: string,
    resource: ResourceKey,
    intervalMs: number,
    fetch: (signal: AbortSignal) => Promise<T>,
    { same, afterFirstData }: PollJobOptions<T> = {},
  ): PollJob {
    return {
      key,
      intervalMs,
      run: async (signal) => {
        const current = () => snapshot[resource] as ResourceState<T>;
        if (!current().loading) publish({ [resource]: { ...current(), loading: true } });
        try {
          const data = await fetch(signal);
          if (signal.aborted) return;
          const first = current().data === undefined;
          publish({ [resource]: succeeded(current(), data, now(), same) });
          if (first) afterFirstData?.();
        } catch (error) {
          if (!signal.aborted) publish({ [resource]: failed(current(), describeError(error)) });
        }
      },
    };
  }

  const overviewJob = pollJob<Overview>(
    "overview",
    "overview",
    options.refreshMs,
    async (signal) => {
      const [pools, nodeCounts, jobs] = await Promise.all([
        sources.reader.listPools(signal),
        sources.reader.poolNodeCounts(signal),
        sources.reader.listJobs(signal),
      ]);
      return { pools, nodeCounts, jobs };
    },
    // The health check and the failure line read the overview's jobs and node counts: they start
    // once the first overview is in, at once rather than on their slower rhythms.
    { afterFirstData: () => scheduler.want(jobsFor(snapshot.focus)) },
  );

  async function countsOf(job: JobSummary, signal: AbortSignal): Promise<[string, JobTaskCounts]> {
    const stamp = job.stateTransitionTime?.getTime();
    const known = finishedJobCounts.get(job.id);
    if (job.state === "completed" && known && known.stamp === stamp) return [job.id, known.counts];
    const counts = await sources.reader.jobTaskCounts(job.id, signal);
    if (job.state === "completed") finishedJobCounts.set(job.id, { stamp, counts });
    return [job.id, counts];
  }

  /** The overview these jobs read: they are wanted only once it has arrived (see jobsFor). */
  function overviewRead(): Overview {
    const overview = snapshot.overview.data;
    if (!overview) throw new Error("the account's overview has not been read yet");
    return overview;
  }

  const healthJob = pollJob<AccountHealth>("health", "health", healthMs, async (signal) => {
    const overview = overviewRead();
    const lingering = overview.nodeCounts
      .map((counts) => ({
        poolId: counts.poolId,
        states: passingNodeStates.filter((state) => (counts.byState[state] ?? 0) > 0),
      }))
      .filter((pool) => pool.states.length > 0);
    const [jobCounts, passingNodes] = await Promise.all([
      Promise.all(overview.jobs.map((job) => countsOf(job, signal))),
      Promise.all(
        lingering.map(
          async ({ poolId, states }) =>
            [poolId, await sources.reader.listNodesInStates(poolId, states, signal)] as const,
        ),
      ),
    ]);
    return { jobCounts: new Map(jobCounts), passingNodes: new Map(passingNodes) };
  });

  const failuresJob = pollJob<readonly JobFailures[]>(
    "failures",
    "failures",
    failuresMs,
    async (signal) => {
      const overview = overviewRead();
      // A job whose Batch counts show no failure at all has none in the window either.
      const counts = snapshot.health.data?.jobCounts;
      const jobs = overview.jobs.filter((job) => counts?.get(job.id)?.failed !== 0);
      const since = new Date(now() - failureWindowMs);
      return recentFailures(sources.reader, jobs, { since, failedOnly: true, signal });
    },
    { same: sameFailures },
  );

  function tasksJob(jobId: string): PollJob {
    if (taskSync?.jobId !== jobId) {
      const maxTasks = options.maxTasks === undefined ? {} : { maxTasks: options.maxTasks };
      taskSync = { jobId, sync: new TaskSync(sources.reader, jobId, maxTasks) };
    }
    const { sync } = taskSync;
    return pollJob<HeldTasks>(
      `tasks:${jobId}`,
      "tasks",
      options.refreshMs,
      async (signal) => {
        const wasPartial = sync.holdsPart();
        const result = await sync.sync(signal);
        const previous = snapshot.tasks.data;
        // The job outgrew what is held (or shrank back): faults-only's failed-task list starts or stops.
        if (result.partial !== wasPartial && !signal.aborted) scheduler.want(jobsFor(snapshot.focus));
        // Sorting 50,000 rows every cycle would be wasted work when nothing changed.
        if (
          previous &&
          previous.partial === result.partial &&
          result.changed.length === 0 &&
          result.removed.length === 0
        )
          return previous;
        return { rows: [...sync.tasks().values()].sort(byRecentChange), partial: result.partial };
      },
      {
        same: (a, b) => a === b,
        // The pipeline context is looked up by task id: once the first tasks are in, look it up
        // instead of waiting for its 30 s rhythm.
        afterFirstData: () => scheduler.pollSoon(`runs:${jobId}`),
      },
    );
  }

  /**
   * Every failed task of a job larger than what is held, by filter, bounded: faults-only must reach
   * each failure, not only the ones that happen to be among the newest 50,000.
   */
  function failedTasksJob(jobId: string): PollJob {
    return pollJob<FailedTasks>(`failedTasks:${jobId}`, "failedTasks", failedTasksMs, async (signal) => {
      const rows: TaskRow[] = [];
      let truncated = false;
      for await (const page of sources.reader.listTaskPages(jobId, { failedOnly: true, signal })) {
        rows.push(...page);
        if (rows.length >= maxFailedTasks) {
          // Leaving the loop stops the paging: no request for the pages beyond the bound.
          truncated = true;
          break;
        }
      }
      return { rows: rows.slice(0, maxFailedTasks).sort(byRecentChange), truncated };
    });
  }

  function tailJob(key: string, create: () => LogTail): PollJob {
    if (tail?.key !== key) tail = { key, tail: create() };
    const logTail = tail.tail;
    return pollJob<TailSnapshot>(key, "tail", tailMs, (signal) => logTail.poll(signal), {
      // Nothing new arrived: keep the old snapshot so the log pane does not redraw.
      same: (a, b) =>
        b.bytesRead === 0 && !b.restarted && a.source?.location === b.source?.location && a.size === b.size,
    });
  }

  function runsJob(jobId: string, runHistory: RunHistory): PollJob {
    return pollJob<PipelineContext>(`runs:${jobId}`, "runs", runsMs, async (signal) => {
      const ids = (snapshot.tasks.data?.rows ?? []).slice(0, contextTaskCount).map((task) => task.id);
      if (ids.length === 0) return { byActivityRunId: new Map(), warnings: [] };
      const result = await runHistory.activityRunsByIds(ids, { durationMs: contextWindowMs }, signal);
      return {
        byActivityRunId: new Map(result.items.map((run) => [run.activityRunId, run])),
        warnings: result.warnings.map((warning) => warning.message),
      };
    });
  }

  const management = sources.management;
  const accountJob =
    management &&
    pollJob<BatchAccountInfo>("account", "account", accountMs, (signal) => management.getAccount(signal));

  function jobsFor(focus: Focus): PollJob[] {
    const jobs = [
      overviewJob,
      ...(snapshot.overview.data ? [healthJob, failuresJob] : []),
      ...(accountJob ? [accountJob] : []),
    ];
    const stream = focus.stream ?? "stdout";
    if (focus.startTask) {
      const { poolId, nodeId } = focus.startTask;
      jobs.push(
        tailJob(
          `tail:start:${poolId}/${nodeId}/${stream}`,
          () => new LogTail({ poolId, nodeId, stream }, { reader: sources.reader }),
        ),
      );
    }
    if (focus.poolId) {
      const poolId = focus.poolId;
      jobs.push(
        pollJob(`nodes:${poolId}`, "nodes", options.refreshMs, (signal) =>
          sources.reader.listNodes(poolId, signal),
        ),
      );
    }
    if (focus.doctor && sources.doctor) {
      const fetch = doctorFetch(sources.doctor, focus.doctor, now);
      jobs.push(pollJob(doctorPollKey(focus.doctor), "doctor", doctorPollMs, fetch));
    }
    if (focus.jobId) {
      const jobId = focus.jobId;
      jobs.push(tasksJob(jobId));
      if (focus.taskFaultsOnly && taskSync?.sync.holdsPart()) jobs.push(failedTasksJob(jobId));
      jobs.push(
        pollJob(`taskCounts:${jobId}`, "taskCounts", options.refreshMs, (signal) =>
          sources.reader.jobTaskCounts(jobId, signal),
        ),
      );
      const taskId = focus.taskId;
      if (taskId && !focus.startTask) {
        jobs.push(
          tailJob(
            `tail:${jobId}/${taskId}/${stream}`,
            () =>
              new LogTail(
                { jobId, taskId, stream },
                {
                  reader: sources.reader,
                  ...(sources.outputStore ? { outputStore: sources.outputStore } : {}),
                },
              ),
          ),
        );
      }
      if (sources.runHistory) jobs.push(runsJob(jobId, sources.runHistory));
    }
    return jobs;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    setFocus(focus) {
      const before = snapshot.focus;
      const change: Partial<DashboardSnapshot> = { focus };
      if (focus.poolId !== before.poolId) change.nodes = emptyResource;
      if (!sameDoctorFocus(focus.doctor, before.doctor)) change.doctor = emptyResource;
      if (focus.jobId !== before.jobId) {
        change.tasks = emptyResource;
        change.taskCounts = emptyResource;
        change.runs = emptyResource;
      }
      // A list kept from an earlier faults-only view would show its age as if it were being polled.
      if (focus.jobId !== before.jobId || !focus.taskFaultsOnly) change.failedTasks = emptyResource;
      const startTaskChanged =
        focus.startTask?.poolId !== before.startTask?.poolId ||
        focus.startTask?.nodeId !== before.startTask?.nodeId;
      if (
        focus.jobId !== before.jobId ||
        focus.taskId !== before.taskId ||
        focus.stream !== before.stream ||
        startTaskChanged
      ) {
        change.tail = emptyResource;
      }
      if (!focus.jobId) taskSync = undefined;
      if (!focus.taskId && !focus.startTask) tail = undefined;
      publish(change);
      scheduler.want(jobsFor(focus));
    },
    refresh({ fullResync = false } = {}) {
      if (fullResync) taskSync?.sync.requestFullResync();
      for (const job of jobsFor(snapshot.focus)) scheduler.pollNow(job.key);
    },
    async findTask(jobIds, taskId) {
      for (const jobId of jobIds) {
        const found = await sources.reader.listTasks(jobId, { ids: [taskId] });
        if (found.length > 0) return jobId;
      }
      return undefined;
    },
    stop() {
      stopWatchingThrottle?.();
      scheduler.stop();
      listeners.clear();
    },
  };
}
