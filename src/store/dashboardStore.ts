import { AzureRequestError, describeAzureError } from "../azure/azureError.js";
import type { BatchReader } from "../azure/batchReader.js";
import { LogTail } from "../azure/logTail.js";
import type { OutputStore, OutputStream } from "../azure/outputStore.js";
import type { RunHistory } from "../azure/runHistory.js";
import { TaskSync } from "../azure/taskSync.js";
import type { ThrottleState } from "../azure/throttle.js";
import type { JobFailures } from "../model/health.js";
import type { JobSummary, JobTaskCounts } from "../model/jobs.js";
import type { NodeSummary } from "../model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";
import type { ActivityRun } from "../model/runs.js";
import type { TailSnapshot } from "../model/tailSnapshot.js";
import type { TaskRow } from "../model/tasks.js";
import { recentFailures } from "./accountSnapshot.js";
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
  /** Tasks of focus.jobId, most recently changed first. */
  tasks: ResourceState<readonly TaskRow[]>;
  taskCounts: ResourceState<JobTaskCounts>;
  /** The log of focus.taskId, or of focus.startTask. */
  tail: ResourceState<TailSnapshot>;
  /**
   * Pipeline context from Log Analytics for the focused job's most recent tasks, by activity run id
   * (= task id); absent without a workspace.
   */
  runs: ResourceState<PipelineContext>;
  /**
   * Tasks that failed in the last `failureWindowMs`, across the account's active jobs (only jobs with
   * some): where the account is failing, whatever is on screen.
   */
  failures: ResourceState<readonly JobFailures[]>;
  /** The Batch account's throttle: why requests are being held back, if they are. */
  throttle?: ThrottleState;
  intervals: { overviewMs: number; tailMs: number; runsMs: number; failuresMs: number };
  /** How far back `failures` looks, as `batchtop snapshot --since` does (default 1 h). */
  failureWindowMs: number;
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
  /** Log Analytics, when a workspace is configured. */
  runHistory?: RunHistory;
}

export interface DashboardStoreOptions {
  /** The overview, nodes and tasks (`--refresh`, default 2 s). */
  refreshMs: number;
  /** The focused log tail (default 1 s). */
  tailMs?: number;
  /** Pipeline context from Log Analytics (default 30 s): it lags minutes behind anyway. */
  runsMs?: number;
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
  /** Polls everything in focus now (the operator asked for fresh data). */
  refresh(): void;
  /**
   * Which of these jobs, asked in order, has a task with this id (`:find` for a task whose job is
   * not loaded); undefined when none has. One small request per job, by id.
   */
  findTask(jobIds: readonly string[], taskId: string): Promise<string | undefined>;
  stop(): void;
}

function describe(error: unknown): string {
  if (error instanceof AzureRequestError) return describeAzureError(error);
  return error instanceof Error ? error.message : String(error);
}

function byRecentChange(a: TaskRow, b: TaskRow): number {
  return (
    (b.stateTransitionTime?.getTime() ?? 0) - (a.stateTransitionTime?.getTime() ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

type ResourceKey = "overview" | "nodes" | "tasks" | "taskCounts" | "tail" | "runs" | "failures";
const resourceKeys: readonly ResourceKey[] = [
  "overview",
  "nodes",
  "tasks",
  "taskCounts",
  "tail",
  "runs",
  "failures",
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
    before.throttle?.blockedBy !== after.throttle?.blockedBy
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

/** The tasks whose pipeline context is looked up: the ones a tasks pane can show. */
const contextTaskCount = 100;
/** How far back Log Analytics is asked; ADF keeps activity runs in the workspace for weeks. */
const contextWindowMs = 2 * 24 * 3_600_000;

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
    tail: emptyResource,
    runs: emptyResource,
    failures: emptyResource,
    intervals: { overviewMs: options.refreshMs, tailMs, runsMs, failuresMs },
    failureWindowMs,
  };

  function publish(change: Partial<DashboardSnapshot>): void {
    const before = snapshot;
    snapshot = { ...snapshot, ...change, throttle: sources.throttleState?.() };
    if (worthRendering(before, snapshot)) for (const listener of listeners) listener();
  }

  /**
   * Wraps a fetch into a poll job that records success or failure in its resource, unless the
   * focus moved on while it ran (its answer would belong to something no longer on screen).
   */
  function pollJob<T>(
    key: string,
    resource: ResourceKey,
    intervalMs: number,
    fetch: (signal: AbortSignal) => Promise<T>,
    same?: (a: T, b: T) => boolean,
  ): PollJob {
    return {
      key,
      intervalMs,
      run: async (signal) => {
        const current = () => snapshot[resource] as ResourceState<T>;
        if (!current().loading) publish({ [resource]: { ...current(), loading: true } });
        try {
          const data = await fetch(signal);
          if (!signal.aborted) publish({ [resource]: succeeded(current(), data, now(), same) });
        } catch (error) {
          if (!signal.aborted) publish({ [resource]: failed(current(), describe(error)) });
        }
      },
    };
  }

  const overviewJob = pollJob<Overview>("overview", "overview", options.refreshMs, async (signal) => {
    const [pools, nodeCounts, jobs] = await Promise.all([
      sources.reader.listPools(signal),
      sources.reader.poolNodeCounts(signal),
      sources.reader.listJobs(signal),
    ]);
    return { pools, nodeCounts, jobs };
  });

  const failuresJob = pollJob<readonly JobFailures[]>(
    "failures",
    "failures",
    failuresMs,
    async (signal) => {
      // The overview's jobs when it has them; on the first cycle both run at once.
      const jobs = snapshot.overview.data?.jobs ?? (await sources.reader.listJobs(signal));
      const since = new Date(now() - failureWindowMs);
      return recentFailures(sources.reader, jobs, { since, failedOnly: true, signal });
    },
    sameFailures,
  );

  function tasksJob(jobId: string): PollJob {
    if (taskSync?.jobId !== jobId) taskSync = { jobId, sync: new TaskSync(sources.reader, jobId) };
    const { sync } = taskSync;
    return pollJob<readonly TaskRow[]>(
      `tasks:${jobId}`,
      "tasks",
      options.refreshMs,
      async (signal) => {
        const result = await sync.sync(signal);
        const previous = snapshot.tasks.data;
        // The pipeline context is looked up by task id: once the first tasks arrive, look it up
        // instead of waiting for its 30 s rhythm (the lookup runs after this result is published).
        if (previous === undefined) setTimeout(() => scheduler.pollNow(`runs:${jobId}`), 0);
        // Sorting 50,000 rows every cycle would be wasted work when nothing changed.
        if (previous && result.changed.length === 0 && result.removed.length === 0) return previous;
        return [...sync.tasks().values()].sort(byRecentChange);
      },
      (a, b) => a === b,
    );
  }

  function tailJob(key: string, create: () => LogTail): PollJob {
    if (tail?.key !== key) tail = { key, tail: create() };
    const logTail = tail.tail;
    return pollJob<TailSnapshot>(
      key,
      "tail",
      tailMs,
      (signal) => logTail.poll(signal),
      // Nothing new arrived: keep the old snapshot so the log pane does not redraw.
      (a, b) =>
        b.bytesRead === 0 && !b.restarted && a.source?.location === b.source?.location && a.size === b.size,
    );
  }

  function runsJob(jobId: string, runHistory: RunHistory): PollJob {
    return pollJob<PipelineContext>(`runs:${jobId}`, "runs", runsMs, async (signal) => {
      const ids = (snapshot.tasks.data ?? []).slice(0, contextTaskCount).map((task) => task.id);
      if (ids.length === 0) return { byActivityRunId: new Map(), warnings: [] };
      const result = await runHistory.activityRunsByIds(ids, { durationMs: contextWindowMs }, signal);
      return {
        byActivityRunId: new Map(result.items.map((run) => [run.activityRunId, run])),
        warnings: result.warnings.map((warning) => warning.message),
      };
    });
  }

  function jobsFor(focus: Focus): PollJob[] {
    const jobs = [overviewJob, failuresJob];
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
    if (focus.jobId) {
      const jobId = focus.jobId;
      jobs.push(tasksJob(jobId));
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
      if (focus.jobId !== before.jobId) {
        change.tasks = emptyResource;
        change.taskCounts = emptyResource;
        change.runs = emptyResource;
      }
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
    refresh() {
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
      scheduler.stop();
      listeners.clear();
    },
  };
}
