import { memo } from "react";
import { jobCells, jobColumns, type JobView } from "../../model/views/jobRows.js";
import type { Overview } from "../../store/dashboardStore.js";
import type { ResourceState } from "../../store/resourceState.js";
import { ListPaneFrame, type ListPaneProps } from "./ListPane.js";

export interface JobsPaneProps extends ListPaneProps<JobView> {
  resource: ResourceState<Overview>;
}

const empty = { none: "no jobs in this account", noMatch: "no job matches" };

/** Jobs, ADF/Synapse workloads (`adfv2-<pool>`) first and marked, with the selected job's task counts. */
function JobsPaneView(props: JobsPaneProps) {
  return (
    <ListPaneFrame
      {...props}
      pane="jobs"
      name="Jobs"
      resourceKey="overview"
      columns={jobColumns}
      cells={jobCells}
      empty={empty}
    />
  );
}

export const JobsPane = memo(JobsPaneView);
