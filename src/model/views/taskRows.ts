import { formatRatio, isHung, overrunRatio, type UsualDuration } from "../hungTasks.js";
import { orphanNote, orphanedBy } from "../orphanedTasks.js";
import type { ActivityRun } from "../runs.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";
import { compareText } from "./compareText.js";
import { formatAge, formatClockTime, formatDuration } from "./duration.js";
import type { CellValue, ColumnSpec } from "./tableLayout.js";

export type TaskColumnId =
  | "id"
  | "state"
  | "result"
  | "exitCode"
  | "failureCode"
  | "node"
  | "retries"
  | "start"
  | "duration"
  | "pipeline"
  | "activity";

/**
 * Priorities: the activity run id an alert names (in full: 36 cells hold a GUID, and a cut id cannot
 * be matched to the alert), whether and why it failed, and for how long it ran come first; the
 * pipeline and activity that ran it next; where and when it started last.
 */
export const taskColumns: readonly ColumnSpec<TaskColumnId>[] = [
  { id: "id", title: "TASK (ACTIVITY RUN)", minWidth: 36, maxWidth: 40, priority: 1 },
  { id: "state", title: "STATE", minWidth: 9, maxWidth: 9, priority: 2 },
  { id: "result", title: "RESULT", minWidth: 7, maxWidth: 7, priority: 5 },
  { id: "exitCode", title: "EXIT", minWidth: 4, maxWidth: 6, priority: 6, align: "right" },
  { id: "failureCode", title: "FAILURE", minWidth: 12, maxWidth: 30, priority: 3 },
  { id: "node", title: "NODE", minWidth: 10, maxWidth: 30, priority: 9 },
  { id: "retries", title: "RTY", minWidth: 3, maxWidth: 3, priority: 11, align: "right" },
  { id: "start", title: "START", minWidth: 9, maxWidth: 12, priority: 10 },
  { id: "duration", title: "TOOK", minWidth: 6, maxWidth: 6, priority: 4, align: "right" },
  { id: "pipeline", title: "PIPELINE", minWidth: 10, maxWidth: 30, priority: 7 },
  { id: "activity", title: "ACTIVITY", minWidth: 10, maxWidth: 24, priority: 8 },
];

/**
 * The columns worth laying out: without a Log Analytics workspace the pipeline and activity columns
 * would stay empty, so their room goes to the others.
 */
export function taskColumnsFor(hasPipelineContext: boolean): readonly ColumnSpec<TaskColumnId>[] {
  return hasPipelineContext
    ? taskColumns
    : taskColumns.filter((column) => column.id !== "pipeline" && column.id !== "activity");
}

/** A task with what the screen derives from it once per snapshot. */
export interface TaskView {
  /** The task id, which for a Custom activity is its activity run id. */
  id: string;
  task: TaskRow;
  /** By result or failureInfo, never by exit code alone. */
  failed: boolean;
  /** The pipeline run context from Log Analytics, when the workspace knows the run. */
  run?: ActivityRun;
  /** What the same work usually takes (see hungTasks.ts), when known: running tasks are judged by it. */
  usual?: UsualDuration;
}

/** A task's usual duration, from its pipeline activity (Log Analytics) or from its job's history. */
export type UsualLookup = (task: TaskRow, run: ActivityRun | undefined) => UsualDuration | undefined;

/**
 * Once per snapshot: the job's tasks joined with their pipeline runs by activity run id, in the
 * snapshot's order (most recently changed first). Nothing here is sanitised or formatted: that
 * happens for the visible rows only, so 50,000 tasks cost one pass of cheap field reads.
 */
export function deriveTaskViews(
  tasks: readonly TaskRow[],
  runsByActivityRunId?: ReadonlyMap<string, ActivityRun>,
  usualFor?: UsualLookup,
): TaskView[] {
  return tasks.map((task) => {
    const view: TaskView = { id: task.id, task, failed: isTaskFailed(task) };
    const run = runsByActivityRunId?.get(task.id);
    if (run) view.run = run;
    // Only a running task is judged against its usual; the lookup is skipped for the rest.
    const usual = task.state === "running" ? usualFor?.(task, run) : undefined;
    if (usual) view.usual = usual;
    return view;
  });
}

/** How long the task ran: until now while running, until its end once completed. */
export function taskDurationMs(task: TaskRow, now: Date): number | undefined {
  if (!task.startTime) return undefined;
  const end = task.state === "completed" ? task.endTime : now;
  return end ? end.getTime() - task.startTime.getTime() : undefined;
}

export type TaskSortMode = "recent" | "failures" | "duration" | "overrun" | "start" | "id" | "pipeline";

const time = (date: Date | undefined): number => date?.getTime() ?? Number.NEGATIVE_INFINITY;
const byRecentChange = (a: TaskView, b: TaskView): number =>
  time(b.task.stateTransitionTime) - time(a.task.stateTransitionTime) || compareText(a.id, b.id);

const comparators: Record<
  Exclude<TaskSortMode, "duration" | "overrun">,
  (a: TaskView, b: TaskView) => number
> = {
  recent: byRecentChange,
  // Failed first, grouped by failure code, so the largest group of the summary line reads as a block.
  failures: (a, b) =>
    Number(b.failed) - Number(a.failed) ||
    compareText(a.task.failure?.code ?? "", b.task.failure?.code ?? "") ||
    byRecentChange(a, b),
  start: (a, b) => time(b.task.startTime) - time(a.task.startTime) || compareText(a.id, b.id),
  id: (a, b) => compareText(a.id, b.id),
  // Tasks with no known pipeline ("\uffff" sorts after any name) go last.
  pipeline: (a, b) =>
    compareText(a.run?.pipelineName ?? "\uffff", b.run?.pipelineName ?? "\uffff") ||
    compareText(a.run?.activityName ?? "", b.run?.activityName ?? "") ||
    byRecentChange(a, b),
};

/**
 * Once per snapshot and sort change: a sorted copy. "duration" is longest first, measuring running
 * tasks up to `now`; "overrun" puts the highest ratio to the usual duration first (tasks without one
 * after, longest first). Their keys are computed once before sorting rather than in every comparison.
 */
export function sortTaskViews(views: readonly TaskView[], mode: TaskSortMode, now: Date): TaskView[] {
  if (mode !== "duration" && mode !== "overrun") return [...views].sort(comparators[mode]);
  const none = Number.NEGATIVE_INFINITY;
  return views
    .map((view) => ({
      view,
      ratio: mode === "overrun" ? (overrunRatio(view.task, view.usual, now) ?? none) : none,
      duration: taskDurationMs(view.task, now) ?? none,
    }))
    .sort((a, b) => b.ratio - a.ratio || b.duration - a.duration || compareText(a.view.id, b.view.id))
    .map(({ view }) => view);
}

/** The running task's ratio to its usual duration, when it is marked `hung?`. */
export function hungRatioOf(view: TaskView, now: Date): number | undefined {
  if (!isHung(view.task, view.usual, now)) return undefined;
  return overrunRatio(view.task, view.usual, now);
}

/**
 * The cells of one visible row, for the rows on screen only. A running task's duration grows with
 * the clock, so it reads coarsely ("12m", changing once a minute past the first); a completed one's
 * is fixed and keeps its seconds ("12m05s").
 */
export function taskCells(view: TaskView, now: Date): Record<TaskColumnId, CellValue> {
  const { task } = view;
  const duration = taskDurationMs(task, now);
  return {
    id: view.id,
    state: [{ text: task.state, style: { kind: "taskState", state: displayState(view) } }],
    result: resultCell(view),
    exitCode: task.exitCode === undefined ? "-" : String(task.exitCode),
    failureCode: failureCell(view, now),
    node: task.nodeId ?? "-",
    retries: String(task.retryCount),
    start: task.startTime ? formatClockTime(task.startTime, now) : "-",
    duration:
      duration === undefined
        ? "-"
        : task.state === "completed"
          ? formatDuration(duration)
          : formatAge(duration),
    pipeline: view.run?.pipelineName ?? "",
    activity: view.run?.activityName ?? "",
  };
}

/**
 * Why the task failed; or, for a task that outlived its activity run, that nothing in the pipeline
 * waits for it any more ("orphaned: Cancelled 12m ago"), so an operator can find it and terminate it;
 * or, for a task running far beyond its usual duration, that it may be hung ("hung? 3.2× its usual
 * 12m" reads "hung? 3.2× usual", or "hung? 3.2× job's" when the usual comes from the job's own
 * tasks).
 */
function failureCell(view: TaskView, now: Date): CellValue {
  if (view.failed)
    return [
      {
        text: view.task.failure?.code ?? view.task.failure?.category ?? "failure",
        style: { kind: "token", token: "status.error" },
      },
    ];
  const orphan = orphanedBy(view.task, view.run);
  if (orphan) return [{ text: orphanNote(orphan, now), style: { kind: "token", token: "status.warning" } }];
  const ratio = hungRatioOf(view, now);
  if (ratio === undefined || !view.usual) return "";
  // Short enough for the FAILURE column at its narrowest (17 cells); the line above the tasks and
  // the details give the usual duration itself.
  const whose = view.usual.source === "job" ? "job's" : "usual";
  return [
    {
      text: `hung? ${formatRatio(ratio)} ${whose}`,
      style: { kind: "token", token: "status.warning" },
    },
  ];
}

/** How the task reads at a glance: a completed task as succeeded or failed. */
function displayState(view: TaskView): string {
  if (view.task.state !== "completed") return view.task.state;
  return view.failed ? "failed" : "succeeded";
}

function resultCell(view: TaskView): CellValue {
  if (view.failed)
    return [{ text: view.task.result ?? "failure", style: { kind: "taskState", state: "failed" } }];
  if (view.task.result === undefined) return "-";
  return [{ text: view.task.result, style: { kind: "taskState", state: "succeeded" } }];
}
