import { test } from "node:test";
import assert from "node:assert/strict";
import { assessHealth, summarizeFailures } from "../../../src/model/health.js";
import type { TaskRow } from "../../../src/model/tasks.js";
import { poolSummary } from "../../helpers/modelFixtures.js";

function task(id: string, extra: Partial<TaskRow>): TaskRow {
  return { id, state: "completed", retryCount: 0, requeueCount: 0, ...extra };
}

test("a quiet account is healthy", () => {
  assert.deepEqual(
    assessHealth({
      pools: [poolSummary("a")],
      nodeCounts: [{ poolId: "a", byState: { idle: 3 }, total: 3 }],
      jobs: [],
    }),
    [],
  );
});

test("resize errors, unusable and start-task-failed nodes are problems of their pool", () => {
  const problems = assessHealth({
    pools: [poolSummary("a", { resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }] })],
    nodeCounts: [{ poolId: "b", byState: { unusable: 2, starttaskfailed: 1, idle: 4 }, total: 7 }],
    jobs: [],
  });
  assert.deepEqual(
    problems.map((problem) => [problem.kind, problem.subject, problem.detail]),
    [
      ["resize-error", "a", "resize error AccountCoreQuotaReached: quota"],
      ["unusable-nodes", "b", "2 unusable nodes"],
      ["start-task-failed", "b", "1 node with a failed start task"],
    ],
  );
});

test("a task fails by result or failureInfo, never by exit code alone", () => {
  const problems = assessHealth({
    pools: [],
    nodeCounts: [],
    jobs: [
      {
        jobId: "adfv2-a",
        failed: [
          task("upload", {
            result: "failure",
            exitCode: 0,
            failure: { category: "usererror", code: "FileUploadContainerNotFound" },
          }),
          task("nonzero-but-fine", { result: "success", exitCode: 3 }),
          task("crash", {
            result: "failure",
            exitCode: 1,
            failure: { category: "usererror", code: "FailureExitCode" },
          }),
          task("crash2", {
            result: "failure",
            exitCode: 1,
            failure: { category: "usererror", code: "FailureExitCode" },
          }),
        ],
      },
    ],
  });
  assert.deepEqual(problems, [
    {
      kind: "failed-tasks",
      subject: "adfv2-a",
      detail: "3 failed: 2 FailureExitCode, 1 FileUploadContainerNotFound",
    },
  ]);
});

test("failure summaries group by code, largest first", () => {
  assert.equal(
    summarizeFailures([
      task("1", { failure: { category: "usererror", code: "ResourceContainerAccessDenied" } }),
      task("2", { failure: { category: "usererror", code: "FailureExitCode" } }),
      task("3", { failure: { category: "usererror", code: "FailureExitCode" } }),
    ]),
    "3 failed: 2 FailureExitCode, 1 ResourceContainerAccessDenied",
  );
});

test("failure counts read as the panes write them, with thousands separators", () => {
  const failed = Array.from({ length: 1_783 }, (_, index) => ({
    id: `t${index}`,
    state: "completed",
    result: "failure",
    retryCount: 0,
    requeueCount: 0,
    failure: { category: "usererror", code: "FailureExitCode" },
  }));
  assert.equal(summarizeFailures(failed), "1,783 failed: 1,783 FailureExitCode");
});
