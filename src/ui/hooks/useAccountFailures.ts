import { useMemo } from "react";
import type { Keymap } from "../../model/keymap/keymap.js";
import { keyLabel } from "../../model/keymap/keyNames.js";
import { accountFailureSummary } from "../../model/views/accountFailures.js";
import { formatDuration } from "../../model/views/duration.js";
import { minimumScreen } from "../../model/views/paneLayout.js";
import { sparkline } from "../../model/timeline.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";

/** The rows the account's failure line takes under the header while it shows. */
export const accountFailuresHeight = 1;

/**
 * What the failure line under the header says, once per poll of the failures (and of the failure
 * strip, with a workspace: the last hour's failed activity runs and Batch task failures per 2-minute
 * bucket, as a sparkline at its start); undefined while nothing failed, or when the terminal is so
 * small the line would push the panes below their minimum.
 */
export function useAccountFailures(snapshot: DashboardSnapshot, keymap: Keymap, height: number) {
  const data = snapshot.failures.data;
  const window = snapshot.failureWindowMs;
  const stripData = snapshot.failureStrip.data;
  const summary = useMemo(() => (data ? accountFailureSummary(data) : undefined), [data]);
  const strip = useMemo(
    () =>
      stripData && stripData.total > 0 ? `${sparkline(stripData.counts)} ${stripData.total}` : undefined,
    [stripData],
  );
  return useMemo(() => {
    if ((!summary && !strip) || height - accountFailuresHeight < minimumScreen.height) return undefined;
    const key = keymap.keysOf("view.failedTasks")[0];
    return {
      text: summary?.text ?? "no Batch task failed; activity runs did (:timeline lists them)",
      window: windowLabel(window),
      ...(strip ? { strip } : {}),
      ...(key !== undefined && summary ? { jumpKey: keyLabel(key) } : {}),
    };
  }, [summary, strip, window, keymap, height]);
}

/** "1h" rather than "1h00m" for the usual whole hours. */
function windowLabel(ms: number): string {
  const hourMs = 3_600_000;
  return ms % hourMs === 0 ? `${ms / hourMs}h` : formatDuration(ms);
}
