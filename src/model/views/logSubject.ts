// Whose output the log pane shows, which is also what the store tails.
import type { StartTaskNode, UiState } from "../navigation/uiState.js";
import type { DashboardData } from "./dashboardData.js";

export interface LogSubject {
  /** The selected task, whose log is shown. */
  taskId?: string;
  /** `l` on a node: its start task output, shown instead of the selected task's log. */
  startTask?: StartTaskNode;
}

/** Nothing while the log pane is not drawn: a log nobody sees is not tailed. */
export function logSubject(data: DashboardData, ui: UiState, logShown: boolean): LogSubject {
  if (!logShown) return {};
  if (ui.startTaskNode) return { startTask: ui.startTaskNode };
  const taskId = data.tasks.selectedRow?.id;
  return taskId === undefined ? {} : { taskId };
}
