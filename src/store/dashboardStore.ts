import { emptyResources, worthRendering, type DashboardSnapshot, type Focus } from "./dashboardSnapshot.js";
import { PollScheduler, type PollJob } from "./pollScheduler.js";
import { accountPoll } from "./polls/account.js";
import { doctorPoll } from "./polls/doctor.js";
import { failedTasksPoll } from "./polls/failedTasks.js";
import { failuresPoll } from "./polls/failures.js";
import { followedRunsPoll, type RunToFollow } from "./polls/followedRuns.js";
import { healthPoll } from "./polls/health.js";
import { nodesPoll } from "./polls/nodes.js";
import { overviewPoll } from "./polls/overview.js";
import {
  pollSettings,
  type DashboardSources,
  type DashboardStoreOptions,
  type Poll,
  type PollContext,
  type PollSettings,
} from "./polls/pollContext.js";
import { runsPoll } from "./polls/runs.js";
import { tailPoll } from "./polls/tail.js";
import { taskCountsPoll } from "./polls/taskCounts.js";
import { tasksPoll } from "./polls/tasks.js";
import { usualDurationsPoll } from "./polls/usualDurations.js";
import { noWorkspaceForRuns, readChanges } from "./changesRead.js";
import type { AuditChangeEntry, ChangesReport } from "../model/changes.js";
import type { AccountRunsRead } from "../model/views/detailsRows.js";

/** `:runs all` reads the last day's activity runs, the newest 500 (a bound the workspace applies). */
const accountRunsWindowMs = 24 * 3_600_000;
const accountRunsLimit = 500;
import { failureStripPoll, timelinePoll } from "./polls/timeline.js";

// The snapshot's shape is the screen's contract with the store: the UI imports it from here.
export type { DashboardSnapshot, Focus, Overview } from "./dashboardSnapshot.js";

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
  /**
   * `:changes`: what changed in the last `sinceMs`, read once from Batch, Log Analytics and ARM as
   * configured; the audit journal's entries come from the caller, which holds the journal.
   */
  readChanges(sinceMs: number, audit: readonly AuditChangeEntry[]): Promise<ChangesReport>;
  /**
   * `:runs all`: the workspace's latest activity runs (ADF and Synapse, every activity type), newest
   * first, at most 500 of the last day; says how to configure a workspace when none is.
   */
  readAccountRuns(): Promise<AccountRunsRead>;
  /** Follows pipeline runs batchtop started until they end (`followedRuns`), whatever is in focus. */
  followPipelineRuns(runs: readonly RunToFollow[]): void;
  stop(): void;
}

/** Nothing read yet, nothing in focus; the rhythms the panes show ages against. */
function initialSnapshot(settings: PollSettings, timelineFromLogs: boolean): DashboardSnapshot {
  return {
    focus: {},
    ...emptyResources,
    intervals: {
      overviewMs: settings.refreshMs,
      tailMs: settings.tailMs,
      runsMs: settings.runsMs,
      healthMs: settings.healthMs,
      failedTasksMs: settings.failedTasksMs,
      failuresMs: settings.failuresMs,
    },
    failureWindowMs: settings.failureWindowMs,
    timelineFromLogs,
  };
}

/**
 * The dashboard's store: polls the overview always and, for what is in focus, a pool's nodes, a
 * job's tasks (incrementally) and counts, and a task's log tail, each on its own rhythm through
 * one scheduler. Publishes immutable snapshots for useSyncExternalStore; a poll that changed nothing
 * keeps the old data objects, so panes memoised on them do not render again. Each poll lives in its
 * own module under `polls/`; this function only wires them to the snapshot and the scheduler.
 */
export function createDashboardStore(
  sources: DashboardSources,
  options: DashboardStoreOptions,
): DashboardStore {
  const settings = pollSettings(options);
  const scheduler = new PollScheduler(options.timers);
  const listeners = new Set<() => void>();
  let snapshot = initialSnapshot(settings, sources.timeline !== undefined);

  function publish(change: Partial<DashboardSnapshot>): void {
    const before = snapshot;
    snapshot = { ...snapshot, ...change, throttle: sources.throttleState?.() };
    if (worthRendering(before, snapshot)) for (const listener of listeners) listener();
  }
  const stopWatchingThrottle = sources.throttleChanges?.(() => publish({}));

  const ctx: PollContext = {
    sources,
    settings,
    now: options.now ?? Date.now,
    snapshot: () => snapshot,
    publish,
    rewant: () => scheduler.want(jobsFor(snapshot.focus)),
    pollSoon: (key) => scheduler.pollSoon(key),
  };
  const tasks = tasksPoll(ctx);
  const followed = followedRunsPoll(ctx);
  // One line per poll; the scheduler starts new jobs in this order.
  const polls: readonly Poll[] = [
    overviewPoll(ctx),
    healthPoll(ctx),
    failuresPoll(ctx),
    accountPoll(ctx),
    nodesPoll(ctx),
    tasks,
    failedTasksPoll(ctx, tasks),
    taskCountsPoll(ctx),
    tailPoll(ctx),
    runsPoll(ctx),
    usualDurationsPoll(ctx),
    doctorPoll(ctx),
    followed,
    timelinePoll(ctx),
    failureStripPoll(ctx),
  ];

  function jobsFor(focus: Focus): PollJob[] {
    return polls.flatMap((poll) => poll.jobsFor(focus));
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
      for (const poll of polls) Object.assign(change, poll.refocus?.(before, focus));
      publish(change);
      scheduler.want(jobsFor(focus));
    },
    refresh({ fullResync = false } = {}) {
      if (fullResync) for (const poll of polls) poll.requestFullResync?.();
      for (const job of jobsFor(snapshot.focus)) scheduler.pollNow(job.key);
    },
    async findTask(jobIds, taskId) {
      for (const jobId of jobIds) {
        const found = await sources.reader.listTasks(jobId, { ids: [taskId] });
        if (found.length > 0) return jobId;
      }
      return undefined;
    },
    readChanges: (sinceMs, audit) =>
      readChanges(
        {
          reader: sources.reader,
          ...(sources.changeHistory ? { changeHistory: sources.changeHistory } : {}),
          ...(sources.management?.listPools
            ? { management: { listPools: sources.management.listPools } }
            : {}),
        },
        { sinceMs, now: new Date(ctx.now()), audit },
      ),
    async readAccountRuns() {
      if (!sources.runHistory) return { items: [], warnings: [], notConfigured: noWorkspaceForRuns };
      return sources.runHistory.latestActivityRuns(
        { durationMs: accountRunsWindowMs },
        { limit: accountRunsLimit },
      );
    },
    followPipelineRuns: (runs) => followed.follow(runs),
    stop() {
      stopWatchingThrottle?.();
      scheduler.stop();
      listeners.clear();
    },
  };
}
