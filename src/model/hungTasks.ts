// A running task that has run far longer than the same work usually takes: maybe hung (a lock never
// released, a read that never returns), maybe only slow. batchtop cannot tell which, so the mark is a
// question ("hung?") with the evidence: how many times the usual duration it has run, and where the
// usual came from.
import { isTaskFailed, type TaskRow } from "./tasks.js";

/**
 * Thresholds. The usual is a p95, already the slow end of healthy runs, so three times it is rare
 * for a program that is merely slow. Below 5 runs a nearest-rank p95 is just the slowest run, too
 * thin to judge by. Under 10 minutes a task that overran is more often waiting on a busy node or a
 * resource file download than hung, and is not worth waking anyone for.
 */
export const hungRatio = 3;
export const minUsualRuns = 5;
export const minHungElapsedMs = 10 * 60_000;

/** What the same work usually takes, and what that rests on. */
export interface UsualDuration {
  /** The 95th percentile (nearest rank) of the succeeded runs' durations. */
  p95Ms: number;
  /** How many succeeded runs it was taken over. */
  runs: number;
  /**
   * "logAnalytics": the succeeded activity runs of the same pipeline and activity in the last 7
   * days; "job": the same job's completed successful tasks of the same command line (no workspace).
   */
  source: "logAnalytics" | "job";
}

/** One pipeline activity's usual duration, as Log Analytics summarised it. */
export interface ActivityDurationStat {
  pipelineName: string;
  activityName: string;
  p95Ms: number;
  runs: number;
}

/** The key pairing a pipeline with one of its activities (names cannot hold U+0000). */
export function activityKey(pipelineName: string, activityName: string): string {
  return `${pipelineName}\u0000${activityName}`;
}

/** The nearest-rank percentile, as Kusto's `percentile()` computes it, of values sorted ascending. */
export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1];
}

/** What identifies "the same work" among one job's tasks without a pipeline: the command line. */
function workKey(task: Pick<TaskRow, "commandLine">): string {
  return task.commandLine ?? "";
}

/**
 * Without a workspace: the usual duration of each command line among the job's completed successful
 * tasks (an adfv2 job runs every pipeline of its pool, and a Custom activity's command line names its
 * program). Once per snapshot; `usualFor` answers for any task of the job.
 */
export function usualFromJob(
  tasks: readonly TaskRow[],
): (task: Pick<TaskRow, "commandLine">) => UsualDuration | undefined {
  const durations = new Map<string, number[]>();
  for (const task of tasks) {
    if (task.state !== "completed" || isTaskFailed(task) || !task.startTime || !task.endTime) continue;
    const key = workKey(task);
    const list = durations.get(key) ?? [];
    list.push(task.endTime.getTime() - task.startTime.getTime());
    durations.set(key, list);
  }
  const usual = new Map<string, UsualDuration>();
  for (const [key, list] of durations) {
    list.sort((a, b) => a - b);
    const p95Ms = nearestRank(list, 95);
    if (p95Ms !== undefined) usual.set(key, { p95Ms, runs: list.length, source: "job" });
  }
  return (task) => usual.get(workKey(task));
}

/** With a workspace: the usual duration of a task's pipeline activity, if Log Analytics knows it. */
export function usualFromActivities(
  stats: readonly ActivityDurationStat[],
): (pipelineName: string, activityName: string) => UsualDuration | undefined {
  const byKey = new Map(
    stats.map((stat) => [
      activityKey(stat.pipelineName, stat.activityName),
      { p95Ms: stat.p95Ms, runs: stat.runs, source: "logAnalytics" } satisfies UsualDuration,
    ]),
  );
  return (pipelineName, activityName) => byKey.get(activityKey(pipelineName, activityName));
}

/**
 * How many times its usual duration a running task has run so far, or undefined: a task that is not
 * running, or whose usual is unknown or rests on too few runs, has no ratio.
 */
export function overrunRatio(
  task: Pick<TaskRow, "state" | "startTime">,
  usual: UsualDuration | undefined,
  now: Date,
): number | undefined {
  if (task.state !== "running" || !task.startTime || !usual) return undefined;
  if (usual.runs < minUsualRuns || usual.p95Ms <= 0) return undefined;
  return (now.getTime() - task.startTime.getTime()) / usual.p95Ms;
}

/** Whether the task is marked `hung?`: far beyond its usual, and long enough to matter. */
export function isHung(
  task: Pick<TaskRow, "state" | "startTime">,
  usual: UsualDuration | undefined,
  now: Date,
): boolean {
  const ratio = overrunRatio(task, usual, now);
  if (ratio === undefined || ratio < hungRatio || !task.startTime) return false;
  return now.getTime() - task.startTime.getTime() >= minHungElapsedMs;
}

/** "3.2×": one decimal below 10, whole above, so the column stays narrow. */
export function formatRatio(ratio: number): string {
  return ratio < 10 ? `${(Math.floor(ratio * 10) / 10).toFixed(1)}×` : `${Math.floor(ratio)}×`;
}

/** "45s", "12m", "1h05m": the usual duration as a glance reads it. */
export function formatUsual(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** Where the usual came from, in words: the details and the fallback mark say it. */
export function usualSource(usual: UsualDuration): string {
  return usual.source === "logAnalytics"
    ? `p95 of ${usual.runs} succeeded runs of this pipeline activity in the last 7 days (Log Analytics)`
    : `usual from this job's ${usual.runs} completed tasks with this command line; --workspace-id (BATCHTOP_WORKSPACE_ID) compares with each pipeline activity's week in Log Analytics`;
}

/**
 * The tasks pane's mark: "hung? running 3.2× its usual 12m", and without a workspace where the
 * usual came from ("… (usual from this job's 40 completed tasks)"), since the job's own history is a
 * weaker guide than the activity's week.
 */
export function hungNote(ratio: number, usual: UsualDuration): string {
  const mark = `hung? running ${formatRatio(ratio)} its usual ${formatUsual(usual.p95Ms)}`;
  return usual.source === "job" ? `${mark} (usual from this job's ${usual.runs} completed tasks)` : mark;
}

/** A task's details: its usual duration, where it came from and the ratio so far. */
export function usualDetails(
  task: Pick<TaskRow, "state" | "startTime">,
  usual: UsualDuration,
  now: Date,
): Record<string, string> {
  const ratio = overrunRatio(task, usual, now);
  return {
    p95: formatUsual(usual.p95Ms),
    source: usualSource(usual),
    ...(ratio === undefined
      ? usual.runs < minUsualRuns
        ? { ratio: `not judged: fewer than ${minUsualRuns} runs` }
        : {}
      : { ratio: formatRatio(ratio), hung: isHung(task, usual, now) ? "yes (hung?)" : "no" }),
  };
}

/**
 * The usual duration of any of a job's tasks, once per snapshot. With a workspace (`stats`, even
 * before its first answer) it is the task's pipeline activity's, and a task whose activity run is not
 * known has none; without one, the job's own completed tasks of the same command line stand in.
 */
export function usualLookup(
  stats: readonly ActivityDurationStat[] | undefined,
  tasks: readonly TaskRow[],
): (
  task: TaskRow,
  run: Pick<ActivityDurationStat, "pipelineName" | "activityName"> | undefined,
) => UsualDuration | undefined {
  if (stats === undefined) {
    const fromJob = usualFromJob(tasks);
    return (task) => fromJob(task);
  }
  const fromActivities = usualFromActivities(stats);
  return (_task, run) => (run ? fromActivities(run.pipelineName, run.activityName) : undefined);
}

/**
 * The line above the tasks, when some are marked: for one task its ratio and usual ("1 task may be
 * hung: running 3.2× its usual 12m"), and where the usual came from when it is the job's own.
 */
export function hungSummary(
  views: readonly { task: Pick<TaskRow, "state" | "startTime">; usual?: UsualDuration | undefined }[],
  now: Date,
): string | undefined {
  const hung = views.filter((view) => isHung(view.task, view.usual, now));
  const [first] = hung;
  if (!first?.usual) return undefined;
  const ratio = overrunRatio(first.task, first.usual, now);
  if (hung.length === 1 && ratio !== undefined) {
    return hungNote(ratio, first.usual).replace(/^hung\? /, "1 task may be hung: ");
  }
  const count = `${hung.length} tasks may be hung (s sorts by × usual)`;
  return first.usual.source === "logAnalytics" ? count : `${count}, usual from this job's completed tasks`;
}
