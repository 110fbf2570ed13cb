import type { BatchAccountInfo } from "../../src/model/account.js";
import type { JobSummary, JobTaskCounts } from "../../src/model/jobs.js";
import type { NodeSummary } from "../../src/model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../../src/model/pools.js";
import type { DoctorReport } from "../../src/model/doctor/report.js";
import type { ActivityRun } from "../../src/model/runs.js";
import type { TailSnapshot } from "../../src/model/tailSnapshot.js";
import { isTaskFailed, type TaskRow } from "../../src/model/tasks.js";
import type { DashboardSnapshot, DashboardStore, Focus } from "../../src/store/dashboardStore.js";
import { emptyResource } from "../../src/store/resourceState.js";
import { noWorkspaceForRuns, readChanges } from "../../src/store/changesRead.js";
import { passingNodeStates } from "../../src/model/stuckNodes.js";

/** An account as the UI tests describe it: what each resource would answer. */
export interface FakeAccount {
  pools: PoolSummary[];
  nodeCounts?: PoolNodeCounts[];
  jobs: JobSummary[];
  nodesByPool?: Record<string, NodeSummary[]>;
  tasksByJob?: Record<string, TaskRow[]>;
  countsByJob?: Record<string, JobTaskCounts>;
  /** By `<jobId>/<taskId>/<stream>`, and a node's start task output by `<poolId>/<nodeId>/startup/<stream>`. */
  tails?: Record<string, TailSnapshot>;
  runs?: ActivityRun[];
  /** Jobs whose `tasksByJob` entry is only the part held of a larger job (see `countsByJob`). */
  partialJobs?: string[];
  /** What the failed-task filter answers, for a partial job with faults-only on. */
  failedTasksByJob?: Record<string, TaskRow[]>;
  /** The account as ARM shows it; absent as without ARM. */
  armAccount?: BatchAccountInfo;
  /** What the identity doctor answers over every pool; narrowed to the focused pool as the store asks. */
  doctor?: DoctorReport;
  /** Set to make every resource report this error instead of fresh data. */
  error?: string;
}

export interface FakeStore extends DashboardStore {
  account: FakeAccount;
  focusHistory: Focus[];
  refreshes: number;
  /** Publishes a new snapshot from the (changed) account, as a poll would. */
  poll(): void;
}

const fetched = <T>(data: T, at: number) => ({ data, fetchedAt: at, loading: false });

type FocusedResource =
  | "overview"
  | "account"
  | "health"
  | "failures"
  | "nodes"
  | "tasks"
  | "taskCounts"
  | "runs"
  | "failedTasks"
  | "tail"
  | "doctor";

/** The part of the focus each resource answers for: a refocus leaves the others as they were. */
function focusKeys(focus: Focus): Record<FocusedResource, string> {
  const job = focus.jobId ?? "";
  return {
    overview: "",
    account: "",
    health: "",
    failures: "",
    nodes: focus.poolId ?? "",
    tasks: job,
    taskCounts: job,
    runs: job,
    failedTasks: `${job} ${focus.taskFaultsOnly ?? false}`,
    tail: JSON.stringify([focus.jobId, focus.taskId, focus.stream, focus.startTask]),
    doctor: JSON.stringify(focus.doctor ?? null),
  };
}

/**
 * A DashboardStore answering synchronously from an in-memory account, so UI tests press keys and
 * read frames without timers. The real store's polling is tested on its own.
 */
export function fakeDashboardStore(account: FakeAccount, now = () => Date.now()): FakeStore {
  const listeners = new Set<() => void>();
  let focus: Focus = {};
  let snapshot: DashboardSnapshot = build();

  function build(): DashboardSnapshot {
    const at = now();
    const { poolId, jobId, taskId, startTask, stream = "stdout" } = focus;
    const tailKey = startTask
      ? `${startTask.poolId}/${startTask.nodeId}/startup/${stream}`
      : jobId && taskId
        ? `${jobId}/${taskId}/${stream}`
        : undefined;
    const resource = <T>(data: T | undefined) =>
      data === undefined
        ? emptyResource
        : account.error
          ? { ...fetched(data, at - 60_000), error: account.error }
          : fetched(data, at);
    const tasks = jobId ? (account.tasksByJob?.[jobId] ?? []) : undefined;
    return {
      focus,
      overview: resource({ pools: account.pools, nodeCounts: account.nodeCounts ?? [], jobs: account.jobs }),
      nodes: resource(poolId ? (account.nodesByPool?.[poolId] ?? []) : undefined),
      tasks: resource(tasks && { rows: tasks, partial: account.partialJobs?.includes(jobId ?? "") ?? false }),
      taskCounts: resource(jobId ? account.countsByJob?.[jobId] : undefined),
      tail: resource(tailKey ? account.tails?.[tailKey] : undefined),
      runs: resource(
        account.runs && jobId
          ? { byActivityRunId: new Map(account.runs.map((run) => [run.activityRunId, run])), warnings: [] }
          : undefined,
      ),
      account: resource(account.armAccount),
      usualDurations: emptyResource,
      followedRuns: emptyResource,
      // The fake account has no workspace: the timeline shows what Batch alone tells.
      timeline: emptyResource,
      timelineEvents: emptyResource,
      failureStrip: emptyResource,
      timelineFromLogs: false,
      doctor: resource(
        focus.doctor && account.doctor
          ? {
              ...account.doctor,
              pools: account.doctor.pools.filter(
                (pool) => focus.doctor?.poolId === undefined || pool.poolId === focus.doctor.poolId,
              ),
            }
          : undefined,
      ),
      health: resource({
        jobCounts: new Map(Object.entries(account.countsByJob ?? {})),
        passingNodes: new Map(
          Object.entries(account.nodesByPool ?? {}).map(([pool, nodes]) => [
            pool,
            nodes.filter((node) => passingNodeStates.includes(node.state)),
          ]),
        ),
      }),
      failedTasks: resource(
        jobId && focus.taskFaultsOnly && account.partialJobs?.includes(jobId)
          ? { rows: account.failedTasksByJob?.[jobId] ?? [], truncated: false }
          : undefined,
      ),
      // As the real store reads them: each active job's failed tasks, only jobs with some.
      failures: resource(
        account.jobs
          .filter((job) => job.state === "active")
          .map((job) => ({
            jobId: job.id,
            failed: (account.tasksByJob?.[job.id] ?? []).filter(isTaskFailed),
          }))
          .filter((job) => job.failed.length > 0),
      ),
      intervals: {
        overviewMs: 2000,
        tailMs: 1000,
        runsMs: 30_000,
        failuresMs: 30_000,
        failedTasksMs: 10_000,
        healthMs: 10_000,
      },
      failureWindowMs: 3_600_000,
    };
  }

  function publish(): void {
    snapshot = build();
    for (const listener of listeners) listener();
  }

  return {
    account,
    focusHistory: [],
    refreshes: 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    setFocus(next) {
      // As the real store: a resource whose part of the focus did not change keeps its data, so a
      // moved selection does not re-derive a 100,000-task job.
      const before = { snapshot, keys: focusKeys(focus) };
      focus = next;
      this.focusHistory.push(next);
      const rebuilt: DashboardSnapshot = build();
      for (const [name, key] of Object.entries(focusKeys(next)) as [FocusedResource, string][])
        if (before.keys[name] === key) Object.assign(rebuilt, { [name]: before.snapshot[name] });
      snapshot = rebuilt;
      for (const listener of listeners) listener();
    },
    refresh() {
      this.refreshes += 1;
      publish();
    },
    poll: publish,
    async findTask(jobIds, taskId) {
      return jobIds.find((jobId) => account.tasksByJob?.[jobId]?.some((task) => task.id === taskId));
    },
    // The real read over the fake account's Batch data; no workspace, as the fake has none.
    readChanges: (sinceMs, audit) =>
      readChanges(
        {
          reader: {
            listPools: async () => account.pools,
            listJobs: async () => account.jobs,
            listTasks: async (jobId) => account.tasksByJob?.[jobId] ?? [],
            listNodesInStates: async (poolId, states) =>
              (account.nodesByPool?.[poolId] ?? []).filter((node) => states.includes(node.state)),
          },
        },
        { sinceMs, now: new Date(), audit },
      ),
    readAccountRuns: async () =>
      account.runs
        ? { items: account.runs, warnings: [] }
        : { items: [], warnings: [], notConfigured: noWorkspaceForRuns },
    // The fake account has no pipeline hosts: recovery runs are followed against the demo account.
    followPipelineRuns() {},
    stop() {
      listeners.clear();
    },
  };
}
