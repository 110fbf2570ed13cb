// The jump from the account's failure line to the failed tasks themselves.
import { accountFailureSummary, nextFailingJob } from "../../model/views/accountFailures.js";
import { type KeyContext, info, selected } from "./keyContext.js";

/**
 * `F`: the failed tasks of the job failing most (or, pressed again there, of the next failing job),
 * in the tasks pane with faults only on, as Enter on that job and `f` would show them.
 */
export function showFailedTasks(ctx: KeyContext): void {
  const summary = ctx.snapshot.failures.data && accountFailureSummary(ctx.snapshot.failures.data);
  if (!summary) {
    info(ctx, ctx.snapshot.failures.data ? "no task failed in the last hour" : "failed tasks not read yet");
    return;
  }
  const current = selected(ctx, "jobs")?.id;
  const showing = ctx.ui.focused === "tasks" && ctx.ui.lists.tasks.faultsOnly && !ctx.ui.taskNodeId;
  const jobId = nextFailingJob(summary.jobIds, current, showing);
  if (!jobId) return;
  ctx.dispatch({ type: "drill", to: "tasks", select: { jobs: jobId }, taskNode: "clear" });
  if (!ctx.ui.lists.tasks.faultsOnly) ctx.dispatch({ type: "toggleFaults", pane: "tasks" });
}
