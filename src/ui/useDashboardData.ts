import { useMemo } from "react";
import type { NodeSummary } from "../model/nodes.js";
import { jobRows, nodeRows, poolRows, taskRows, type ListRows } from "../model/navigation/listRows.js";
import type { ListPane } from "../model/navigation/listSorts.js";
import type { UiState } from "../model/navigation/uiState.js";
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
  selectedId: string | undefined,
): ListData<Row> {
  const index = selectedId === undefined ? 0 : (indexById(list.rows).get(selectedId) ?? 0);
  const selectedRow = list.rows[index];
  return selectedRow ? { ...list, selected: index, selectedRow } : { ...list, selected: 0 };
}

/**
 * Everything the panes draw, derived once per snapshot or per change of a list's settings, never
 * per frame: the one-second clock tick re-renders ages without recomputing any of this.
 */
export function useDashboardData(snapshot: DashboardSnapshot, ui: UiState): DashboardData {
  const overview = snapshot.overview.data;
  const nodes = snapshot.nodes.data;
  const tasks = snapshot.tasks.data;
  const runs = snapshot.runs.data;
  const counts = snapshot.taskCounts.data;
  const { focus } = snapshot;
  const list = (pane: ListPane) => ui.lists[pane];

  const poolViews = useMemo(
    () =>
      derivePoolViews({
        pools: overview?.pools ?? [],
        nodeCounts: overview?.nodeCounts ?? [],
        ...(nodes && focus.poolId ? { listedNodes: { poolId: focus.poolId, nodes } } : {}),
      }),
    [overview, nodes, focus.poolId],
  );
  const pools = useMemo(
    () => withSelection(poolRows(poolViews, list("pools")), list("pools").selectedId),
    [poolViews, ui.lists.pools],
  );
  const nodeList = useMemo(
    () => withSelection(nodeRows(nodes ?? [], list("nodes")), list("nodes").selectedId),
    [nodes, ui.lists.nodes],
  );
  const jobViews = useMemo(
    () =>
      deriveJobViews(
        overview?.jobs ?? [],
        counts && focus.jobId ? new Map([[focus.jobId, counts]]) : new Map(),
      ),
    [overview, counts, focus.jobId],
  );
  const jobs = useMemo(
    () => withSelection(jobRows(jobViews, list("jobs")), list("jobs").selectedId),
    [jobViews, ui.lists.jobs],
  );
  const taskViews = useMemo(() => deriveTaskViews(tasks ?? [], runs?.byActivityRunId), [tasks, runs]);
  const fetchedAt = snapshot.tasks.fetchedAt;
  const taskList = useMemo(
    () =>
      withSelection(
        taskRows(taskViews, list("tasks"), new Date(fetchedAt ?? 0), ui.taskNodeId),
        list("tasks").selectedId,
      ),
    [taskViews, ui.lists.tasks, ui.taskNodeId, fetchedAt],
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
    nodes: nodeList,
    jobs,
    tasks: taskList,
    failureSummary,
    hasPipelineContext: (runs?.byActivityRunId.size ?? 0) > 0,
  };
}
