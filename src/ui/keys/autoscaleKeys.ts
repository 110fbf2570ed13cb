// A: an autoscaled pool's formula in a dialog. The formula is edited as one line; Evaluate asks Batch
// what it would do (evaluateautoscale, which changes nothing, so read-only sessions have it too);
// Apply plans the change and opens the usual confirmation, which opens on Cancel.
import type { Key } from "ink";
import { errorMessage } from "../../model/errorMessage.js";
import { formulaAsOneLine } from "../../model/autoscale.js";
import { autoscalePlan, fixedPoolProblem, type AutoscaleDialog } from "../../model/actions/autoscalePlan.js";
import { editText } from "../../model/keymap/textEdit.js";
import { dialogFocus, dialogFocusCount } from "../../model/navigation/dialogFocus.js";
import { attemptOf, handleDialog, readOnlyReason, refuse } from "./actionKeys.js";
import { type KeyContext, fail, info, selected } from "./keyContext.js";

/** Each opening is numbered, so an Evaluate answered after Esc (or after another A) lands nowhere. */
let openings = 0;

/** The dialog as the keys last left it, if it is still this opening's. */
function liveDialog(ctx: KeyContext, opened: number): AutoscaleDialog | undefined {
  const dialog = ctx.ui.dialog;
  return dialog?.kind === "autoscale" && dialog.opened === opened ? dialog : undefined;
}

/** `A` on the pools pane: the selected pool's formula, or why there is none to show. */
export function openAutoscaleDialog(ctx: KeyContext): void {
  const pool = selected(ctx, "pools")?.pool;
  if (!pool) return info(ctx, "select a pool to see its autoscale formula");
  const fixed = fixedPoolProblem(pool);
  if (fixed) return info(ctx, fixed);
  openings += 1;
  ctx.dispatch({
    type: "dialog",
    dialog: {
      kind: "autoscale",
      poolId: pool.id,
      text: formulaAsOneLine(pool.autoScale?.formula ?? ""),
      opened: openings,
      focus: 0,
    },
  });
}

/** Keys while the dialog is open: modal like the others; Esc and Cancel close it having changed nothing. */
export function handleAutoscaleDialog(
  ctx: KeyContext,
  dialog: AutoscaleDialog,
  input: string,
  key: Key,
): void {
  handleDialog(ctx, input, key, {
    edit: (text, press) => {
      if (dialogFocus(dialog) !== "formula") return;
      const edit = editText(dialog.text, text, press);
      if (edit.kind === "text") ctx.dispatch({ type: "dialog", dialog: { ...dialog, text: edit.text } });
    },
    apply: () => {
      switch (dialogFocus(dialog)) {
        case "formula":
          // Enter in the formula moves on to Cancel: only the Apply button sends.
          return ctx.dispatch({
            type: "dialog",
            dialog: { ...dialog, focus: (dialog.focus + 1) % dialogFocusCount(dialog) },
          });
        case "evaluate":
          return evaluate(ctx, dialog);
        default:
          return apply(ctx, dialog);
      }
    },
  });
}

function evaluate(ctx: KeyContext, dialog: AutoscaleDialog): void {
  const evaluator = ctx.services.autoScale;
  if (!evaluator) return fail(ctx, "evaluating a formula needs the Batch account");
  const formula = dialog.text.trim();
  if (formula === "") return fail(ctx, "the formula is empty: nothing to evaluate");
  const { opened } = dialog;
  ctx.dispatch({ type: "dialog", dialog: { ...dialog, evaluation: { formula, state: "running" } } });
  evaluator.evaluate(dialog.poolId, formula).then(
    (run) => {
      const live = liveDialog(ctx, opened);
      if (live)
        ctx.dispatch({ type: "dialog", dialog: { ...live, evaluation: { formula, state: "done", run } } });
    },
    (error: unknown) => {
      const live = liveDialog(ctx, opened);
      if (live)
        ctx.dispatch({
          type: "dialog",
          dialog: { ...live, evaluation: { formula, state: "failed", error: errorMessage(error) } },
        });
    },
  );
}

/**
 * Apply: refused in read-only mode (journalled, as every refusal is) and where the plan is refused;
 * otherwise the plan's confirmation replaces the dialog, opening on Cancel.
 */
function apply(ctx: KeyContext, dialog: AutoscaleDialog): void {
  if (!ctx.services.actions) {
    ctx.dispatch({ type: "dialog", dialog: undefined });
    return refuse(ctx, attemptOf(ctx, "pool.autoscale"), readOnlyReason(ctx, "sending changes"));
  }
  const pool = ctx.snapshot.overview.data?.pools.find((candidate) => candidate.id === dialog.poolId);
  if (!pool) return fail(ctx, `pool ${dialog.poolId} is no longer in the account`);
  if (dialog.evaluation?.state === "running") return info(ctx, "wait for the evaluation to answer");
  // A node cycle switches autoscale off and back on with the formula it read: not under its feet.
  const conflict = ctx.services.cycles?.conflict(pool.id);
  if (conflict) return refuse(ctx, attemptOf(ctx, "pool.autoscale"), conflict);
  const planned = autoscalePlan(pool, dialog.text, dialog.evaluation);
  // Refused with the dialog left open, so the formula can be fixed and evaluated again.
  if ("problem" in planned) return refuse(ctx, attemptOf(ctx, "pool.autoscale"), planned.problem);
  ctx.dispatch({ type: "dialog", dialog: { kind: "confirm", plan: planned.plan, focus: 0 } });
}
