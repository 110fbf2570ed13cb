import { useMemo } from "react";
import type { Keymap } from "../../model/keymap/keymap.js";
import { keyLabel } from "../../model/keymap/keyNames.js";
import { accountFailureSummary } from "../../model/views/accountFailures.js";
import { formatDuration } from "../../model/views/duration.js";
import { minimumScreen } from "../../model/views/paneLayout.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";

/** The rows the account's failure line takes under the header while it shows. */
export const accountFailuresHeight = 1;

/**
 * What the failure line under the header says, once per poll of the failures; undefined while no
 * task failed, or when the terminal is so small the line would push the panes below their minimum.
 */
export function useAccountFailures(snapshot: DashboardSnapshot, keymap: Keymap, height: number) {
  const data = snapshot.failures.data;
  const window = snapshot.failureWindowMs;
  const summary = useMemo(() => (data ? accountFailureSummary(data) : undefined), [data]);
  return useMemo(() => {
    if (!summary || height - accountFailuresHeight < minimumScreen.height) return undefined;
    const key = keymap.keysOf("view.failedTasks")[0];
    return {
      text: summary.text,
      window: windowLabel(window),
      ...(key !== undefined ? { jumpKey: keyLabel(key) } : {}),
    };
  }, [summary, window, keymap, height]);
}

/** "1h" rather than "1h00m" for the usual whole hours. */
function windowLabel(ms: number): string {
  const hourMs = 3_600_000;
  return ms % hourMs === 0 ? `${ms / hourMs}h` : formatDuration(ms);
}
