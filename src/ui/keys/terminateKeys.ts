// T on the tasks pane: terminating the selected task, with what its pipeline makes of that.
import { terminatePlan } from "../../model/actions/terminatePlan.js";
import { attemptOf, readOnlyReason, refuse } from "./actionKeys.js";
import { type KeyContext, info, selected } from "./keyContext.js";

/**
 * The confirmation of terminating the selected task, which says why it may go (its activity run
 * ended) or what it costs (the activity, and so the pipeline run, fails). Refused in read-only mode
 * and for a completed task, as Batch refuses it.
 */
export function openTerminate(ctx: KeyContext): void {
  if (!ctx.services.actions)
    return refuse(ctx, attemptOf(ctx, "task.terminate"), readOnlyReason(ctx, "sending changes"));
  const job = selected(ctx, "jobs")?.id;
  const view = selected(ctx, "tasks");
  if (!job || !view) return info(ctx, "select a task to terminate");
  const planned = terminatePlan(job, view.task, view.run);
  if ("problem" in planned) return refuse(ctx, attemptOf(ctx, "task.terminate"), planned.problem);
  ctx.dispatch({ type: "dialog", dialog: { kind: "confirm", plan: planned.plan, focus: 0 } });
}
