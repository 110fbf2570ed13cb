// What the panes draw and the keys act on, derived from a snapshot and the screen's state: each
// list's rows after filter and sort with its selection, and the task pane's summary lines.
import type { NodeSummary } from "../nodes.js";
import type { ListRows } from "../navigation/listRows.js";
import type { JobView } from "./jobRows.js";
import type { PoolView } from "./poolRows.js";
import type { TaskView } from "./taskRows.js";

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
  /**
   * "12 failed: 9 FailureExitCode, 3 ResourceContainerAccessDenied", over the job's (or node's) tasks;
   * for a job larger than what is held, led by what is held ("52,000 of 100,000 held: the newest").
   */
  failureSummary: string;
  /**
   * Where the task rows come from: the tasks "held", or the job's "failed" tasks fetched by filter
   * (faults-only on a job larger than what is held).
   */
  taskSource: "held" | "failed";
  /** Log Analytics answered for this job: the pipeline and activity columns are worth their room. */
  hasPipelineContext: boolean;
}
