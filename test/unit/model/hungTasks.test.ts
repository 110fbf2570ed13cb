import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatRatio,
  formatUsual,
  hungNote,
  hungSummary,
  isHung,
  nearestRank,
  overrunRatio,
  usualDetails,
  usualFromJob,
  usualLookup,
  type UsualDuration,
} from "../../../src/model/hungTasks.js";
import { deriveTaskViews, sortTaskViews, taskCells } from "../../../src/model/views/taskRows.js";
import type { TaskRow } from "../../../src/model/tasks.js";
import { activityRun } from "../../helpers/modelFixtures.js";

const now = new Date("2026-12-07T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const startedAgo = (ms: number) => new Date(now.getTime() - ms);
const usual = (
  p95Ms: number,
  runs = 40,
  source: UsualDuration["source"] = "logAnalytics",
): UsualDuration => ({
  p95Ms,
  runs,
  source,
});
const running = (id: string, elapsedMs: number, commandLine = "python3 -u job.py"): TaskRow => ({
  id,
  state: "running",
  retryCount: 0,
  requeueCount: 0,
  startTime: startedAgo(elapsedMs),
  commandLine,
});
const succeeded = (id: string, tookMs: number, commandLine = "python3 -u job.py"): TaskRow => ({
  id,
  state: "completed",
  result: "success",
  exitCode: 0,
  retryCount: 0,
  requeueCount: 0,
  startTime: new Date(now.getTime() - minutes(120)),
  endTime: new Date(now.getTime() - minutes(120) + tookMs),
  commandLine,
});

test("the ratio is the elapsed time over the usual p95, for running tasks only", () => {
  const task = running("t", minutes(38.4));
  assert.equal(overrunRatio(task, usual(minutes(12)), now), 3.2);
  assert.equal(overrunRatio({ ...task, state: "completed" }, usual(minutes(12)), now), undefined);
  assert.equal(overrunRatio({ ...task, state: "active" }, usual(minutes(12)), now), undefined);
  assert.equal(overrunRatio(task, undefined, now), undefined);
});

test("hung? needs 3× the usual, 10 minutes elapsed and at least 5 succeeded runs", () => {
  assert.equal(isHung(running("t", minutes(36)), usual(minutes(12)), now), true, "exactly 3×");
  assert.equal(isHung(running("t", minutes(35)), usual(minutes(12)), now), false, "2.9×");
  // A 2-minute activity that has run 9 minutes is 4.5× but too short to call hung.
  assert.equal(isHung(running("t", minutes(9)), usual(minutes(2)), now), false);
  assert.equal(isHung(running("t", minutes(10)), usual(minutes(2)), now), true);
  assert.equal(isHung(running("t", minutes(60)), usual(minutes(2), 4), now), false, "4 runs are too few");
  assert.equal(overrunRatio(running("t", minutes(60)), usual(minutes(2), 4), now), undefined);
});

test("the mark says the ratio and the usual, and without a workspace where the usual came from", () => {
  assert.equal(hungNote(3.24, usual(minutes(12))), "hung? running 3.2× its usual 12m");
  assert.equal(
    hungNote(4, usual(minutes(12), 40, "job")),
    "hung? running 4.0× its usual 12m (usual from this job's 40 completed tasks)",
  );
  assert.equal(formatRatio(12.7), "12×");
  assert.equal(formatUsual(45_000), "45s");
  assert.equal(formatUsual(minutes(65)), "1h05m");
});

test("nearest rank is Kusto's percentile: the smallest value with p% at or below it", () => {
  const values = Array.from({ length: 40 }, (_, index) => index + 1);
  assert.equal(nearestRank(values, 95), 38);
  assert.equal(nearestRank([5], 95), 5);
  assert.equal(nearestRank([1, 2, 3, 4], 50), 2);
  assert.equal(nearestRank([], 95), undefined);
});

test("without a workspace the usual is the p95 of the job's successful tasks of the same command line", () => {
  const tasks: TaskRow[] = [
    ...Array.from({ length: 20 }, (_, index) => succeeded(`ok-${index}`, minutes(index + 1))),
    { ...succeeded("failed", minutes(500)), result: "failure" },
    succeeded("other", minutes(90), "python3 -u other.py"),
    running("now", minutes(70)),
  ];
  const usualFor = usualFromJob(tasks);
  assert.deepEqual(usualFor({ commandLine: "python3 -u job.py" }), {
    p95Ms: minutes(19),
    runs: 20,
    source: "job",
  });
  assert.deepEqual(usualFor({ commandLine: "python3 -u other.py" }), {
    p95Ms: minutes(90),
    runs: 1,
    source: "job",
  });
  assert.equal(usualFor({ commandLine: "python3 -u never.py" }), undefined);
});

test("with a workspace a task is judged by its activity's usual only, never by the job's", () => {
  const tasks = [
    ...Array.from({ length: 10 }, (_, i) => succeeded(`ok-${i}`, minutes(2))),
    running("t", minutes(60)),
  ];
  const run = activityRun({ pipelineName: "p", activityName: "a" });
  const lookup = usualLookup([{ pipelineName: "p", activityName: "a", p95Ms: minutes(12), runs: 30 }], tasks);
  assert.deepEqual(lookup(tasks[10]!, run), usual(minutes(12), 30));
  assert.equal(lookup(tasks[10]!, undefined), undefined, "a task whose run is unknown has no usual");
  assert.equal(usualLookup([], tasks)(tasks[10]!, run), undefined);
  assert.equal(usualLookup(undefined, tasks)(tasks[10]!, undefined)?.source, "job");
});

test("the FAILURE column marks the hung task, the overrun sort puts the highest ratio first", () => {
  const run = activityRun({ pipelineName: "p", activityName: "a", status: "InProgress" });
  const tasks = [running("slow", minutes(20)), running("hung", minutes(50)), running("new", minutes(1))];
  const lookup = usualLookup([{ pipelineName: "p", activityName: "a", p95Ms: minutes(10), runs: 30 }], tasks);
  const views = deriveTaskViews(
    tasks,
    new Map(tasks.map((task) => [task.id, { ...run, activityRunId: task.id }])),
    lookup,
  );
  const [slow, hung] = views;
  assert.deepEqual(taskCells(hung!, now).failureCode, [
    { text: "hung? 5.0× usual", style: { kind: "token", token: "status.warning" } },
  ]);
  assert.equal(taskCells(slow!, now).failureCode, "", "2× is not marked");
  assert.deepEqual(
    sortTaskViews(views, "overrun", now).map((view) => view.id),
    ["hung", "slow", "new"],
  );
  assert.equal(hungSummary(views, now), "1 task may be hung: running 5.0× its usual 10m");
  assert.equal(hungSummary([...views, ...views], now), "2 tasks may be hung (s sorts by × usual)");
});

test("the fallback's cell and summary say the usual is the job's", () => {
  const tasks = [
    ...Array.from({ length: 40 }, (_, i) => succeeded(`ok-${i}`, minutes(4))),
    running("hung", minutes(30)),
  ];
  const views = deriveTaskViews(tasks, undefined, usualLookup(undefined, tasks));
  const hung = views.find((view) => view.id === "hung")!;
  assert.deepEqual(taskCells(hung, now).failureCode, [
    { text: "hung? 7.5× job's", style: { kind: "token", token: "status.warning" } },
  ]);
  assert.equal(
    hungSummary(views, now),
    "1 task may be hung: running 7.5× its usual 4m (usual from this job's 40 completed tasks)",
  );
});

test("a task's details give the usual, its source and the ratio", () => {
  assert.deepEqual(usualDetails(running("t", minutes(36)), usual(minutes(12)), now), {
    p95: "12m",
    source: "p95 of 40 succeeded runs of this pipeline activity in the last 7 days (Log Analytics)",
    ratio: "3.0×",
    hung: "yes (hung?)",
  });
  assert.deepEqual(usualDetails(running("t", minutes(36)), usual(minutes(12), 3, "job"), now), {
    p95: "12m",
    source:
      "usual from this job's 3 completed tasks with this command line; --workspace-id (BATCHTOP_WORKSPACE_ID) compares with each pipeline activity's week in Log Analytics",
    ratio: "not judged: fewer than 5 runs",
  });
});
