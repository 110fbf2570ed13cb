import { Box, Text } from "ink";
import { memo, useCallback, useMemo } from "react";
import type { ThrottleView } from "../../model/freshness.js";
import type { ListState } from "../../model/navigation/uiState.js";
import { resolveStyle } from "../../model/theme/theme.js";
import { truncateToWidth } from "../../model/views/textWidth.js";
import type { TaskRow } from "../../model/tasks.js";
import { taskCells, taskColumnsFor, type TaskView } from "../../model/views/taskRows.js";
import type { ResourceState } from "../../store/resourceState.js";
import { useTheme } from "../theme/ThemeContext.js";
import type { ListData } from "../useDashboardData.js";
import { ListBody } from "./ListBody.js";
import { PaneFrame, paneBodyHeight, paneBodyWidth } from "./PaneFrame.js";
import { countOf, freshnessOf, listNotes } from "./paneTitle.js";

export interface TasksPaneProps {
  jobId?: string;
  /** Set after Enter on a node: only the tasks that ran there. */
  nodeId?: string;
  data: ListData<TaskView>;
  list: ListState;
  resource: ResourceState<readonly TaskRow[]>;
  failureSummary: string;
  hasPipelineContext: boolean;
  intervalMs: number;
  throttle?: ThrottleView;
  now: number;
  focused: boolean;
  width: number;
  height: number;
}

/** The selected job's tasks, keyed by activity run id, under a line that groups failures by code. */
function TasksPaneView(props: TasksPaneProps) {
  const { jobId, nodeId, data, list, resource, failureSummary, hasPipelineContext } = props;
  const { intervalMs, throttle, now, focused, width, height } = props;
  const theme = useTheme();
  const cells = useCallback((view: TaskView) => taskCells(view, new Date(now)), [now]);
  const columns = useMemo(() => taskColumnsFor(hasPipelineContext), [hasPipelineContext]);
  const failed = failureSummary !== "no failed tasks";
  return (
    <PaneFrame
      title={{
        // Node ids run to 70 characters; the title keeps room for the count after them.
        name: `Tasks${jobId ? ` of ${jobId}` : ""}${nodeId ? ` on ${truncateToWidth(nodeId, 24)}` : ""}`,
        count: countOf(data.rows.length, data.total),
        ...(jobId ? freshnessOf(resource, intervalMs, now, throttle) : {}),
        notes: listNotes("tasks", list),
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <Box flexDirection="column">
        <Text {...resolveStyle(theme, failed ? "status.error" : "text.muted")} wrap="truncate">
          {jobId && resource.fetchedAt !== undefined ? failureSummary : " "}
        </Text>
        <ListBody
          columns={columns}
          width={paneBodyWidth(width)}
          height={paneBodyHeight(height) - 1}
          rows={data.rows}
          selected={data.selected}
          offset={list.offset}
          focused={focused}
          cells={cells}
          empty={
            !jobId
              ? "select a job to see its tasks"
              : resource.fetchedAt === undefined
                ? "waiting for the first poll…"
                : data.total === 0
                  ? nodeId
                    ? "no task of this job ran on this node"
                    : "this job has no tasks"
                  : "no task matches"
          }
        />
      </Box>
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const TasksPane = memo(TasksPaneView);
