import { useEffect, type Dispatch } from "react";
import { recoveryTasks } from "../../model/actions/recoveryOutcome.js";
import type { UiAction } from "../../model/navigation/uiReducer.js";
import type { UiState } from "../../model/navigation/uiState.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";

/**
 * Once a recovery run has started its new task (the re-run activity's new activity run id, in the
 * same adfv2 job), the tasks pane's selection moves from the failed task onto it, so Enter opens
 * its log; a filter or faults-only view of the tasks is lifted so it shows. Only while the selection
 * is still on a task that was re-run: an operator who has moved on is not pulled back. Once per
 * recovery. `selectedTask` is the row the tasks pane shows selected (its first row until the
 * operator moves).
 */
export function useRecoveryLanding(
  ui: UiState,
  selectedTask: string | undefined,
  snapshot: DashboardSnapshot,
  dispatch: Dispatch<UiAction>,
): void {
  const followed = snapshot.followedRuns.data;
  useEffect(() => {
    if (!followed) return;
    for (const entry of ui.pending) {
      const { plan, recoveryRunIds } = entry;
      if (plan.kind !== "recovery-run" || entry.landedOn !== undefined || !recoveryRunIds) continue;
      const index = plan.groups.findIndex(
        (group) => selectedTask !== undefined && group.taskIds.includes(selectedTask),
      );
      const runId = recoveryRunIds[index];
      const run = runId === undefined ? undefined : followed.get(runId.toLowerCase());
      const group = plan.groups[index];
      if (!run || !group) continue;
      const [newTask] = recoveryTasks(run, group.request.failedActivityName);
      if (!newTask) continue;
      dispatch({ type: "action-landed", pending: entry, taskId: newTask.activityRunId });
      // The new task is running: a filter or faults-only view would hide it, as `:find` knows.
      if (ui.lists.tasks.filter) dispatch({ type: "filter", pane: "tasks", text: "" });
      if (ui.lists.tasks.faultsOnly) dispatch({ type: "toggleFaults", pane: "tasks" });
      dispatch({ type: "drill", to: "tasks", select: { jobs: plan.jobId, tasks: newTask.activityRunId } });
      dispatch({
        type: "flash",
        flash: {
          text: `recovery run ${runId}: its new task ${newTask.activityRunId} is selected; Enter opens its log`,
          kind: "info",
        },
      });
    }
  }, [ui.pending, ui.lists.tasks, selectedTask, followed, dispatch]);
}
