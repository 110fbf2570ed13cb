// S, B and R: the confirmation dialogs of the actions, and sending a confirmed plan.
import type { Key } from "ink";
import { keyNameOf } from "../../model/keymap/keyNames.js";
import { editText } from "../../model/keymap/textEdit.js";
import type { Dialog } from "../../model/navigation/uiState.js";
import {
  cycleOfferOf,
  describePlan,
  typedConfirmation,
  rescalePlan,
  type ActionPlan,
} from "../../model/actions/actionPlan.js";
import { JournalError, type ActionReceipt } from "../../actions/actionRunner.js";
import { planAttempt, type Attempt } from "../../actions/attemptLog.js";
import type { CommandId } from "../../model/keymap/commands.js";
import { dialogFocus, dialogFocusCount } from "../../model/navigation/dialogFocus.js";
import { type KeyContext, info, fail, selected } from "./keyContext.js";
import { doctorTarget } from "./doctorTarget.js";
import { errorMessage } from "../../model/errorMessage.js";
import { nextDeallocation } from "../../model/actions/cyclePlan.js";
import { hasRunningTaskChoice, stepNodePlanOption } from "../../model/actions/nodePlans.js";

/** The node actions' journal names, by command. */
const nodeActions: Partial<Record<CommandId, string>> = {
  "node.disableScheduling": "disable-scheduling",
  "node.enableScheduling": "enable-scheduling",
  "node.remove": "remove-nodes",
  "node.reimage": "reimage",
  "node.reboot": "reboot",
};

/**
 * The nodes a node action acts on: the marked nodes of the selected pool, or else the selected
 * node. Ids only: a marked node may have left the list since it was marked.
 */
export function targetNodeIds(ctx: KeyContext): string[] {
  const pool = selected(ctx, "pools")?.id;
  const marks = ctx.ui.nodeMarks;
  if (marks && marks.poolId === pool && marks.nodeIds.length > 0) return [...marks.nodeIds];
  const node = selected(ctx, "nodes")?.id;
  return node === undefined ? [] : [node];
}

/** What an action key would act on, as selected: for the journal line of an attempt refused before it had a plan. */
export function attemptOf(ctx: KeyContext, command: CommandId): Attempt {
  // In the doctor, I and C act on the verdict's pool rather than the pools pane's selection.
  const pool = doctorTarget(ctx)?.poolId ?? selected(ctx, "pools")?.id ?? "?";
  const nodeAction = nodeActions[command];
  if (nodeAction !== undefined) {
    const ids = targetNodeIds(ctx);
    const target =
      ids.length === 1 ? `node ${ids[0]} of pool ${pool}` : `nodes ${ids.join(", ") || "?"} of pool ${pool}`;
    return { action: nodeAction, target, changes: [] };
  }
  switch (command) {
    case "pool.rescale":
      return { action: "rescale", target: `pool ${pool}`, changes: [] };
    case "pool.stopResize":
      return { action: "stop-resize", target: `pool ${pool}`, changes: [] };
    case "pool.autoscale":
      return { action: "autoscale-formula", target: `pool ${pool}`, changes: [] };
    case "pool.attachIdentity":
      return { action: "attach-identity", target: `pool ${pool}`, changes: [] };
    case "pool.cycleNodes":
      return { action: "cycle", target: `pool ${pool}`, changes: [] };
    case "task.terminate":
      return {
        action: "terminate-task",
        target: `task ${selected(ctx, "tasks")?.id ?? "?"} of job ${selected(ctx, "jobs")?.id ?? "?"}`,
        changes: [],
      };
    case "task.rerun": {
      const job = selected(ctx, "jobs")?.id ?? "?";
      const marks = ctx.ui.taskMarks?.jobId === job ? ctx.ui.taskMarks.taskIds : [];
      const tasks = marks.length > 0 ? marks.join(", ") : (selected(ctx, "tasks")?.id ?? "?");
      return {
        action: "rerun",
        target: `${marks.length > 1 ? "tasks" : "task"} ${tasks} of job ${job}`,
        changes: [],
      };
    }
    default:
      return { action: command, target: "", changes: [] };
  }
}

/**
 * An attempt batchtop will not send (read-only, or a plan Batch would refuse): says why, and appends
 * it to the audit journal, which keeps refusals as well as what was sent.
 */
export function refuse(ctx: KeyContext, attempt: Attempt, reason: string): void {
  fail(ctx, reason);
  const attempts = ctx.services.attempts;
  void attempts?.record(attempt, "refused", { error: reason }).catch((error: unknown) => {
    fail(ctx, `${reason} (and not written to ${attempts.journal.shownAs}: ${errorMessage(error)})`);
  });
}

export const readOnlyReason = (ctx: KeyContext, what: string) =>
  `read-only: ${what} is off${ctx.readOnlySource ? ` (${ctx.readOnlySource})` : ""}`;

/** An action key pressed in a read-only session: refused, and kept in the journal. */
export function refuseReadOnly(ctx: KeyContext, command: CommandId, what: string): void {
  refuse(ctx, attemptOf(ctx, command), readOnlyReason(ctx, what));
}

/** S: the dialog that asks for a resize's targets and shows the plan. */
export function openActionDialog(ctx: KeyContext, command: "pool.rescale"): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, command), readOnlyReason(ctx, "sending changes"));
  const pool = selected(ctx, "pools")?.pool;
  if (!pool) return info(ctx, "select a pool to resize");
  const conflict = ctx.services.cycles?.conflict(pool.id);
  if (conflict) return refuse(ctx, attemptOf(ctx, command), conflict);
  ctx.dispatch({
    type: "dialog",
    dialog: {
      kind: "rescale",
      poolId: pool.id,
      dedicated: String(pool.targetDedicatedNodes),
      spot: String(pool.targetSpotNodes),
      // Requeue was what batchtop always sent: tasks on removed nodes run again elsewhere.
      deallocation: "requeue",
      timeout: "",
      focus: 0,
    },
  });
}

/** Sends a confirmed plan once; the polls that follow say whether Azure took it. */
export async function execute(ctx: KeyContext, plan: ActionPlan): Promise<void> {
  const runner = ctx.services.actions;
  if (!runner) return refuse(ctx, planAttempt(plan), readOnlyReason(ctx, "sending changes"));
  const { title } = describePlan(plan);
  // The pool's steady state before the resize, to tell it from the steady state the resize ends in.
  const poolSteadySince =
    plan.kind === "rescale" || plan.kind === "stop-resize"
      ? ctx.snapshot.overview.data?.pools
          .find((pool) => pool.id === plan.poolId)
          ?.allocationStateTransitionTime?.getTime()
      : undefined;
  info(ctx, `${title}: sending…`);
  let journalTrouble: string | undefined;
  let receipt: ActionReceipt;
  try {
    receipt = await runner.execute(plan);
  } catch (error) {
    const message = errorMessage(error);
    if (!(error instanceof JournalError)) return fail(ctx, `${title}: refused: ${message}`);
    // It went out; only its journal line is missing.
    journalTrouble = message;
    receipt = error.receipt;
  }
  const { recoveryRunIds } = receipt;
  // The new pipeline runs are followed until they end, wherever the operator looks meanwhile.
  if (plan.kind === "recovery-run" && recoveryRunIds)
    ctx.store.followPipelineRuns(
      recoveryRunIds.map((runId, index) => ({ host: plan.groups[index]!.request.host, runId })),
    );
  ctx.dispatch({
    type: "action-sent",
    pending: {
      plan,
      sentAt: Date.now(),
      ...(poolSteadySince !== undefined ? { poolSteadySince } : {}),
      ...(recoveryRunIds ? { recoveryRunIds } : {}),
    },
  });
  // An identity change reaches only nodes allocated afterwards: say so while it is fresh.
  const { note } = describePlan(plan);
  if (journalTrouble) fail(ctx, `${title}: ${journalTrouble}`);
  else
    ctx.dispatch({
      type: "flash",
      flash: {
        text: `${title}: sent; waiting for the account to show it${note ? `; ${note}` : ""}`,
        kind: "info",
        ...cycleOfferOf(plan),
      },
    });
  ctx.store.refresh();
}

/** A dialog's own fields and buttons, for a dialog whose module handles them (the node cycle's). */
export interface DialogHandlers {
  edit(input: string, key: Key): void;
  /** Enter on a button other than Cancel. */
  apply(): void;
}

const fields: ReadonlySet<string> = new Set([
  "dedicated",
  "spot",
  "deallocation",
  "timeout",
  "typed",
  "choice",
]);

/**
 * Keys while a dialog is open: it is modal, and Enter on Apply is the only way to send anything.
 * `I`'s picker has its own keys (identityKeys.ts).
 */
export function handleDialog(ctx: KeyContext, input: string, key: Key, handlers?: DialogHandlers): void {
  const dialog = ctx.ui.dialog;
  if (!dialog || dialog.kind === "identity-picker") return;
  const cancel = () => {
    ctx.dispatch({ type: "dialog", dialog: undefined });
    info(ctx, "cancelled: nothing was changed");
  };
  const count = dialogFocusCount(dialog);
  const moveFocus = (step: number) =>
    ctx.dispatch({ type: "dialog", dialog: { ...dialog, focus: (dialog.focus + step + count) % count } });
  const outcome = ctx.keymap.resolve(keyNameOf(input, key), "dialogs");
  const focus = dialogFocus(dialog);
  if (outcome.kind === "command") {
    switch (outcome.command) {
      case "dialog.cancel":
        return cancel();
      case "focus.next":
        return moveFocus(1);
      case "focus.previous":
        return moveFocus(-1);
      case "dialog.confirm":
        if (focus === "cancel") return cancel();
        // Enter in a field goes on to the next one; only a button sends.
        if (fields.has(focus)) return moveFocus(1);
        if (handlers) return handlers.apply();
        if (dialog.kind === "rescale" || dialog.kind === "confirm") applyDialog(ctx, dialog);
        return;
      default:
        // Another dialog key (`x`) typed into a field is a character of it.
        break;
    }
  }
  if (handlers) return handlers.edit(input, key);
  // ← → (or space) step through what becomes of running tasks.
  const step = key.leftArrow ? -1 : key.rightArrow || input === " " ? 1 : 0;
  if (focus === "deallocation" && step !== 0) {
    if (dialog.kind === "rescale")
      ctx.dispatch({
        type: "dialog",
        dialog: { ...dialog, deallocation: nextDeallocation(dialog.deallocation, step) },
      });
    else if (dialog.kind === "confirm" && hasRunningTaskChoice(dialog.plan))
      ctx.dispatch({ type: "dialog", dialog: { ...dialog, plan: stepNodePlanOption(dialog.plan, step) } });
    return;
  }
  if (dialog.kind === "rescale" && (focus === "dedicated" || focus === "spot" || focus === "timeout")) {
    const edit = editText(dialog[focus], input, key);
    if (edit.kind === "text")
      ctx.dispatch({ type: "dialog", dialog: { ...dialog, [focus]: edit.text.replace(/\D/g, "") } });
  }
  if (dialog.kind === "confirm" && focus === "typed") {
    const edit = editText(dialog.typed ?? "", input, key);
    if (edit.kind === "text") ctx.dispatch({ type: "dialog", dialog: { ...dialog, typed: edit.text } });
  }
}

function applyDialog(ctx: KeyContext, dialog: Extract<Dialog, { kind: "rescale" | "confirm" }>): void {
  let plan: ActionPlan;
  if (dialog.kind === "confirm") {
    const word = typedConfirmation(dialog.plan);
    if (word !== undefined && (dialog.typed ?? "").trim() !== word)
      return fail(ctx, `type ${word} to confirm; nothing was changed`);
    plan = dialog.plan;
  } else {
    const pool = ctx.snapshot.overview.data?.pools.find((candidate) => candidate.id === dialog.poolId);
    if (!pool) return fail(ctx, `pool ${dialog.poolId} is no longer in the account`);
    const planned = rescalePlan(pool, dialog.dedicated, dialog.spot, dialog.deallocation, dialog.timeout);
    if ("problem" in planned) return refuse(ctx, attemptOf(ctx, "pool.rescale"), planned.problem);
    // A cycle may have started since the dialog opened.
    const conflict = ctx.services.cycles?.conflict(pool.id);
    if (conflict) return refuse(ctx, attemptOf(ctx, "pool.rescale"), conflict);
    plan = planned.plan;
  }
  ctx.dispatch({ type: "dialog", dialog: undefined });
  // The marks were for this action: the next one starts from the selection again.
  if ("nodeIds" in plan) ctx.dispatch({ type: "clearNodeMarks" });
  void execute(ctx, plan);
}
