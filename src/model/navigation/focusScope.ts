import type { FocusScope } from "../keymap/commands.js";
import type { UiState } from "./uiState.js";

/**
 * The keymap scope of what has the keys: the focused pane, or "doctor" when the details pane shows
 * the identity doctor or a pool (whose details carry the doctor's verdict), where `I` and `C` act on
 * that pool. Dialogs are resolved apart (they are modal).
 */
export function focusScope(ui: Pick<UiState, "focused" | "details">): FocusScope {
  if (ui.focused === "details" && (ui.details?.pane === "doctor" || ui.details?.pane === "pools"))
    return "doctor";
  if (ui.focused === "details" && ui.details?.pane === "timeline") return "timeline";
  return ui.focused;
}
