// R on failed tasks: the dialog with both re-runs (a recovery run of the pipeline run that owned
// them, or Batch's reactivate), the check of the pipeline runs with their hosts before the recovery
// is offered, and space/u for task marks.
import type { Key } from "ink";
import {
  groupByPipelineRun,
  reactivatePlan,
  type PipelineContext,
  type RecoveryGroup,
} from "../../model/actions/rerunPlans.js";
import type { RecoveryChoice, RerunDialog } from "../../model/navigation/uiState.js";
import { dialogFocus } from "../../model/navigation/dialogFocus.js";
import type { TaskRow } from "../../model/tasks.js";
import { errorMessage } from "../../model/errorMessage.js";
import { attemptOf, execute, handleDialog, readOnlyReason, refuse } from "./actionKeys.js";
import { type KeyContext, fail, info, selected } from "./keyContext.js";

/** Space on the tasks pane: the selected task marked, or unmarked. */
export function toggleTaskMark(ctx: KeyContext): void {
  const job = selected(ctx, "jobs")?.id;
  const task = selected(ctx, "tasks")?.id;
  if (!job || !task) return info(ctx, "select a task to mark");
  ctx.dispatch({ type: "markTask", jobId: job, taskId: task });
}

/** The tasks R acts on: the marked tasks of the selected job, or else the selected task. */
function targetTaskIds(ctx: KeyContext, jobId: string): string[] {
  const marks = ctx.ui.taskMarks;
  if (marks && marks.jobId === jobId && marks.taskIds.length > 0) return [...marks.taskIds];
  const task = selected(ctx, "tasks")?.id;
  return task === undefined ? [] : [task];
}

function pipelineContext(ctx: KeyContext): PipelineContext {
  const runs = ctx.snapshot.runs.data;
  return {
    configured: ctx.services.recoveries?.hasRunContext ?? false,
    ...(runs ? { byActivityRunId: runs.byActivityRunId } : {}),
  };
}

/** The recovery choice while the hosts are asked, or why it is absent. */
function firstRecoveryChoice(
  groups: readonly RecoveryGroup[],
  unowned: readonly { reason: string }[],
): RecoveryChoice {
  if (!groups.length) return { state: "absent", reason: unowned[0]?.reason ?? "no pipeline run is known" };
  return { state: "checking" };
}

/** R: both re-runs of the selected (or marked) failed tasks, after the pipeline runs are checked. */
export function openRerunDialog(ctx: KeyContext): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, "task.rerun"), readOnlyReason(ctx, "sending changes"));
  const jobId = selected(ctx, "jobs")?.id;
  if (!jobId) return info(ctx, "select a task to run again");
  const taskIds = targetTaskIds(ctx, jobId);
  if (taskIds.length === 0) return info(ctx, "select a task to run again");
  const rows = new Map((ctx.snapshot.tasks.data?.rows ?? []).map((row) => [row.id, row]));
  const tasks = taskIds.map((id) => rows.get(id)).filter((row): row is TaskRow => row !== undefined);
  if (tasks.length < taskIds.length)
    return fail(ctx, "a marked task is no longer listed; clear the marks (u) and mark again");
  const reactivate = reactivatePlan(jobId, tasks);
  const { groups, unowned } = groupByPipelineRun(taskIds, pipelineContext(ctx));
  const recovery = ctx.services.recoveries
    ? firstRecoveryChoice(groups, unowned)
    : ({ state: "absent", reason: "Data Factory and Synapse are not reachable from this session" } as const);
  if (recovery.state === "absent" && "problem" in reactivate)
    return refuse(ctx, attemptOf(ctx, "task.rerun"), reactivate.problem);
  const dialog: RerunDialog = {
    kind: "rerun",
    jobId,
    taskIds,
    recovery,
    reactivate,
    choice: recovery.state === "absent" ? "reactivate" : "recovery",
    focus: 0,
  };
  ctx.dispatch({ type: "dialog", dialog });
  if (recovery.state !== "checking" || !ctx.services.recoveries) return;
  const leftOut = unowned.map(({ taskId, reason }) => `${taskId}: ${reason}`);
  ctx.services.recoveries.check(groups).then(
    (checked) => {
      const refused = checked.refused.map(({ group, reason }) => `${group.taskIds.join(", ")}: ${reason}`);
      const choice: RecoveryChoice =
        checked.groups.length === 0
          ? { state: "absent", reason: checked.refused[0]?.reason ?? "no pipeline run can be recovered" }
          : {
              state: "ready",
              plan: { kind: "recovery-run", jobId, groups: checked.groups },
              leftOut: [...leftOut, ...refused],
            };
      ctx.dispatch({ type: "rerunChecked", taskIds, recovery: choice });
    },
    (error: unknown) =>
      ctx.dispatch({
        type: "rerunChecked",
        taskIds,
        recovery: { state: "absent", reason: `could not check the pipeline runs: ${errorMessage(error)}` },
      }),
  );
}

/** Keys while the R dialog is open: ↑ ↓ ← → or space on the choice switch between the two re-runs. */
export function handleRerunDialog(ctx: KeyContext, dialog: RerunDialog, input: string, key: Key): void {
  handleDialog(ctx, input, key, {
    edit: (text, press) => {
      if (dialogFocus(dialog) !== "choice") return;
      const step = press.upArrow || press.downArrow || press.leftArrow || press.rightArrow || text === " ";
      if (step)
        ctx.dispatch({
          type: "dialog",
          dialog: { ...dialog, choice: dialog.choice === "recovery" ? "reactivate" : "recovery" },
        });
    },
    apply: () => applyRerun(ctx, dialog),
  });
}

function applyRerun(ctx: KeyContext, dialog: RerunDialog): void {
  const attempt = attemptOf(ctx, "task.rerun");
  let planned: RerunDialog["reactivate"];
  if (dialog.choice === "reactivate") planned = dialog.reactivate;
  else if (dialog.recovery.state === "ready") planned = { plan: dialog.recovery.plan };
  else if (dialog.recovery.state === "checking")
    return info(ctx, "still asking the pipeline's host whether the run can be recovered; a moment");
  else planned = { problem: `no re-run of the pipeline: ${dialog.recovery.reason}` };
  if ("problem" in planned) return refuse(ctx, attempt, planned.problem);
  ctx.dispatch({ type: "dialog", dialog: undefined });
  // The marks were for this re-run: the next one starts from the selection again.
  ctx.dispatch({ type: "clearTaskMarks" });
  void execute(ctx, planned.plan);
}
