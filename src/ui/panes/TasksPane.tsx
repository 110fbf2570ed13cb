import { Text } from "ink";
import { memo, useMemo } from "react";
import type { ResourceKey } from "../../store/dashboardSnapshot.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { noFailedTasks } from "../../model/views/taskFailureSummary.js";
import { taskCells, taskColumnsFor, type TaskView } from "../../model/views/taskRows.js";
import { truncateToWidth } from "../../model/views/textWidth.js";
import type { ResourceState } from "../../store/resourceState.js";
import { useTheme } from "../theme/ThemeContext.js";
import { ListPaneFrame, type ListPaneProps } from "./ListPane.js";

export interface TasksPaneProps extends ListPaneProps<TaskView> {
  jobId?: string;
  /** Set after Enter on a node: only the tasks that ran there. */
  nodeId?: string;
  /** The tasks held, or the failed tasks fetched by filter when those are what the list shows. */
  resource: ResourceState<unknown>;
  resourceKey: Extract<ResourceKey, "tasks" | "failedTasks">;
  failureSummary: string;
  hasPipelineContext: boolean;
}

/** The selected job's tasks, keyed by activity run id, under a line that groups failures by code. */
function TasksPaneView(props: TasksPaneProps) {
  const { jobId, nodeId, resource, failureSummary, hasPipelineContext } = props;
  const theme = useTheme();
  const columns = useMemo(() => taskColumnsFor(hasPipelineContext), [hasPipelineContext]);
  const failed = failureSummary !== noFailedTasks;
  const empty = {
    unselected: "select a job to see its tasks",
    none: nodeId ? "no task of this job ran on this node" : "this job has no tasks",
    noMatch: "no task matches",
  };
  return (
    <ListPaneFrame
      {...props}
      pane="tasks"
      // Node ids run to 70 characters; the title keeps room for the count after them.
      name={`Tasks${jobId ? ` of ${jobId}` : ""}${nodeId ? ` on ${truncateToWidth(nodeId, 24)}` : ""}`}
      {...(jobId ? { resource } : {})}
      columns={columns}
      cells={taskCells}
      // Running durations, hung ratios and orphans' ages grow with the clock.
      ticking
      empty={empty}
      above={
        <Text {...resolveStyle(theme, failed ? "status.error" : "text.muted")} wrap="truncate">
          {jobId && resource.fetchedAt !== undefined ? failureSummary : " "}
        </Text>
      }
    />
  );
}

export const TasksPane = memo(TasksPaneView);
