// How a recovery run stands, as its factory or workspace reports it: followed until it ends, with
// the new Batch tasks its re-run Custom activity started (their ids are the new activity run ids).
import type { FactoryActivityRun, PipelineRunInfo } from "../pipelineRuns.js";
import type { PlanOutcome } from "./outcome.js";
import type { RerunPlan } from "./rerunPlans.js";

/** A followed pipeline run and its activity runs, as last read. */
export interface FollowedRun {
  run: PipelineRunInfo;
  activities: readonly FactoryActivityRun[];
}

const short = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);
/** Whether a pipeline run's status is final: anything but Queued, InProgress or Canceling. */
export const runHasEnded = (status: string) => !["Queued", "InProgress", "Canceling"].includes(status);

/**
 * The Batch tasks a recovery run started for the activity it re-runs: Custom activity runs of that
 * name, newest first. A fan-out activity has several.
 */
export function recoveryTasks(followed: FollowedRun, activityName: string): FactoryActivityRun[] {
  return followed.activities
    .filter(
      (activity) =>
        activity.activityType === "Custom" &&
        activity.activityName.toLowerCase() === activityName.toLowerCase(),
    )
    .sort((a, b) => (b.start?.getTime() ?? 0) - (a.start?.getTime() ?? 0));
}

function progressOf(followed: FollowedRun, activityName: string): string {
  const tasks = recoveryTasks(followed, activityName);
  const head = `run ${short(followed.run.runId)} ${followed.run.status}`;
  if (tasks.length === 0) return `${head}, ${activityName} not started yet`;
  const [first] = tasks;
  const more = tasks.length > 1 ? ` (and ${tasks.length - 1} more)` : "";
  return `${head}: ${activityName} ${first!.status} as task ${first!.activityRunId}${more}`;
}

/** The outcome of a sent recovery plan, given the new run ids it was answered with. */
export function recoveryOutcome(
  plan: Extract<RerunPlan, { kind: "recovery-run" }>,
  runIds: readonly string[] | undefined,
  followed: ReadonlyMap<string, FollowedRun> | undefined,
): PlanOutcome {
  if (!runIds || runIds.length === 0) return { kind: "waiting" };
  const runs = runIds.map((id) => followed?.get(id.toLowerCase()));
  if (runs.some((run) => run === undefined)) return { kind: "waiting" };
  const known = runs as FollowedRun[];
  const parts = known.map((run, index) =>
    progressOf(run, plan.groups[index]?.request.failedActivityName ?? ""),
  );
  if (!known.every((entry) => runHasEnded(entry.run.status)))
    return { kind: "underway", progress: parts.join("; ") };
  const failed = known.filter((entry) => entry.run.status !== "Succeeded");
  if (failed.length > 0)
    return {
      kind: "failed",
      reason: failed
        .map(
          (entry) =>
            `run ${entry.run.runId} ${entry.run.status}${entry.run.message ? `: ${entry.run.message}` : ""}`,
        )
        .join("; "),
    };
  return { kind: "done", detail: parts.join("; ") };
}
