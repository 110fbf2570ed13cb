// Which element of an action dialog has the focus: the dialog draws it, the keys move it.
import { typedConfirmation } from "../actions/actionPlan.js";
import { cycleNeedsTypedId } from "../actions/cyclePlan.js";
import { hasRunningTaskChoice } from "../actions/nodePlans.js";
import type { Dialog } from "./uiState.js";

export type DialogElement =
  | "dedicated"
  | "spot"
  | "deallocation"
  | "timeout"
  | "typed"
  | "choice"
  | "cancel"
  | "abandon"
  | "finish"
  | "formula"
  | "evaluate"
  | "apply";

/** The focusable elements in Tab order; a dialog opens on Cancel except a resize, which opens on its first field. */
function order(dialog: Dialog): readonly DialogElement[] {
  switch (dialog.kind) {
    case "rescale":
      return ["dedicated", "spot", "deallocation", "timeout", "cancel", "apply"];
    case "confirm":
      // A removal asks for the identity's name first; Enter there moves on to Cancel.
      if (typedConfirmation(dialog.plan) !== undefined) return ["typed", "cancel", "apply"];
      return hasRunningTaskChoice(dialog.plan) ? ["cancel", "deallocation", "apply"] : ["cancel", "apply"];
    // The picker moves through its rows instead; it has no buttons.
    case "identity-picker":
      return ["cancel"];
    case "cycle":
      return cycleNeedsTypedId(dialog.plan)
        ? ["cancel", "deallocation", "typed", "apply"]
        : ["cancel", "deallocation", "apply"];
    case "cycle-unfinished":
      return ["cancel", "abandon", "finish"];
    case "rerun":
      return ["cancel", "choice", "apply"];
    // The formula first: Enter there moves on to Cancel, so only the Apply button sends.
    case "autoscale":
      return ["formula", "cancel", "evaluate", "apply"];
  }
}

/** The number of focusable elements: the fields, then Cancel and Apply. */
export function dialogFocusCount(dialog: Dialog): number {
  return order(dialog).length;
}

/** Which element has focus: a field's name, or a button. */
export function dialogFocus(dialog: Dialog): DialogElement {
  return order(dialog)[dialog.focus] ?? "cancel";
}
