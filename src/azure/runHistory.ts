import { describeAzureError, toAzureRequestError } from "./azureError.js";
import { queryLogs, type LogsQueryOutcome, type LogsQueryTarget } from "./logsQuery.js";
import {
  activityRunsByIdsQuery,
  activityDurationsQuery,
  activityRunTables,
  activityRunTransitionsQuery,
  kqlLimit,
  latestActivityRunsQuery,
  taskFailEventsQuery,
  type ActivityPair,
  type ActivityRunTable,
} from "./runQueries.js";
import { toActivityDurationStat, toActivityRun, toTaskFailEvent } from "./runRows.js";
import { activityKey, type ActivityDurationStat } from "../model/hungTasks.js";
import type {
  ActivityRun,
  QueryWarning,
  RunHistoryResult,
  TaskFailEvent,
  TimeWindow,
} from "../model/runs.js";

export interface ListOptions {
  /** At most this many items, newest first (default 500). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Pipeline context from Log Analytics: which ADF or Synapse activity run each Batch task is, how
 * it ended, and the Batch service's own failure events. Answers carry warnings when a query came
 * back partial, or when one of the table families failed while the other answered.
 */
export interface RunHistory {
  /** Each activity run updated in the window, in its latest state, newest first. */
  latestActivityRuns(window: TimeWindow, options?: ListOptions): Promise<RunHistoryResult<ActivityRun>>;
  /**
   * The latest state of the given activity runs: for task rows, whose ids are activity run ids. Ids
   * without a run in the window are simply absent.
   */
  activityRunsByIds(
    activityRunIds: readonly string[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<RunHistoryResult<ActivityRun>>;
  /** Every status an activity run went through in the window, oldest first. */
  activityRunTransitions(
    activityRunId: string,
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<RunHistoryResult<ActivityRun>>;
  /** Batch TaskFailEvents in the window, newest first. */
  taskFailEvents(window: TimeWindow, options?: ListOptions): Promise<RunHistoryResult<TaskFailEvent>>;
  /**
   * The usual duration (p95 of succeeded runs, and their count) of each given pipeline activity in
   * the window, from both table families; pairs without a succeeded run are absent.
   */
  activityDurations(
    pairs: readonly ActivityPair[],
    window: TimeWindow,
    signal?: AbortSignal,
  ): Promise<RunHistoryResult<ActivityDurationStat>>;
}

export interface RunHistoryOptions extends LogsQueryTarget {
  /** Restricts Batch events to this account; a workspace often collects several accounts' logs. */
  batchAccountName?: string;
}

const defaultLimit = 500;
/** Ids per query: keeps the query text small however many task rows are on screen. */
const idsPerQuery = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

const newestFirst = (a: ActivityRun, b: ActivityRun) => b.updated.getTime() - a.updated.getTime();

export function createRunHistory(options: RunHistoryOptions): RunHistory {
  /**
   * The same question to the ADF and the Synapse tables. A workspace that collects only one of them
   * may refuse queries on the other, so one family failing is a warning as long as the other
   * answers; when every query fails, the first failure is the answer.
   */
  const acrossTables = async <T>(
    window: TimeWindow,
    signal: AbortSignal | undefined,
    queriesFor: (table: ActivityRunTable) => string[],
    rowsOf: (outcome: LogsQueryOutcome, table: ActivityRunTable) => T[],
  ): Promise<RunHistoryResult<T>> => {
    const perTable = await Promise.allSettled(
      activityRunTables.map(async (table) => {
        const outcomes: LogsQueryOutcome[] = await Promise.all(
          queriesFor(table).map((query) => queryLogs(options, query, window, table.name, signal)),
        );
        return { table, outcomes };
      }),
    );
    const items: T[] = [];
    const warnings: QueryWarning[] = [];
    for (const [index, settled] of perTable.entries()) {
      if (settled.status === "rejected") {
        const error = toAzureRequestError(settled.reason);
        if (perTable.every((other) => other.status === "rejected") || signal?.aborted) throw error;
        warnings.push({ source: activityRunTables[index]?.name ?? "", message: describeAzureError(error) });
        continue;
      }
      for (const outcome of settled.value.outcomes) {
        items.push(...rowsOf(outcome, settled.value.table));
        if (outcome.warning) warnings.push(outcome.warning);
      }
    }
    return { items, warnings };
  };
  const activityRuns = (outcome: LogsQueryOutcome, table: ActivityRunTable) =>
    outcome.rows.map((row) => toActivityRun(row, table.source));

  return {
    latestActivityRuns: async (window, { limit = defaultLimit, signal } = {}) => {
      // Checked before any query, so a bad limit is the caller's error, not a failed table.
      kqlLimit(limit);
      const result = await acrossTables(
        window,
        signal,
        (table) => [latestActivityRunsQuery(table, limit)],
        activityRuns,
      );
      return { items: result.items.sort(newestFirst).slice(0, limit), warnings: result.warnings };
    },
    activityRunsByIds: async (activityRunIds, window, signal) => {
      const unique = [...new Set(activityRunIds)];
      if (unique.length === 0) return { items: [], warnings: [] };
      return acrossTables(
        window,
        signal,
        (table) => chunks(unique, idsPerQuery).map((ids) => activityRunsByIdsQuery(table, ids)),
        activityRuns,
      );
    },
    activityRunTransitions: async (activityRunId, window, signal) => {
      const result = await acrossTables(
        window,
        signal,
        (table) => [activityRunTransitionsQuery(table, activityRunId)],
        activityRuns,
      );
      const oldestFirst = result.items.sort((a, b) => a.updated.getTime() - b.updated.getTime());
      return { items: oldestFirst, warnings: result.warnings };
    },
    activityDurations: async (pairs, window, signal) => {
      if (pairs.length === 0) return { items: [], warnings: [] };
      const asked = new Set(pairs.map((pair) => activityKey(pair.pipelineName, pair.activityName)));
      return acrossTables(
        window,
        signal,
        (table) => [activityDurationsQuery(table, pairs)],
        (outcome) =>
          outcome.rows
            .map(toActivityDurationStat)
            .filter(
              (stat): stat is ActivityDurationStat =>
                stat !== undefined && asked.has(activityKey(stat.pipelineName, stat.activityName)),
            ),
      );
    },
    taskFailEvents: async (window, { limit = defaultLimit, signal } = {}) => {
      const outcome = await queryLogs(
        options,
        taskFailEventsQuery(limit, options.batchAccountName),
        window,
        "AzureDiagnostics",
        signal,
      );
      return { items: outcome.rows.map(toTaskFailEvent), warnings: outcome.warning ? [outcome.warning] : [] };
    },
  };
}
