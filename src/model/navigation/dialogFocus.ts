// Which element of an action dialog has the focus: the dialog draws it, the keys move it.
import type { Dialog } from "./uiState.js";

/** The number of focusable elements: the fields, then Cancel and Apply. */
export function dialogFocusCount(dialog: Dialog): number {
  return dialog.kind === "rescale" ? 4 : 2;
}

/** Which element has focus: a field's name, or a button. */
export function dialogFocus(dialog: Dialog): "dedicated" | "spot" | "cancel" | "apply" {
  const order =
    dialog.kind === "rescale"
      ? (["dedicated", "spot", "cancel", "apply"] as const)
      : (["cancel", "apply"] as const);
  return order[dialog.focus] ?? "cancel";
}
