import type { JobSummary, JobTaskCounts } from "../jobs.js";
import type { NodeSummary } from "../nodes.js";
import { jobsOfPool, poolFaults } from "../poolFaults.js";
import type { PoolNodeCounts, PoolSummary } from "../pools.js";
import { nodeStateBar, type NodeBarSegment } from "./nodeStateBar.js";
import { formatCount } from "./numberFormat.js";
import type { CellPart, CellValue, ColumnSpec } from "./tableLayout.js";

export type PoolColumnId =
  | "id"
  | "vmSize"
  | "allocation"
  | "dedicated"
  | "spot"
  | "nodes"
  | "runningTasks"
  | "autoscale"
  | "identities"
  | "resizeError";

/** Cells in the node-state bar. */
export const poolBarCells = 12;

/**
 * Priorities: what an operator needs at 80 columns is which pool, whether it is resizing, whether
 * it has the nodes it asked for and whether the last resize failed; the node-state bar comes next
 * because it shows trouble at a glance; VM size, autoscale and identities are in the details pane.
 * Running tasks are known only for the selected pool, so that column comes late.
 */
export const poolColumns: readonly ColumnSpec<PoolColumnId>[] = [
  { id: "id", title: "POOL", minWidth: 16, maxWidth: 32, priority: 1 },
  { id: "vmSize", title: "VM SIZE", minWidth: 10, maxWidth: 20, priority: 7 },
  { id: "allocation", title: "ALLOC", minWidth: 8, maxWidth: 8, priority: 2 },
  { id: "dedicated", title: "DEDICATED", minWidth: 9, maxWidth: 9, priority: 3, align: "right" },
  { id: "spot", title: "SPOT", minWidth: 5, maxWidth: 9, priority: 6, align: "right" },
  { id: "nodes", title: "NODES", minWidth: poolBarCells, maxWidth: poolBarCells, priority: 5 },
  { id: "runningTasks", title: "TASKS", minWidth: 5, maxWidth: 6, priority: 8, align: "right" },
  { id: "autoscale", title: "AUTO", minWidth: 4, maxWidth: 4, priority: 9 },
  { id: "identities", title: "IDS", minWidth: 3, maxWidth: 3, priority: 10, align: "right" },
  { id: "resizeError", title: "RESIZE ERROR", minWidth: 20, maxWidth: 40, priority: 4 },
];

export interface PoolView {
  id: string;
  pool: PoolSummary;
  /** Lower case, as the data plane spells it (steady, resizing, stopping): the theme's key. */
  allocation: string;
  bar: NodeBarSegment[];
  /** Known only for the pool whose nodes are listed: no account-wide call counts them. */
  runningTasks?: number;
  /** Why the pool needs an operator (resize error, nodes unhealthy or stuck, tasks mostly failing): what faults-only keeps. */
  faults: string[];
  faulty: boolean;
}

export interface PoolViewsInput {
  pools: readonly PoolSummary[];
  nodeCounts: readonly PoolNodeCounts[];
  /** The nodes of the selected pool, when listed. */
  listedNodes?: { poolId: string; nodes: readonly NodeSummary[] };
  /** The jobs, and Batch's task counts of each, to find pools whose tasks mostly fail. */
  jobs?: readonly JobSummary[];
  jobCounts?: ReadonlyMap<string, JobTaskCounts>;
  /** Nodes in passing states by pool, to find the ones stuck there. */
  passingNodes?: ReadonlyMap<string, readonly NodeSummary[]>;
  /** When the data was read: how long a node has been in its state is measured from here. */
  now?: number;
}

/** Once per snapshot: everything the pools pane shows, in the order the snapshot lists the pools. */
export function derivePoolViews({
  pools,
  nodeCounts,
  listedNodes,
  jobs = [],
  jobCounts,
  passingNodes,
  now = Date.now(),
}: PoolViewsInput): PoolView[] {
  const countsByPool = new Map(nodeCounts.map((counts) => [counts.poolId, counts]));
  return pools.map((pool) => {
    const counts = countsByPool.get(pool.id);
    const poolJobCounts = jobsOfPool(pool.id, jobs).flatMap((job) => jobCounts?.get(job.id) ?? []);
    const faults = poolFaults(
      pool,
      {
        ...(counts ? { nodeCounts: counts } : {}),
        // The selected pool's nodes are listed whole, and fresher; the others' passing ones by state.
        passingNodes:
          listedNodes?.poolId === pool.id ? listedNodes.nodes : (passingNodes?.get(pool.id) ?? []),
        jobCounts: poolJobCounts,
      },
      now,
    );
    const view: PoolView = {
      id: pool.id,
      pool,
      allocation: pool.allocationState.toLowerCase(),
      bar: nodeStateBar(counts?.byState ?? {}, poolBarCells),
      faults,
      faulty: faults.length > 0,
    };
    if (listedNodes?.poolId === pool.id) {
      view.runningTasks = listedNodes.nodes.reduce((sum, node) => sum + node.runningTasksCount, 0);
    }
    return view;
  });
}

/**
 * The cells of one visible row: per frame, for the rows on screen only. `nodeSymbol` gives the
 * one-cell symbol the bar repeats for a node state (the theme's, Unicode or ASCII), so the row's
 * text reads right without colour. `cycleNote` ("cycling: 2 of 6") takes the resize column while
 * the pool's nodes are being cycled: the cycle is the pool's resize then, and reports its own errors.
 */
export function poolCells(
  view: PoolView,
  nodeSymbol: (state: string) => string,
  cycleNote?: string,
): Record<PoolColumnId, CellValue> {
  const { pool } = view;
  return {
    id: pool.id,
    vmSize: pool.vmSize,
    allocation: [{ text: pool.allocationState, style: { kind: "allocationState", state: view.allocation } }],
    dedicated: `${formatCount(pool.currentDedicatedNodes)}/${formatCount(pool.targetDedicatedNodes)}`,
    spot: `${formatCount(pool.currentSpotNodes)}/${formatCount(pool.targetSpotNodes)}`,
    nodes: view.bar.map(
      (segment): CellPart => ({
        text: nodeSymbol(segment.state).repeat(segment.cells),
        style: { kind: "nodeState", state: segment.state },
      }),
    ),
    runningTasks: view.runningTasks === undefined ? "-" : formatCount(view.runningTasks),
    autoscale: pool.enableAutoScale ? "on" : "-",
    identities: String(pool.identityCount),
    resizeError: cycleNote
      ? [{ text: cycleNote, style: { kind: "token", token: "status.warning" } }]
      : resizeErrorBadge(pool.resizeErrors),
  };
}

/**
 * "AccountCoreQuotaReached +1": the first code, and how many more the details pane lists. The column
 * title says it is an error, so the badge needs no symbol that an ASCII-only terminal could not draw.
 */
function resizeErrorBadge(errors: PoolSummary["resizeErrors"]): CellValue {
  const [first] = errors;
  if (!first) return "";
  const more = errors.length > 1 ? ` +${errors.length - 1}` : "";
  return [{ text: `${first.code}${more}`, style: { kind: "token", token: "badge.error" } }];
}
