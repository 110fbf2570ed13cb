import type { CycleStatus } from "../../actions/cycleTracker.js";
import type { UiState } from "../../model/navigation/uiState.js";
import type { DashboardData } from "../../model/views/dashboardData.js";
import type { LogSubject } from "../../model/views/logSubject.js";
import type { PaneId } from "../../model/views/paneLayout.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";
import type { DetailsData } from "../hooks/useDetails.js";
import type { LogViewData } from "../hooks/useLogView.js";
import { DetailsPane } from "./DetailsPane.js";
import { JobsPane } from "./JobsPane.js";
import { LogPane } from "./LogPane.js";
import { NodesPane } from "./NodesPane.js";
import { PoolsPane } from "./PoolsPane.js";
import { TasksPane } from "./TasksPane.js";

/** What every pane draws from: one bundle, handed to each pane as the props it takes. */
export interface PaneSources {
  ui: UiState;
  data: DashboardData;
  snapshot: DashboardSnapshot;
  log: LogViewData;
  logSubject: LogSubject;
  details: DetailsData;
  /** Pools being cycled, or left mid-cycle: their rows say so. */
  cycles: ReadonlyMap<string, CycleStatus>;
}

export interface PaneProps {
  id: PaneId;
  width: number;
  height: number;
  sources: PaneSources;
}

/** One pane by its id, at its placement. The panes are memoised: each redraws on its own props only. */
export function Pane({ id, width, height, sources }: PaneProps) {
  const { ui, data, snapshot, log, logSubject, details, cycles } = sources;
  // Nothing here changes with the clock: the texts that do read it themselves (see useClock).
  const common = { focused: ui.focused === id, width, height };
  const listCommon = common;
  const overview = { resource: snapshot.overview, intervalMs: snapshot.intervals.overviewMs };
  const poolId = data.pools.selectedRow?.id;
  const jobId = data.jobs.selectedRow?.id;
  switch (id) {
    case "pools":
      return (
        <PoolsPane {...listCommon} {...overview} data={data.pools} list={ui.lists.pools} cycles={cycles} />
      );
    case "jobs":
      return <JobsPane {...listCommon} {...overview} data={data.jobs} list={ui.lists.jobs} />;
    case "nodes":
      return (
        <NodesPane
          {...listCommon}
          {...(poolId ? { poolId } : {})}
          data={data.nodes}
          allNodes={snapshot.nodes.data ?? []}
          list={ui.lists.nodes}
          resource={snapshot.nodes}
          intervalMs={snapshot.intervals.overviewMs}
          {...(ui.nodeMarks && ui.nodeMarks.poolId === poolId ? { marked: ui.nodeMarks.nodeIds } : {})}
        />
      );
    case "tasks": {
      const failed = data.taskSource === "failed";
      return (
        <TasksPane
          {...listCommon}
          {...(jobId ? { jobId } : {})}
          {...(ui.taskNodeId ? { nodeId: ui.taskNodeId } : {})}
          data={data.tasks}
          list={ui.lists.tasks}
          resource={failed ? snapshot.failedTasks : snapshot.tasks}
          resourceKey={failed ? "failedTasks" : "tasks"}
          failureSummary={data.failureSummary}
          hasPipelineContext={data.hasPipelineContext}
          intervalMs={failed ? snapshot.intervals.failedTasksMs : snapshot.intervals.overviewMs}
        />
      );
    }
    case "log": {
      const { taskId, startTask } = logSubject;
      const task = startTask ? undefined : data.tasks.selectedRow?.task;
      return (
        <LogPane
          {...common}
          {...(taskId ? { taskId } : {})}
          {...(startTask ? { startTaskNodeId: startTask.nodeId } : {})}
          {...(task ? { task } : {})}
          resource={snapshot.tail}
          lines={log.lines}
          log={ui.log}
          {...(log.found ? { found: log.found } : {})}
          intervalMs={snapshot.intervals.tailMs}
        />
      );
    }
    case "details":
      return (
        <DetailsPane
          {...common}
          {...(details.subject !== undefined ? { subject: details.subject } : {})}
          lines={details.lines}
          anchor={ui.detailsAnchor}
        />
      );
  }
}
