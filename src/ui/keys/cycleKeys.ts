// C: cycling a pool's nodes. The dialog shows the plan (Cancel focused), lets the operator choose
// what becomes of running tasks, and asks for the pool id when tasks are running. A cycle left
// unfinished opens a dialog to finish or abandon it instead.
import type { Key } from "ink";
import { cycleConfirmed, nextDeallocation, withDeallocation } from "../../model/actions/cyclePlan.js";
import { editText } from "../../model/keymap/textEdit.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { Dialog } from "../../model/navigation/uiState.js";
import { errorMessage } from "../../model/errorMessage.js";
import type { Attempt } from "../../actions/attemptLog.js";
import { handleDialog, readOnlyReason, refuse } from "./actionKeys.js";
import { type KeyContext, fail, info } from "./keyContext.js";

type CycleDialog = Extract<Dialog, { kind: "cycle" | "cycle-unfinished" }>;

const cycleAttempt = (poolId: string): Attempt => ({
  action: "cycle",
  target: `pool ${poolId}`,
  changes: [],
});

/**
 * Opens the cycle of `poolId`: its plan from a fresh read of the pool and its nodes, or the
 * finish-or-abandon choice when the journal shows a cycle of it unfinished. Exported for the other
 * places that offer the cycle (the attach dialog, the doctor).
 */
export function openCycleDialog(ctx: KeyContext, poolId: string | undefined): void {
  if (!poolId) return info(ctx, "select a pool to cycle");
  const cycles = ctx.services.cycles;
  if (!ctx.services.actions || !cycles?.canSend)
    return refuse(ctx, cycleAttempt(poolId), readOnlyReason(ctx, "sending changes"));
  const status = cycles.getSnapshot().get(poolId);
  if (status?.kind === "running")
    return refuse(ctx, cycleAttempt(poolId), cycles.conflict(poolId) ?? `${poolId} is being cycled`);
  if (status?.kind === "unfinished")
    return ctx.dispatch({ type: "dialog", dialog: { kind: "cycle-unfinished", poolId, focus: 0 } });
  info(ctx, `reading ${poolId} and its nodes to plan the cycle…`);
  cycles.prepare(poolId).then(
    (planned) => {
      if ("problem" in planned) return refuse(ctx, cycleAttempt(poolId), planned.problem);
      ctx.dispatch({ type: "dialog", dialog: { kind: "cycle", plan: planned.plan, typed: "", focus: 0 } });
      info(ctx, `plan of the cycle of ${poolId}: nothing is sent until Cycle`);
    },
    (error: unknown) => fail(ctx, `cycle of ${poolId}: cannot read the pool: ${errorMessage(error)}`),
  );
}

export const isCycleDialog = (dialog: Dialog): dialog is CycleDialog =>
  dialog.kind === "cycle" || dialog.kind === "cycle-unfinished";

/** Keys while a cycle dialog is open: modal like the others, with its own fields and buttons. */
export function handleCycleDialog(ctx: KeyContext, dialog: CycleDialog, input: string, key: Key): void {
  handleDialog(ctx, input, key, {
    edit: (text, press) => editCycleDialog(ctx, dialog, text, press),
    apply: () => applyCycleDialog(ctx, dialog),
  });
}

/** The dialog's own keys: the deallocation choice (←, →, space) and the typed pool id. */
function editCycleDialog(ctx: KeyContext, dialog: CycleDialog, input: string, key: Key): void {
  if (dialog.kind !== "cycle") return;
  const focus = dialogFocus(dialog);
  if (focus === "deallocation") {
    const step = key.leftArrow ? -1 : key.rightArrow || input === " " ? 1 : 0;
    if (step === 0) return;
    const plan = withDeallocation(dialog.plan, nextDeallocation(dialog.plan.deallocation, step));
    return ctx.dispatch({ type: "dialog", dialog: { ...dialog, plan } });
  }
  if (focus === "typed") {
    const edit = editText(dialog.typed, input, key);
    if (edit.kind === "text") ctx.dispatch({ type: "dialog", dialog: { ...dialog, typed: edit.text } });
  }
}

/** Enter on a button of a cycle dialog other than Cancel. */
function applyCycleDialog(ctx: KeyContext, dialog: CycleDialog): void {
  const cycles = ctx.services.cycles;
  const poolId = dialog.kind === "cycle" ? dialog.plan.poolId : dialog.poolId;
  if (!ctx.services.actions || !cycles?.canSend) {
    ctx.dispatch({ type: "dialog", dialog: undefined });
    return refuse(ctx, cycleAttempt(poolId), readOnlyReason(ctx, "sending changes"));
  }
  if (dialog.kind === "cycle") {
    if (!cycleConfirmed(dialog.plan, dialog.typed))
      return fail(ctx, `tasks are running on ${poolId}: type the pool id to cycle it`);
    const conflict = cycles.conflict(poolId);
    ctx.dispatch({ type: "dialog", dialog: undefined });
    if (conflict) return refuse(ctx, cycleAttempt(poolId), conflict);
    cycles.start(dialog.plan);
    return info(ctx, `cycle of ${poolId}: scaling to 0; progress shows in the pool's row`);
  }
  ctx.dispatch({ type: "dialog", dialog: undefined });
  if (dialogFocus(dialog) === "finish") {
    cycles.finish(poolId);
    return info(ctx, `cycle of ${poolId}: finishing; progress shows in the pool's row`);
  }
  cycles.abandon(poolId).then(
    () => info(ctx, `cycle of ${poolId} abandoned: the pool is left as it is, and the journal says so`),
    (error: unknown) => fail(ctx, `cycle of ${poolId}: not abandoned: ${errorMessage(error)}`),
  );
}
