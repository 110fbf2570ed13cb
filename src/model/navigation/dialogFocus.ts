// Which element of an action dialog has the focus: the dialog draws it, the keys move it.
import { typedConfirmation } from "../actions/actionPlan.js";
import type { Dialog } from "./uiState.js";

type Focusable = "dedicated" | "spot" | "typed" | "cancel" | "apply";

function focusOrder(dialog: Dialog): readonly Focusable[] {
  if (dialog.kind === "rescale") return ["dedicated", "spot", "cancel", "apply"];
  // The picker moves through its rows instead; it has no buttons.
  if (dialog.kind === "identity-picker") return ["cancel"];
  return typedConfirmation(dialog.plan) === undefined ? ["cancel", "apply"] : ["typed", "cancel", "apply"];
}

/** The number of focusable elements: the fields, then Cancel and Apply. */
export function dialogFocusCount(dialog: Dialog): number {
  return focusOrder(dialog).length;
}

/** Which element has focus: a field's name, or a button. */
export function dialogFocus(dialog: Dialog): Focusable {
  return focusOrder(dialog)[dialog.focus] ?? "cancel";
}
