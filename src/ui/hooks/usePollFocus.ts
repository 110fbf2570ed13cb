import { useEffect } from "react";
import type { DashboardData } from "../../model/views/dashboardData.js";
import type { LogSubject } from "../../model/views/logSubject.js";
import type { UiState } from "../../model/navigation/uiState.js";
import type { DashboardStore } from "../../store/dashboardStore.js";

/**
 * Tells the store what is on screen, so it polls only that beyond the overview: the selected pool's
 * nodes, the selected job's tasks (or its failed ones, with faults only on), the log shown, and the
 * identity doctor while the details pane shows its verdicts (`:doctor`, or a pool's details).
 * Sent again only when one of those changes, not on every frame.
 */
export function usePollFocus(
  store: Pick<DashboardStore, "setFocus">,
  data: DashboardData,
  ui: UiState,
  { taskId, startTask }: LogSubject,
  detailsShown: boolean,
): void {
  const poolId = data.pools.selectedRow?.id;
  const jobId = data.jobs.selectedRow?.id;
  const stream = ui.log.stream;
  const taskFaultsOnly = ui.lists.tasks.faultsOnly;
  const details = detailsShown ? ui.details : undefined;
  const doctorPool =
    details?.pane === "doctor" ? (details.poolId ?? "*") : details?.pane === "pools" ? details.id : undefined;
  const timelineRange = details?.pane === "timeline" ? details.range : undefined;
  const bucketStart = details?.pane === "timeline" ? details.events?.startMs : undefined;
  const bucketEnd = details?.pane === "timeline" ? details.events?.endMs : undefined;
  useEffect(() => {
    store.setFocus({
      ...(poolId ? { poolId } : {}),
      ...(jobId ? { jobId } : {}),
      ...(jobId && taskId ? { taskId, stream } : {}),
      ...(jobId && taskFaultsOnly ? { taskFaultsOnly } : {}),
      ...(startTask ? { startTask, stream } : {}),
      // "*" (every pool) is not a pool id: Batch ids are letters, digits, "-" and "_".
      ...(doctorPool !== undefined ? { doctor: doctorPool === "*" ? {} : { poolId: doctorPool } } : {}),
      ...(timelineRange
        ? {
            timeline: {
              range: timelineRange,
              ...(bucketStart !== undefined && bucketEnd !== undefined
                ? { bucket: { startMs: bucketStart, endMs: bucketEnd } }
                : {}),
            },
          }
        : {}),
    });
  }, [
    store,
    poolId,
    jobId,
    taskId,
    startTask,
    stream,
    taskFaultsOnly,
    doctorPool,
    timelineRange,
    bucketStart,
    bucketEnd,
  ]);
}
