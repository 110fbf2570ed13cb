import { useInput } from "ink";
import type { UiState } from "../../model/navigation/uiState.js";
import { handleKey } from "../keys/handleKey.js";
import type { KeyContext } from "../keys/keyContext.js";

/** The key handlers' bundle as the dashboard has it: the screen's state is read live, not copied. */
export type KeyHandlerInputs = Omit<KeyContext, "ui"> & { liveUi: () => UiState };

/**
 * Gathers what the key handlers read, once per render, and sends every key press through
 * `handleKey`. Returns the same bundle, for `--find` to land with.
 */
export function useKeyHandler({ liveUi, ...inputs }: KeyHandlerInputs): KeyContext {
  const context: KeyContext = {
    ...inputs,
    // Read live: a second key before the next frame sees what the first one did.
    get ui() {
      return liveUi();
    },
  };
  useInput((input, key) => handleKey(context, input, key));
  return context;
}
