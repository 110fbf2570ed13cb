import { test } from "node:test";
import assert from "node:assert/strict";
import { accountFailureSummary, nextFailingJob } from "../../../../src/model/views/accountFailures.js";
import type { TaskRow } from "../../../../src/model/tasks.js";

const failed = (id: string, code: string): TaskRow => ({
  id,
  state: "completed",
  result: "failure",
  retryCount: 0,
  requeueCount: 0,
  failure: { category: "usererror", code },
});

test("the account's failures read as the snapshot's problem lines, the job failing most first", () => {
  const summary = accountFailureSummary([
    { jobId: "adfv2-win", failed: [failed("a", "FailureExitCode")] },
    {
      jobId: "adfv2-linux",
      failed: [failed("b", "FailureExitCode"), failed("c", "ResourceContainerAccessDenied")],
    },
  ]);
  assert.deepEqual(summary, {
    text: "adfv2-linux: 2 failed: 1 FailureExitCode, 1 ResourceContainerAccessDenied · adfv2-win: 1 failed: 1 FailureExitCode",
    jobIds: ["adfv2-linux", "adfv2-win"],
  });
});

test("no failed task, no summary; codes from Azure are neutralised", () => {
  assert.equal(accountFailureSummary([]), undefined);
  assert.equal(accountFailureSummary([{ jobId: "j", failed: [] }]), undefined);
  const text = accountFailureSummary([{ jobId: "j\u001b[2J", failed: [failed("a", "X\u0007")] }])?.text ?? "";
  assert.ok(!text.includes("\u001b") && !text.includes("\u0007"));
});

test("the jump lands on the job on screen first, then walks through the failing jobs in turn", () => {
  const jobs = ["a", "b", "c"];
  assert.equal(nextFailingJob(jobs, undefined, false), "a");
  assert.equal(nextFailingJob(jobs, "healthy-job", false), "a");
  assert.equal(nextFailingJob(jobs, "b", false), "b", "its failures are not shown yet");
  assert.equal(nextFailingJob(jobs, "b", true), "c");
  assert.equal(nextFailingJob(jobs, "c", true), "a");
});
