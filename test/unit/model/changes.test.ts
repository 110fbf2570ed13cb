import { test } from "node:test";
import assert from "node:assert/strict";
import {
  auditChanges,
  armPoolChanges,
  changeJson,
  mergeChanges,
  newFailureCodes,
  nodeChanges,
  parseSinceDuration,
  pipelineChanges,
  poolChanges,
  resizeEventChanges,
  type FailedTask,
} from "../../../src/model/changes.js";
import { nodeSummary, poolSummary } from "../../helpers/modelFixtures.js";

const since = new Date("2026-12-07T10:00:00Z");
const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);

function failed(jobId: string, id: string, minutes: number, code?: string): FailedTask {
  return {
    jobId,
    task: {
      id,
      stateTransitionTime: at(minutes),
      ...(code ? { failure: { category: "usererror", code } } : { exitCode: 2 }),
    },
  };
}

test("a failure code is new when no task failed with it in the same length of time before since", () => {
  const changes = newFailureCodes(
    [
      failed("adfv2-a", "t1", -20, "FailureExitCode"),
      failed("adfv2-a", "t2", 5, "FailureExitCode"),
      failed("adfv2-a", "t3", 3, "BlobAccessDenied"),
      failed("adfv2-b", "t4", 9, "BlobAccessDenied"),
      // Older than the lookback: does not make the code old.
      failed("adfv2-b", "t5", -45, "ResourceContainerAccessDenied"),
      failed("adfv2-b", "t6", 1, "ResourceContainerAccessDenied"),
      failed("adfv2-b", "t7", 2),
    ],
    since,
    30 * 60_000,
  );
  assert.deepEqual(
    changes.map((change) => [change.subject, change.time.toISOString(), change.jump]),
    [
      ["BlobAccessDenied", at(3).toISOString(), { kind: "task", jobId: "adfv2-b", taskId: "t4" }],
      [
        "ResourceContainerAccessDenied",
        at(1).toISOString(),
        { kind: "task", jobId: "adfv2-b", taskId: "t6" },
      ],
      ["exit 2", at(2).toISOString(), { kind: "task", jobId: "adfv2-b", taskId: "t7" }],
    ],
  );
  assert.equal(changes[0]?.detail, "new failure code BlobAccessDenied: 2 tasks in adfv2-a, adfv2-b");
});

test("pools and nodes count from their own transition times; older ones are left out", () => {
  const pools = poolChanges(
    [
      poolSummary("stuck", {
        allocationState: "resizing",
        allocationStateTransitionTime: at(4),
        resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }],
      }),
      poolSummary("calm", { allocationState: "steady", allocationStateTransitionTime: at(-1) }),
      poolSummary("grown", { allocationState: "steady", allocationStateTransitionTime: at(2) }),
    ],
    since,
  );
  assert.deepEqual(
    pools.map((change) => [change.kind, change.subject]),
    [
      ["pool-resize-error", "stuck"],
      ["pool-allocation", "grown"],
    ],
  );
  assert.match(pools[0]?.detail ?? "", /resize error AccountCoreQuotaReached: quota/);

  const nodes = nodeChanges(
    "p",
    [
      {
        ...nodeSummary("n1", "unusable"),
        stateTransitionTime: at(6),
        errors: [{ code: "DiskFull", message: "" }],
      },
      { ...nodeSummary("n2", "idle"), stateTransitionTime: at(7) },
      { ...nodeSummary("n3", "preempted"), stateTransitionTime: at(-3), isDedicated: false },
    ],
    since,
  );
  assert.deepEqual(
    nodes.map((change) => [change.detail, change.jump]),
    [["node n1 of p turned unusable (DiskFull)", { kind: "node", poolId: "p", nodeId: "n1" }]],
  );
});

test("the journal's identity and scale changes that went through; ARM's lastModified", () => {
  const entries = [
    {
      time: at(1).toISOString(),
      action: "attach-identity",
      target: "pool a",
      changes: ["+ id-x"],
      outcome: "done",
    },
    { time: at(2).toISOString(), action: "rescale", target: "pool b", changes: [], outcome: "refused" },
    { time: at(3).toISOString(), action: "rescale", target: "pool c", changes: ["4 → 6"], outcome: "sent" },
    { time: at(4).toISOString(), action: "rerun", target: "task t of job j", changes: [], outcome: "done" },
    { time: at(-4).toISOString(), action: "cycle", target: "pool d", changes: [], outcome: "done" },
  ];
  assert.deepEqual(
    auditChanges(entries, since).map((change) => [change.kind, change.subject]),
    [
      ["pool-identity", "a"],
      ["pool-scale", "c"],
    ],
  );
  assert.deepEqual(
    armPoolChanges(
      [{ id: "a", lastModified: at(1) }, { id: "b", lastModified: at(-1) }, { id: "c" }],
      since,
    ).map((change) => change.subject),
    ["a"],
  );
});

test("merged newest first, causes before effects at the same instant, bounded", () => {
  const pipeline = pipelineChanges([
    {
      pipelineName: "transform",
      firstFailedAt: at(5),
      failedRuns: 3,
      activityName: "run",
      activityType: "Custom",
      activityRunId: "r1",
      pipelineRunId: "p1",
      errorCode: "2500",
      errorMessage: "hit\u001b]52;c;x\u0007 unexpected exception",
    },
  ]);
  assert.equal(pipeline[0]?.detail.includes("\u001b"), false);
  const resize = resizeEventChanges(
    [
      { time: at(5), poolId: "e8", operation: "complete", resultCode: "AccountCoreQuotaReached" },
      { time: at(-5), poolId: "e8", operation: "start" },
      { time: at(8), poolId: "e8", operation: "start", targetDedicatedNodes: 12, targetSpotNodes: 0 },
    ],
    since,
  );
  const merged = mergeChanges([resize, pipeline]);
  assert.deepEqual(
    merged.map((change) => [change.time.toISOString(), change.kind]),
    [
      [at(8).toISOString(), "pool-allocation"],
      [at(5).toISOString(), "pipeline-failing"],
      [at(5).toISOString(), "pool-resize-error"],
    ],
  );
  assert.equal(mergeChanges([resize, pipeline], 1).length, 1);
  assert.deepEqual(Object.keys(changeJson(merged[1]!)), [
    "time",
    "kind",
    "subject",
    "detail",
    "source",
    "jump",
  ]);
});

test("durations after :changes and --since", () => {
  assert.equal(parseSinceDuration("30m"), 30 * 60_000);
  assert.equal(parseSinceDuration("2H"), 2 * 3_600_000);
  assert.equal(parseSinceDuration("1d"), 86_400_000);
  assert.equal(parseSinceDuration("0m"), undefined);
  assert.equal(parseSinceDuration("30"), undefined);
  assert.equal(parseSinceDuration("-5m"), undefined);
});
