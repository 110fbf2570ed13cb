import { useMemo } from "react";
import type { NodeSummary } from "../model/nodes.js";
import { jobRows, nodeRows, poolRows, taskRows, type ListRows } from "../model/navigation/listRows.js";
import type { ListState, UiState } from "../model/navigation/uiState.js";
import { deriveJobViews, type JobView } from "../model/views/jobRows.js";
import { derivePoolViews, type PoolView } from "../model/views/poolRows.js";
import { taskFailureSummary } from "../model/views/taskFailureSummary.js";
import { deriveTaskViews, type TaskView } from "../model/views/taskRows.js";
import { indexById } from "../model/views/viewport.js";
import type { DashboardSnapshot } from "../store/dashboardStore.js";

/** A list as a pane draws it: its rows after filter and sort, and which one is selected. */
export interface ListData<Row> extends ListRows<Row> {
  selected: number;
  selectedRow?: Row;
  /** Row index by id, built once per derivation of the rows. */
  index: ReadonlyMap<string, number>;
}

export interface DashboardData {
  pools: ListData<PoolView>;
  nodes: ListData<NodeSummary>;
  jobs: ListData<JobView>;
  tasks: ListData<TaskView>;
  /** "12 failed: 9 FailureExitCode, 3 ResourceContainerAccessDenied", over the job's (or node's) tasks. */
  failureSummary: string;
  /** Log Analytics answered for this job: the pipeline and activity columns are worth their room. */
  hasPipelineContext: boolean;
}

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
  const taskViews = useMemo(() => deriveTaskViews(tasks ?? [], runs?.byActivityRunId), [tasks, runs]);
  // Only the duration order depends on the clock (running tasks grow); it follows each poll.
  const sortedAt = taskList.sort === "duration" ? (snapshot.tasks.fetchedAt ?? 0) : 0;
  const taskData = useList(
    () => taskRows(taskViews, taskList, new Date(sortedAt || Date.now()), ui.taskNodeId),
    [taskViews, ...settings(taskList), ui.taskNodeId, sortedAt],
    taskList.selectedId,
  );
  const failureSummary = useMemo(
    () =>
      taskFailureSummary(
        ui.taskNodeId === undefined
          ? taskViews
          : taskViews.filter((view) => view.task.nodeId === ui.taskNodeId),
      ),
    [taskViews, ui.taskNodeId],
  );
  return {
    pools,
    nodes: nodeData,
    jobs,
    tasks: taskData,
    failureSummary,
    hasPipelineContext: (runs?.byActivityRunId.size ?? 0) > 0,
  };
}
