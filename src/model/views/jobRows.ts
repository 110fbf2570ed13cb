import type { JobSummary, JobTaskCounts } from "../jobs.js";
import { compareText } from "./compareText.js";
import { formatCount } from "./numberFormat.js";
import type { CellValue, ColumnSpec } from "./tableLayout.js";

export type JobColumnId =
  | "id"
  | "workload"
  | "state"
  | "pool"
  | "active"
  | "running"
  | "succeeded"
  | "failed";

/** Priorities: which job, whether ADF or Synapse runs it, and whether its tasks fail come first. */
export const jobColumns: readonly ColumnSpec<JobColumnId>[] = [
  { id: "id", title: "JOB", minWidth: 14, maxWidth: 32, priority: 1 },
  { id: "workload", title: "ADF", minWidth: 3, maxWidth: 3, priority: 2 },
  { id: "state", title: "STATE", minWidth: 9, maxWidth: 11, priority: 4 },
  { id: "pool", title: "POOL", minWidth: 10, maxWidth: 28, priority: 6 },
  { id: "active", title: "ACTIVE", minWidth: 6, maxWidth: 7, priority: 7, align: "right" },
  { id: "running", title: "RUN", minWidth: 5, maxWidth: 7, priority: 5, align: "right" },
  { id: "succeeded", title: "OK", minWidth: 5, maxWidth: 7, priority: 8, align: "right" },
  { id: "failed", title: "FAIL", minWidth: 5, maxWidth: 7, priority: 3, align: "right" },
];

const adfJobPrefix = "adfv2-";

/**
 * The pool an ADF or Synapse Custom activity job runs on: both name the job `adfv2-<poolName>`.
 * Undefined for any other job.
 */
export function adfPoolName(jobId: string): string | undefined {
  if (jobId.length <= adfJobPrefix.length) return undefined;
  return jobId.slice(0, adfJobPrefix.length).toLowerCase() === adfJobPrefix
    ? jobId.slice(adfJobPrefix.length)
    : undefined;
}

export interface JobView {
  id: string;
  job: JobSummary;
  /** Set for an ADF/Synapse workload: the pool its name points at. */
  adfPool?: string;
  /** Known once fetched: every job's by the account-health poll, the selected one's each refresh. */
  counts?: JobTaskCounts;
}

/** Once per snapshot: ADF/Synapse jobs first (they are what batchtop is for), then by id. */
export function deriveJobViews(
  jobs: readonly JobSummary[],
  countsByJob: ReadonlyMap<string, JobTaskCounts> = new Map(),
): JobView[] {
  return jobs
    .map((job) => {
      const view: JobView = { id: job.id, job };
      const pool = adfPoolName(job.id);
      if (pool !== undefined) view.adfPool = pool;
      const counts = countsByJob.get(job.id);
      if (counts) view.counts = counts;
      return view;
    })
    .sort(
      (a, b) => Number(b.adfPool !== undefined) - Number(a.adfPool !== undefined) || compareText(a.id, b.id),
    );
}

/** The cells of one visible row. */
export function jobCells(view: JobView): Record<JobColumnId, CellValue> {
  const counts = view.counts;
  const count = (value: number | undefined): string => (value === undefined ? "-" : formatCount(value));
  return {
    id: view.id,
    workload:
      view.adfPool !== undefined ? [{ text: "ADF", style: { kind: "token", token: "badge.adf" } }] : "",
    state: [{ text: view.job.state, style: { kind: "jobState", state: view.job.state } }],
    // An ADF job's id names its pool already: the column stays blank for it unless Batch says otherwise,
    // so a list of ADF jobs gives the column's room to their ids.
    pool:
      view.adfPool !== undefined
        ? view.job.poolId !== undefined && view.job.poolId !== view.adfPool
          ? view.job.poolId
          : ""
        : (view.job.poolId ?? "-"),
    active: count(counts?.active),
    running: count(counts?.running),
    succeeded: count(counts?.succeeded),
    failed:
      counts && counts.failed > 0
        ? [{ text: formatCount(counts.failed), style: { kind: "token", token: "status.error" } }]
        : count(counts?.failed),
  };
}
