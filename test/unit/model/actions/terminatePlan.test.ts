import { test } from "node:test";
import assert from "node:assert/strict";
import { describePlan, planTarget } from "../../../../src/model/actions/actionPlan.js";
import { terminatePlan, type TerminatePlan } from "../../../../src/model/actions/terminatePlan.js";
import type { TaskRow } from "../../../../src/model/tasks.js";
import { activityRun } from "../../../helpers/modelFixtures.js";

const task = (state: string): TaskRow => ({ id: "run-1", state, retryCount: 0, requeueCount: 0 });

function planOf(planned: ReturnType<typeof terminatePlan>): TerminatePlan {
  assert.ok("plan" in planned, "problem" in planned ? planned.problem : "");
  return planned.plan;
}

test("a completed task is refused before sending, as Batch refuses it (TaskCompleted)", () => {
  assert.deepEqual(terminatePlan("adfv2-etl", task("completed"), activityRun()), {
    problem: "run-1 already completed; Batch terminates only a task that has not",
  });
});

test("an orphaned task's plan says its activity ended, when, with ADF's error, and that nothing waits", () => {
  const run = activityRun({
    pipelineName: "reconcile_ledger_daily",
    activityName: "reconcile_accounts",
    status: "Failed",
    end: new Date("2026-12-07T09:48:02Z"),
    error: { code: "ActivityTimedOut", message: "timed out" },
  });
  const plan = planOf(terminatePlan("adfv2-etl", task("running"), run));
  assert.equal(planTarget(plan), "task run-1 of job adfv2-etl");
  assert.deepEqual(describePlan(plan), {
    title: "Terminate task run-1",
    changes: [
      "task run-1 of job adfv2-etl stops now and completes as failed (TaskEnded)",
      "its activity reconcile_accounts of pipeline reconcile_ledger_daily ended Failed at 2026-12-07 09:48:02Z (ActivityTimedOut: timed out): nothing waits for this task",
    ],
    apply: "Terminate",
  });
});

test("a task whose activity still runs: terminating fails the activity and the pipeline run, in red", () => {
  const run = activityRun({ status: "InProgress", pipelineRunId: "p-7" });
  const description = describePlan(planOf(terminatePlan("adfv2-etl", task("running"), run)));
  assert.equal(
    description.danger,
    "its activity transform of pipeline transform_customers_hourly is InProgress: terminating fails that activity, and so the pipeline run p-7",
  );
});

test("without a pipeline context the dialog says batchtop cannot tell", () => {
  const description = describePlan(planOf(terminatePlan("adfv2-etl", task("active"), undefined)));
  assert.equal(description.danger, undefined);
  assert.match(description.note ?? "", /no pipeline run is known for this task/);
});

test("the service's words are neutralised before they reach the dialog and the journal", () => {
  const run = activityRun({
    status: "Cancelled",
    activityName: "x\u001b]52;c;AAAA\u0007y",
    end: new Date(0),
  });
  const plan = planOf(terminatePlan("adfv2-etl", task("running"), run));
  const text = describePlan(plan).changes.join(" ");
  assert.equal(text.includes("\u001b") || text.includes("\u0007"), false, text);
});
