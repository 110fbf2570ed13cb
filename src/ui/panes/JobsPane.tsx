import { memo } from "react";
import type { ThrottleView } from "../../model/freshness.js";
import type { ListState } from "../../model/navigation/uiState.js";
import { jobCells, jobColumns, type JobView } from "../../model/views/jobRows.js";
import type { Overview } from "../../store/dashboardStore.js";
import type { ResourceState } from "../../store/resourceState.js";
import type { ListData } from "../useDashboardData.js";
import { ListBody } from "./ListBody.js";
import { PaneFrame, paneBodyHeight, paneBodyWidth } from "./PaneFrame.js";
import { countOf, freshnessOf, listNotes } from "./paneTitle.js";

export interface JobsPaneProps {
  data: ListData<JobView>;
  list: ListState;
  resource: ResourceState<Overview>;
  intervalMs: number;
  throttle?: ThrottleView;
  now: number;
  focused: boolean;
  width: number;
  height: number;
}

/** Jobs, ADF/Synapse workloads (`adfv2-<pool>`) first and marked, with the selected job's task counts. */
function JobsPaneView({
  data,
  list,
  resource,
  intervalMs,
  throttle,
  now,
  focused,
  width,
  height,
}: JobsPaneProps) {
  return (
    <PaneFrame
      title={{
        name: "Jobs",
        count: countOf(data.rows.length, data.total),
        ...freshnessOf(resource, intervalMs, now, throttle),
        notes: listNotes("jobs", list),
      }}
      focused={focused}
      width={width}
      height={height}
    >
      <ListBody
        columns={jobColumns}
        width={paneBodyWidth(width)}
        height={paneBodyHeight(height)}
        rows={data.rows}
        selected={data.selected}
        offset={list.offset}
        focused={focused}
        cells={jobCells}
        empty={
          resource.fetchedAt === undefined
            ? "waiting for the first poll…"
            : data.total === 0
              ? "no jobs in this account"
              : "no job matches"
        }
      />
    </PaneFrame>
  );
}

/** Drawn again only when its own props change, not when another pane's selection moves. */
export const JobsPane = memo(JobsPaneView);
