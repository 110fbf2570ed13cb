// X on a pool stops its resize; on nodes, space marks them and D, E, X and O disable or enable
// scheduling, remove them from the pool or reimage them: the plan (for every marked node, or the
// selected one) in a confirmation that opens on Cancel, refused before sending where Batch would.
import { rebootPlan, stopResizePlan, type Planned } from "../../model/actions/actionPlan.js";
import { nodePlan, type NodeActionKind } from "../../model/actions/nodePlans.js";
import type { CommandId } from "../../model/keymap/commands.js";
import { attemptOf, readOnlyReason, refuse, targetNodeIds } from "./actionKeys.js";
import { type KeyContext, info, selected } from "./keyContext.js";

export type NodeCommand =
  | "node.disableScheduling"
  | "node.enableScheduling"
  | "node.remove"
  | "node.reimage"
  | "node.reboot";

const kinds: Readonly<Record<Exclude<NodeCommand, "node.reboot">, NodeActionKind>> = {
  "node.disableScheduling": "disable-scheduling",
  "node.enableScheduling": "enable-scheduling",
  "node.remove": "remove-nodes",
  "node.reimage": "reimage",
};

function openConfirm(ctx: KeyContext, command: CommandId, planned: Planned): void {
  if ("problem" in planned) return refuse(ctx, attemptOf(ctx, command), planned.problem);
  ctx.dispatch({ type: "dialog", dialog: { kind: "confirm", plan: planned.plan, focus: 0 } });
}

/** A pool's resize stopped where it stands: only while it resizes, and not in the middle of a cycle. */
export function openStopResize(ctx: KeyContext): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, "pool.stopResize"), readOnlyReason(ctx, "sending changes"));
  const pool = selected(ctx, "pools")?.pool;
  if (!pool) return info(ctx, "select a pool whose resize to stop");
  const conflict = ctx.services.cycles?.conflict(pool.id);
  if (conflict) return refuse(ctx, attemptOf(ctx, "pool.stopResize"), conflict);
  openConfirm(ctx, "pool.stopResize", stopResizePlan(pool));
}

/** B, D, E, X or O on the nodes pane: the plan for the marked nodes, or the selected one. */
export function openNodeAction(ctx: KeyContext, command: NodeCommand): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, command), readOnlyReason(ctx, "sending changes"));
  const pool = selected(ctx, "pools")?.pool;
  const ids = targetNodeIds(ctx);
  if (!pool || ids.length === 0) return info(ctx, "select a node (or mark nodes with space)");
  const listed = new Map((ctx.snapshot.nodes.data ?? []).map((node) => [node.id, node]));
  const gone = ids.filter((id) => !listed.has(id));
  if (gone.length > 0)
    return refuse(
      ctx,
      attemptOf(ctx, command),
      `${gone.join(", ")} no longer in ${pool.id}'s node list; unmark to go on`,
    );
  const nodes = ids.flatMap((id) => listed.get(id) ?? []);
  if (command === "node.remove") {
    const conflict = ctx.services.cycles?.conflict(pool.id);
    if (conflict) return refuse(ctx, attemptOf(ctx, command), conflict);
  }
  // Batch reboots one node per request; the plan sends one for each.
  if (command === "node.reboot") return openConfirm(ctx, command, rebootPlan(pool.id, nodes));
  openConfirm(ctx, command, nodePlan(kinds[command], pool, nodes));
}

/** Space: the selected node marked, or unmarked. */
export function toggleNodeMark(ctx: KeyContext): void {
  const pool = selected(ctx, "pools")?.id;
  const node = selected(ctx, "nodes")?.id;
  if (!pool || !node) return info(ctx, "select a node to mark");
  ctx.dispatch({ type: "markNode", poolId: pool, nodeId: node });
}
