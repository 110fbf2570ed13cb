import { test } from "node:test";
import assert from "node:assert/strict";
import {
  describeRerunPlan,
  groupByPipelineRun,
  recoveryRefusal,
  taskOwner,
  type PipelineContext,
} from "../../../../src/model/actions/rerunPlans.js";
import { recoveryOutcome, type FollowedRun } from "../../../../src/model/actions/recoveryOutcome.js";
import type { ActivityRun } from "../../../../src/model/runs.js";
import type { PipelineRunInfo } from "../../../../src/model/pipelineRuns.js";

const factoryId =
  "/subscriptions/sub-1/resourceGroups/rg-etl/providers/Microsoft.DataFactory/factories/adf-etl";
const workspaceId =
  "/subscriptions/sub-1/resourceGroups/rg-etl/providers/Microsoft.Synapse/workspaces/syn-etl";

function activity(taskId: string, pipelineRunId: string, resourceId = factoryId): ActivityRun {
  return {
    source: "adf",
    pipelineName: "transform_hourly",
    pipelineRunId,
    activityName: "transform",
    activityRunId: taskId,
    activityType: "Custom",
    status: "Failed",
    updated: new Date("2026-11-22T03:00:00Z"),
    outputUrls: [],
    resourceId,
  };
}

const context = (...runs: ActivityRun[]): PipelineContext => ({
  configured: true,
  byActivityRunId: new Map(runs.map((run) => [run.activityRunId, run])),
});

test("a task's owner is the pipeline run of its activity run, in the factory or workspace its row names", () => {
  assert.deepEqual(taskOwner("t1", context(activity("t1", "run-a"))), {
    host: {
      kind: "adf",
      factory: { subscriptionId: "sub-1", resourceGroup: "rg-etl", factoryName: "adf-etl" },
    },
    pipelineName: "transform_hourly",
    pipelineRunId: "run-a",
    activityName: "transform",
  });
  const synapse = taskOwner("t2", context(activity("t2", "run-b", workspaceId)));
  assert.ok("host" in synapse && synapse.host.kind === "synapse");
});

test("without a workspace, before Log Analytics answers, or without a row, the owner is unknown and says why", () => {
  assert.match(
    (taskOwner("t1", { configured: false }) as { unknown: string }).unknown,
    /no Log Analytics workspace is set/,
  );
  assert.match(
    (taskOwner("t1", { configured: true }) as { unknown: string }).unknown,
    /has not answered yet/,
  );
  assert.match(
    (taskOwner("t9", context()) as { unknown: string }).unknown,
    /no activity run with this task's id/,
  );
  const noHost = activity("t1", "run-a", "/subscriptions/x/resourceGroups/y/providers/Other/things/z");
  assert.match(
    (taskOwner("t1", context(noHost)) as { unknown: string }).unknown,
    /does not name the factory/,
  );
});

test("marked tasks are grouped by pipeline run: one recovery per run, never one per task", () => {
  const ctx = context(activity("t1", "run-a"), activity("t2", "run-a"), activity("t3", "run-b"));
  const { groups, unowned } = groupByPipelineRun(["t1", "t3", "t2", "t4"], ctx);
  assert.deepEqual(
    groups.map((group) => [group.request.referencePipelineRunId, group.taskIds]),
    [
      ["run-a", ["t1", "t2"]],
      ["run-b", ["t3"]],
    ],
  );
  assert.deepEqual(
    unowned.map((entry) => entry.taskId),
    ["t4"],
  );
  const description = describeRerunPlan({ kind: "recovery-run", jobId: "adfv2-etl", groups });
  assert.equal(description.title, "Re-run 2 pipeline runs from their failed activities");
  assert.equal(description.changes.length, 2);
});

const run = (status: string, extra: Partial<PipelineRunInfo> = {}): PipelineRunInfo => ({
  runId: "run-a",
  pipelineName: "transform_hourly",
  status,
  parameters: {},
  ...extra,
});

test("only a failed run that is the newest of its group can be recovered", () => {
  assert.equal(recoveryRefusal(run("Failed")), undefined);
  assert.match(
    recoveryRefusal(run("InProgress")) ?? "",
    /is InProgress: only a run that ended can be recovered/,
  );
  assert.match(recoveryRefusal(run("Succeeded")) ?? "", /ended Succeeded: there is no failed activity/);
  assert.match(recoveryRefusal(run("Failed", { isLatest: false })) ?? "", /was already recovered/);
});

test("a recovery run is followed: waiting, then under way with its new task, then done or failed", () => {
  const { groups } = groupByPipelineRun(["t1"], context(activity("t1", "run-a")));
  const plan = { kind: "recovery-run" as const, jobId: "adfv2-etl", groups };
  const followed = (status: string, tasks: string[] = [], message?: string): Map<string, FollowedRun> =>
    new Map([
      [
        "new-run",
        {
          run: run(status, { runId: "new-run", ...(message ? { message } : {}) }),
          activities: tasks.map((id) => ({
            pipelineRunId: "new-run",
            activityName: "transform",
            activityRunId: id,
            activityType: "Custom",
            status: "InProgress",
          })),
        },
      ],
    ]);
  assert.deepEqual(recoveryOutcome(plan, ["NEW-RUN"], undefined), { kind: "waiting" });
  assert.deepEqual(recoveryOutcome(plan, ["new-run"], followed("Queued")), {
    kind: "underway",
    progress: "run new-run Queued, transform not started yet",
  });
  assert.deepEqual(recoveryOutcome(plan, ["new-run"], followed("InProgress", ["t7"])), {
    kind: "underway",
    progress: "run new-run InProgress: transform InProgress as task t7",
  });
  assert.equal(recoveryOutcome(plan, ["new-run"], followed("Succeeded", ["t7"])).kind, "done");
  assert.deepEqual(recoveryOutcome(plan, ["new-run"], followed("Failed", ["t7"], "Operation failed")), {
    kind: "failed",
    reason: "run new-run Failed: Operation failed",
  });
});
