// Terminating a Batch task, weighed against the pipeline that owns it: a task whose activity run has
// ended (an orphan) can go, since nothing waits for it; a task whose activity still runs takes that
// activity, and so its pipeline run, down with it; without a Log Analytics row batchtop cannot tell.
import { activityEndedAt, orphanedBy } from "../orphanedTasks.js";
import type { ActivityRun } from "../runs.js";
import { sanitizeInline } from "../sanitize.js";
import type { TaskRow } from "../tasks.js";
import type { PlanDescription } from "./planDescription.js";

/** What the pipeline knows of the task's activity run when the plan was made. */
export type TerminateReason =
  | {
      kind: "orphaned";
      activityName: string;
      pipelineName: string;
      pipelineRunId: string;
      status: string;
      /** ISO time the activity run ended. */
      endedAt: string;
      /** ADF's error, "2500: Hit unexpected exception…", when the run logged one. */
      error?: string;
    }
  | {
      kind: "activity-running";
      activityName: string;
      pipelineName: string;
      pipelineRunId: string;
      status: string;
    }
  | { kind: "no-pipeline" };

export interface TerminatePlan {
  kind: "terminate-task";
  jobId: string;
  taskId: string;
  reason: TerminateReason;
}

/** The service's words are shown in a dialog and written to the journal: no control sequences. */
const clean = (text: string) => sanitizeInline(text);

function reasonOf(task: TaskRow, run: ActivityRun | undefined): TerminateReason {
  if (!run) return { kind: "no-pipeline" };
  const names = {
    activityName: clean(run.activityName),
    pipelineName: clean(run.pipelineName),
    pipelineRunId: clean(run.pipelineRunId),
    status: clean(run.status),
  };
  if (!orphanedBy(task, run)) return { kind: "activity-running", ...names };
  return {
    kind: "orphaned",
    ...names,
    endedAt: activityEndedAt(run).toISOString(),
    ...(run.error ? { error: clean(`${run.error.code}: ${run.error.message}`) } : {}),
  };
}

/**
 * Terminating the task, or why Batch would refuse it: a completed task answers TaskCompleted (409),
 * so that is said here, before anything is sent.
 */
export function terminatePlan(
  jobId: string,
  task: TaskRow,
  run: ActivityRun | undefined,
): { plan: TerminatePlan } | { problem: string } {
  if (task.state.toLowerCase() === "completed")
    return { problem: `${task.id} already completed; Batch terminates only a task that has not` };
  return { plan: { kind: "terminate-task", jobId, taskId: task.id, reason: reasonOf(task, run) } };
}

/** "2026-12-07 14:03:22Z": in UTC, as ADF's monitor and Log Analytics show it. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;

export function describeTerminatePlan(plan: TerminatePlan): PlanDescription {
  const { reason } = plan;
  const stops = `task ${plan.taskId} of job ${plan.jobId} stops now and completes as failed (TaskEnded)`;
  const description: PlanDescription = {
    title: `Terminate task ${plan.taskId}`,
    changes: [stops],
    apply: "Terminate",
  };
  switch (reason.kind) {
    case "orphaned":
      description.changes.push(
        `its activity ${reason.activityName} of pipeline ${reason.pipelineName} ended ${reason.status} at ` +
          `${utc(reason.endedAt)}${reason.error ? ` (${reason.error})` : ""}: nothing waits for this task`,
      );
      return description;
    case "activity-running":
      return {
        ...description,
        danger:
          `its activity ${reason.activityName} of pipeline ${reason.pipelineName} is ${reason.status}: ` +
          `terminating fails that activity, and so the pipeline run ${reason.pipelineRunId}`,
      };
    case "no-pipeline":
      return {
        ...description,
        note: "no pipeline run is known for this task (no Log Analytics row for it): batchtop cannot tell whether a pipeline waits for it",
      };
  }
}
