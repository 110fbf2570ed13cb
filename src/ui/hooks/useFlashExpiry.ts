import { useEffect } from "react";
import type { UiAction } from "../../model/navigation/uiReducer.js";
import type { Flash } from "../../model/navigation/uiState.js";

/** How long a flash stays: long enough to read twice, short enough not to go stale on screen. */
const flashMs = 8000;

/** Clears the flash line a while after it was set; a new flash starts the wait again. */
export function useFlashExpiry(flash: Flash | undefined, dispatch: (action: UiAction) => void): void {
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => dispatch({ type: "flash", flash: undefined }), flashMs);
    return () => clearTimeout(timer);
  }, [flash, dispatch]);
}
