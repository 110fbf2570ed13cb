// R: the two re-runs of failed tasks. Reactivating a Batch task runs its command again, but the
// pipeline that owned it stays failed; a recovery run re-runs the pipeline from the failed activity,
// and the pipeline sees the result. Marked tasks are grouped by pipeline run: one recovery run per
// pipeline run, never one per task.
import {
  hostLabel,
  pipelineHostFromResourceId,
  type PipelineHostRef,
  type PipelineRunInfo,
  type RecoveryRunRequest,
} from "../pipelineRuns.js";
import type { ActivityRun } from "../runs.js";
import { isTaskFailed, type TaskRow } from "../tasks.js";
import type { PlanDescription } from "./planDescription.js";

/** One pipeline run to recover, and the tasks whose activity failed in it. */
export interface RecoveryGroup {
  request: RecoveryRunRequest;
  taskIds: string[];
}

export type RerunPlan =
  /** Batch's reactivate of each task: the same command again; the pipeline does not see it. */
  | { kind: "rerun"; jobId: string; taskIds: string[]; failureCode?: string }
  /** A recovery run of each pipeline run, from its failed activity: new tasks, seen by the pipeline. */
  | { kind: "recovery-run"; jobId: string; groups: RecoveryGroup[] };

/** What batchtop knows of the pipeline runs behind the job's tasks (Log Analytics' activity runs). */
export interface PipelineContext {
  /** False without a Log Analytics workspace. */
  configured: boolean;
  /** Undefined until Log Analytics has answered. */
  byActivityRunId?: ReadonlyMap<string, ActivityRun>;
}

/** The pipeline run that owns a task, or why batchtop cannot tell. */
export type TaskOwner =
  | {
      host: PipelineHostRef;
      pipelineName: string;
      pipelineRunId: string;
      activityName: string;
    }
  | { unknown: string };

/** The owner of a task whose id is an activity run id, from Log Analytics' row of that activity run. */
export function taskOwner(taskId: string, context: PipelineContext): TaskOwner {
  if (!context.configured)
    return {
      unknown:
        "no Log Analytics workspace is set, so batchtop cannot tell which pipeline run owns the task (set workspaceId)",
    };
  if (!context.byActivityRunId)
    return { unknown: "Log Analytics has not answered yet; try again in a moment" };
  const run = context.byActivityRunId.get(taskId);
  if (!run)
    return {
      unknown:
        "Log Analytics has no activity run with this task's id in the last 2 days: no pipeline run is known to own it",
    };
  const host = run.resourceId === undefined ? undefined : pipelineHostFromResourceId(run.resourceId);
  if (!host || !run.pipelineRunId || !run.pipelineName)
    return { unknown: "its activity run's row does not name the factory or workspace and the pipeline run" };
  return {
    host,
    pipelineName: run.pipelineName,
    pipelineRunId: run.pipelineRunId,
    activityName: run.activityName,
  };
}

/** Tasks grouped by the pipeline run that owns them, and the tasks no pipeline run is known to own. */
export interface Grouped {
  groups: RecoveryGroup[];
  unowned: { taskId: string; reason: string }[];
}

/** One group per pipeline run (host and run id), in the order the tasks came. */
export function groupByPipelineRun(taskIds: readonly string[], context: PipelineContext): Grouped {
  const groups = new Map<string, RecoveryGroup>();
  const unowned: Grouped["unowned"] = [];
  for (const taskId of taskIds) {
    const owner = taskOwner(taskId, context);
    if ("unknown" in owner) {
      unowned.push({ taskId, reason: owner.unknown });
      continue;
    }
    const key = `${hostLabel(owner.host)}|${owner.pipelineRunId}`.toLowerCase();
    const group = groups.get(key);
    if (group) group.taskIds.push(taskId);
    else
      groups.set(key, {
        request: {
          host: owner.host,
          pipelineName: owner.pipelineName,
          referencePipelineRunId: owner.pipelineRunId,
          failedActivityName: owner.activityName,
        },
        taskIds: [taskId],
      });
  }
  return { groups: [...groups.values()], unowned };
}

/**
 * Why a pipeline run, as its host reports it, cannot be recovered; undefined when it can. Only a run
 * that ended Failed can (the host refuses one still running); and only the newest run of its group,
 * since an older one has been recovered already.
 */
export function recoveryRefusal(run: PipelineRunInfo): string | undefined {
  if (run.isLatest === false)
    return `pipeline run ${run.runId} was already recovered: a newer run of its group exists`;
  if (run.status !== "Failed")
    return run.status === "Queued" || run.status === "InProgress"
      ? `pipeline run ${run.runId} is ${run.status}: only a run that ended can be recovered`
      : `pipeline run ${run.runId} ended ${run.status}: there is no failed activity to start from`;
  return undefined;
}

/** Reactivates failed tasks (Batch's reactivate); a task that did not fail is refused, with why. */
export function reactivatePlan(
  jobId: string,
  tasks: readonly TaskRow[],
): { plan: RerunPlan } | { problem: string } {
  for (const task of tasks)
    if (task.state !== "completed" || !isTaskFailed(task))
      return {
        problem:
          task.state === "completed"
            ? `${task.id} succeeded; only a failed task can run again`
            : `${task.id} is ${task.state}; only a failed task can run again`,
      };
  const [only] = tasks;
  if (!only) return { problem: "no task to run again" };
  return {
    plan: {
      kind: "rerun",
      jobId,
      taskIds: tasks.map((task) => task.id),
      ...(tasks.length === 1 && only.failure?.code ? { failureCode: only.failure.code } : {}),
    },
  };
}

const shortId = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);

function taskList(taskIds: readonly string[]): string {
  return taskIds.length <= 3
    ? taskIds.join(", ")
    : `${taskIds.slice(0, 3).join(", ")} and ${taskIds.length - 3} more`;
}

export function describeRerunPlan(plan: RerunPlan): PlanDescription {
  if (plan.kind === "rerun") {
    const [first] = plan.taskIds;
    const one = plan.taskIds.length === 1;
    return {
      title: one ? `Reactivate task ${first}` : `Reactivate ${plan.taskIds.length} tasks`,
      changes: [
        one
          ? `task ${first} of job ${plan.jobId}${plan.failureCode ? ` (failed: ${plan.failureCode})` : ""} is reactivated`
          : `tasks ${taskList(plan.taskIds)} of job ${plan.jobId} are reactivated`,
        `${one ? "it runs" : "each runs"} again from the start, on any node of the pool`,
      ],
      danger:
        "the pipeline will not see the result: its run stays failed and the activities after this one do not run",
      apply: "Reactivate",
    };
  }
  const runs = plan.groups.length;
  return {
    title:
      runs === 1
        ? "Re-run the pipeline from the failed activity"
        : `Re-run ${runs} pipeline runs from their failed activities`,
    changes: plan.groups.map(
      ({ request, taskIds }) =>
        `${request.pipelineName} (${hostLabel(request.host)}): a recovery run of run ${shortId(request.referencePipelineRunId)} from ${request.failedActivityName}, for ${taskIds.length === 1 ? "task" : "tasks"} ${taskList(taskIds.map(shortId))}`,
    ),
    note: "each recovery run is a new pipeline run: the failed activity runs again as new Batch tasks, the activities before it are not run again, and the pipeline carries on",
    apply: "Re-run pipeline",
  };
}

export function rerunPlanTarget(plan: RerunPlan): string {
  if (plan.kind === "rerun")
    return plan.taskIds.length === 1
      ? `task ${plan.taskIds[0]} of job ${plan.jobId}`
      : `tasks ${plan.taskIds.join(", ")} of job ${plan.jobId}`;
  return plan.groups
    .map(({ request }) => `pipeline run ${request.referencePipelineRunId} of ${request.pipelineName}`)
    .join("; ");
}
