import { useMemo } from "react";
import type { DetailsTarget } from "../../model/navigation/uiState.js";
import { detailLines } from "../../model/views/detailsView.js";
import { accountRunsPane, changesPane } from "../../model/views/detailsRows.js";
import { doctorLines } from "../../model/views/doctorLines.js";
import { runLines } from "../../model/views/runLines.js";
import type { DashboardSnapshot } from "../../store/dashboardStore.js";
import { detailsSubject, selectedObject } from "../detailsTarget.js";
import { timelineData } from "../timelineData.js";

export interface DetailsData {
  /** What the details pane's title names; undefined before `d`, and once the object is gone. */
  subject?: string;
  lines: readonly string[];
}

/**
 * What the details pane shows: the selected object as JSON, live from each snapshot, or lines
 * (`:audit` as read, `:runs` from each answer of Log Analytics, `:doctor` from each of the doctor).
 */
export function useDetails(target: DetailsTarget | undefined, snapshot: DashboardSnapshot): DetailsData {
  // Looked up once per snapshot, not on every one-second tick: a task's job can hold 50,000.
  const detailsObject = useMemo(
    () => (target ? selectedObject(target, snapshot) : undefined),
    [target, snapshot],
  );
  const runs = snapshot.runs;
  const runsJobId = snapshot.focus.jobId;
  const doctor = snapshot.doctor;
  const textLines = useMemo(() => {
    if (target?.pane === "text") return target.lines;
    if (target?.pane === "runs") return runLines(target.jobId, runs, runsJobId);
    if (target?.pane === "doctor") return doctorLines(target, doctor);
    if (target?.pane === "changes") return changesPane(target.sinceMs, target.read, target.selected).lines;
    if (target?.pane === "accountRuns")
      return accountRunsPane(target.filter, target.read, target.selected).lines;
    return undefined;
  }, [target, runs, runsJobId, doctor]);
  // The timeline reads several of the snapshot's resources, so it follows each new snapshot.
  const timelineLines = useMemo(
    () => (target?.pane === "timeline" ? timelineData(target, snapshot).pane.lines : undefined),
    [target, snapshot],
  );
  const lines = useMemo(
    () => textLines ?? timelineLines ?? (detailsObject === undefined ? [] : detailLines(detailsObject)),
    [textLines, timelineLines, detailsObject],
  );
  const subject =
    target && (detailsObject !== undefined || textLines || timelineLines)
      ? detailsSubject(target)
      : undefined;
  return useMemo(() => (subject === undefined ? { lines } : { subject, lines }), [subject, lines]);
}
