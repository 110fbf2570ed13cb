import { findById, type FindScope, type FindTarget } from "../../model/keymap/findTarget.js";
import type { ListPane } from "../../model/navigation/listSorts.js";
import { adfPoolName } from "../../model/views/jobRows.js";
import type { KeyContext } from "./keyContext.js";
import { errorMessage } from "../../model/errorMessage.js";

/** What batchtop holds now: every pool and job, the focused pool's nodes and the focused job's tasks. */
function scopeOf(ctx: KeyContext): FindScope {
  const { snapshot } = ctx;
  const overview = snapshot.overview.data;
  const { poolId, jobId } = snapshot.focus;
  return {
    poolIds: overview?.pools.map((pool) => pool.id) ?? [],
    nodeIdsByPool: new Map(
      poolId && snapshot.nodes.data ? [[poolId, snapshot.nodes.data.map((node) => node.id)]] : [],
    ),
    jobIds: overview?.jobs.map((job) => job.id) ?? [],
    taskIdsByJob: new Map(
      jobId && snapshot.tasks.data ? [[jobId, snapshot.tasks.data.rows.map((task) => task.id)]] : [],
    ),
  };
}

/** Shows every row of a list again, so the row landed on cannot be hidden by a filter. */
function unnarrow(ctx: KeyContext, pane: ListPane): void {
  if (ctx.ui.lists[pane].filter) ctx.dispatch({ type: "filter", pane, text: "" });
  if (ctx.ui.lists[pane].faultsOnly) ctx.dispatch({ type: "toggleFaults", pane });
}

/** Selects the target's row (and the rows above it in the drill-down) and focuses where it is read. */
export function land(ctx: KeyContext, target: FindTarget): void {
  switch (target.kind) {
    case "pool":
      unnarrow(ctx, "pools");
      ctx.dispatch({ type: "drill", to: "pools", select: { pools: target.poolId } });
      break;
    case "node":
      unnarrow(ctx, "pools");
      unnarrow(ctx, "nodes");
      ctx.dispatch({ type: "drill", to: "nodes", select: { pools: target.poolId, nodes: target.nodeId } });
      break;
    case "job":
      unnarrow(ctx, "jobs");
      ctx.dispatch({ type: "drill", to: "jobs", select: { jobs: target.jobId } });
      break;
    case "task": {
      unnarrow(ctx, "jobs");
      unnarrow(ctx, "tasks");
      // The pool of an ADF job comes along, so nodes show where the task ran.
      const pool = adfPoolName(target.jobId);
      ctx.dispatch({
        type: "drill",
        to: "log",
        select: { jobs: target.jobId, tasks: target.taskId, ...(pool ? { pools: pool } : {}) },
        taskNode: "clear",
      });
      break;
    }
  }
  const what =
    target.kind === "task"
      ? `task ${target.taskId} of ${target.jobId}: its log is open`
      : target.kind === "node"
        ? `node ${target.nodeId} of ${target.poolId}`
        : target.kind === "job"
          ? `job ${target.jobId}`
          : `pool ${target.poolId}`;
  ctx.dispatch({ type: "flash", flash: { text: `found ${what}`, kind: "info" } });
}

/**
 * `:find <id>` and `batchtop --find <id>`: what is in memory first; otherwise ask the jobs whose
 * tasks are not loaded (the adfv2-* jobs first for an activity run id) and land on the task.
 */
export async function findAndLand(ctx: KeyContext, id: string): Promise<void> {
  const result = findById(id, scopeOf(ctx));
  if (result.kind === "found") return land(ctx, result.target);
  if (result.kind === "not-found") {
    ctx.dispatch({ type: "flash", flash: { text: result.message, kind: "error" } });
    return;
  }
  ctx.dispatch({
    type: "flash",
    flash: { text: `looking for ${result.id} in ${result.jobIds.length} jobs…`, kind: "info" },
  });
  try {
    const jobId = await ctx.store.findTask(result.jobIds, result.id);
    if (jobId) land(ctx, { kind: "task", jobId, taskId: result.id });
    else ctx.dispatch({ type: "flash", flash: { text: result.messageIfAbsent, kind: "error" } });
  } catch (error) {
    ctx.dispatch({
      type: "flash",
      flash: {
        text: `could not look for ${result.id}: ${errorMessage(error)}`,
        kind: "error",
      },
    });
  }
}
