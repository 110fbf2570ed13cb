import { useMemo } from "react";
import { jobRows, nodeRows, poolRows, taskRows, type ListRows } from "../../model/navigation/listRows.js";
import type { ListState, UiState } from "../../model/navigation/uiState.js";
import type { DashboardData, ListData } from "../../model/views/dashboardData.js";
import { deriveJobViews } from "../../model/views/jobRows.js";
import { derivePoolViews } from "../../model/views/poolRows.js";
import {
  taskFailureMeaning,
  taskFailureSummary,
  taskHoldNote,
} from "../../model/views/taskFailureSummary.js";
import { deriveTaskViews } from "../../model/views/taskRows.js";
import { indexById } from "../../model/views/viewport.js";
import { hungSummary, usualLookup } from "../../model/hungTasks.js";
import { orphanSummary } from "../../model/orphanedTasks.js";
import { workspaceUsualStats } from "../../store/dashboardSnapshot.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";

/** The selection by id, or the first row when that id is gone (or none was chosen yet). */
function withSelection<Row extends { id: string }>(
  list: ListRows<Row>,
  index: ReadonlyMap<string, number>,
  selectedId: string | undefined,
): ListData<Row> {
  const at = selectedId === undefined ? 0 : (index.get(selectedId) ?? 0);
  const selectedRow = list.rows[at];
  return selectedRow ? { ...list, index, selected: at, selectedRow } : { ...list, index, selected: 0 };
}

/**
 * A list's rows, derived again only when its data or its narrowing (filter, faults-only, sort)
 * changes, and its index by id built once per derivation: moving the selection through 100,000
 * tasks looks up one id instead of filtering and sorting them all again.
 */
function useList<Row extends { id: string }>(
  derive: () => ListRows<Row>,
  inputs: readonly unknown[],
  selectedId: string | undefined,
): ListData<Row> {
  // The inputs are the caller's: the data and the settings `derive` reads, nothing else.
  const list = useMemo(derive, inputs);
  const index = useMemo(() => indexById(list.rows), [list]);
  return useMemo(() => withSelection(list, index, selectedId), [list, index, selectedId]);
}

/**
 * Everything the panes draw, derived once per snapshot or per change of a list's settings, never
 * per frame: the one-second clock tick and a moving selection re-render without recomputing it.
 */
export function useDashboardData(snapshot: DashboardSnapshot, ui: UiState): DashboardData {
  const overview = snapshot.overview.data;
  const nodes = snapshot.nodes.data;
  const tasks = snapshot.tasks.data;
  const runs = snapshot.runs.data;
  const counts = snapshot.taskCounts.data;
  const health = snapshot.health.data;
  // Stuck is judged at the time the data was read, so a derivation follows the polls, not the clock.
  const healthAt = snapshot.health.fetchedAt;
  const nodesAt = snapshot.nodes.fetchedAt;
  const { focus } = snapshot;
  const { pools: poolList, nodes: nodeList, jobs: jobList, tasks: taskList } = ui.lists;
  const settings = (list: ListState) => [list.filter, list.faultsOnly, list.sort];

  const poolViews = useMemo(
    () =>
      derivePoolViews({
        pools: overview?.pools ?? [],
        nodeCounts: overview?.nodeCounts ?? [],
        ...(nodes && focus.poolId ? { listedNodes: { poolId: focus.poolId, nodes } } : {}),
        jobs: overview?.jobs ?? [],
        ...(health ? { jobCounts: health.jobCounts, passingNodes: health.passingNodes } : {}),
        now: healthAt ?? nodesAt ?? 0,
      }),
    [overview, nodes, focus.poolId, health, healthAt, nodesAt],
  );
  const pools = useList(
    () => poolRows(poolViews, poolList),
    [poolViews, ...settings(poolList)],
    poolList.selectedId,
  );
  const nodeData = useList(
    () => nodeRows(nodes ?? [], nodeList, nodesAt ?? 0),
    [nodes, nodesAt, ...settings(nodeList)],
    nodeList.selectedId,
  );
  const jobViews = useMemo(
    () =>
      deriveJobViews(
        overview?.jobs ?? [],
        // Every job's counts from the health poll; the focused job's own, polled each refresh, are fresher.
        new Map([
          ...(health?.jobCounts ?? []),
          ...(counts && focus.jobId ? [[focus.jobId, counts] as const] : []),
        ]),
      ),
    [overview, counts, focus.jobId, health],
  );
  const jobs = useList(
    () => jobRows(jobViews, jobList),
    [jobViews, ...settings(jobList)],
    jobList.selectedId,
  );
  // A job larger than what is held: faults-only lists the failed tasks Batch returns for a filter,
  // so every failure can be reached, not only those among the newest held.
  const partial = tasks?.partial ?? false;
  const failedFetch = taskList.faultsOnly && partial ? snapshot.failedTasks : undefined;
  const rows = failedFetch ? failedFetch.data?.rows : tasks?.rows;
  const usualStats = workspaceUsualStats(snapshot);
  const taskViews = useMemo(
    () => deriveTaskViews(rows ?? [], runs?.byActivityRunId, usualLookup(usualStats, rows ?? [])),
    [rows, runs, usualStats],
  );
  // Batch's count of the job's tasks: what a partial list's title and hold note measure against.
  const jobTotal = counts ? counts.active + counts.running + counts.completed : undefined;
  const wholeJob = ui.taskNodeId === undefined;
  const listTotal = partial && wholeJob ? jobTotal : undefined;
  // Only the duration and overrun orders depend on the clock (running tasks grow); they follow each poll.
  const tasksAt = (failedFetch ?? snapshot.tasks).fetchedAt ?? 0;
  const sortedAt = taskList.sort === "duration" || taskList.sort === "overrun" ? tasksAt : 0;
  const taskData = useList(
    () => {
      const list = taskRows(taskViews, taskList, new Date(sortedAt || Date.now()), ui.taskNodeId);
      return listTotal === undefined ? list : { ...list, total: Math.max(list.total, listTotal) };
    },
    [taskViews, ...settings(taskList), ui.taskNodeId, sortedAt, listTotal],
    taskList.selectedId,
  );
  const batchFailed = wholeJob ? counts?.failed : undefined;
  const truncated = failedFetch?.data?.truncated ?? false;
  const failureSummary = useMemo(() => {
    const scoped = wholeJob ? taskViews : taskViews.filter((view) => view.task.nodeId === ui.taskNodeId);
    const failures = taskFailureSummary(scoped, {
      ...(batchFailed === undefined ? {} : { batchFailed }),
      partial: failedFetch ? truncated : partial,
      from: failedFetch ? "fetched" : "held",
    });
    // The hung note first: it is the shorter, and a long line is cut at the pane's edge. What the
    // leading code means goes last: the counts, hung and orphaned tasks are the news.
    const notes = [
      hungSummary(scoped, new Date(tasksAt || Date.now())),
      orphanSummary(scoped),
      taskFailureMeaning(scoped),
    ];
    const line = [failures, ...notes.filter((note) => note !== undefined)].join(" · ");
    return partial && !failedFetch && wholeJob
      ? `${taskHoldNote(taskViews.length, jobTotal)} · ${line}`
      : line;
  }, [taskViews, ui.taskNodeId, wholeJob, batchFailed, failedFetch, truncated, partial, jobTotal, tasksAt]);
  return {
    pools,
    nodes: nodeData,
    jobs,
    tasks: taskData,
    failureSummary,
    taskSource: failedFetch ? "failed" : "held",
    hasPipelineContext: (runs?.byActivityRunId.size ?? 0) > 0,
  };
}
