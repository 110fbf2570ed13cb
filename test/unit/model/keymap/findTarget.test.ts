import { test } from "node:test";
import assert from "node:assert/strict";
import { findById, looksLikeActivityRunId, type FindScope } from "../../../../src/model/keymap/findTarget.js";

const runId = "6b1e4f0a-93c2-4e1d-8f57-2a9c3d4e5f60";

const scope: FindScope = {
  poolIds: ["etl", "ml", "shared"],
  nodeIdsByPool: new Map([["etl", ["tvmps_a1", "tvmps_b2"]]]),
  jobIds: ["shared", "nightly-export", "adfv2-etl", "adfv2-ml", "backfill"],
  taskIdsByJob: new Map([["adfv2-etl", ["11111111-2222-3333-4444-555555555555", "task-7"]]]),
};

test("GUIDs look like activity run ids; other ids do not", () => {
  assert.equal(looksLikeActivityRunId(runId), true);
  assert.equal(looksLikeActivityRunId(runId.toUpperCase()), true);
  assert.equal(looksLikeActivityRunId("task-7"), false);
  assert.equal(looksLikeActivityRunId(`${runId}x`), false);
});

test("an id in memory is found as the pool, node, job or task it is", () => {
  assert.deepEqual(findById("ml", scope), {
    kind: "found",
    target: { kind: "pool", poolId: "ml" },
    alternatives: [],
  });
  assert.deepEqual(findById("tvmps_b2", scope), {
    kind: "found",
    target: { kind: "node", poolId: "etl", nodeId: "tvmps_b2" },
    alternatives: [],
  });
  assert.deepEqual(findById("backfill", scope), {
    kind: "found",
    target: { kind: "job", jobId: "backfill" },
    alternatives: [],
  });
  assert.deepEqual(findById("task-7", scope), {
    kind: "found",
    target: { kind: "task", jobId: "adfv2-etl", taskId: "task-7" },
    alternatives: [],
  });
});

test("a loaded activity run id lands on its task, whatever its case and surrounding spaces", () => {
  assert.deepEqual(findById("  11111111-2222-3333-4444-555555555555\n", scope), {
    kind: "found",
    target: { kind: "task", jobId: "adfv2-etl", taskId: "11111111-2222-3333-4444-555555555555" },
    alternatives: [],
  });
  const upper = findById("11111111-2222-3333-4444-555555555555".toUpperCase(), scope);
  assert.equal(upper.kind, "found");
});

test("exact case ranks first; a shared id lists the other matches", () => {
  const shared = findById("shared", scope);
  assert.deepEqual(shared, {
    kind: "found",
    target: { kind: "pool", poolId: "shared" },
    alternatives: [{ kind: "job", jobId: "shared" }],
  });
  const caseScope: FindScope = { ...scope, poolIds: ["Report"], jobIds: ["report"], taskIdsByJob: new Map() };
  assert.deepEqual(findById("report", caseScope), {
    kind: "found",
    target: { kind: "job", jobId: "report" },
    alternatives: [{ kind: "pool", poolId: "Report" }],
  });
});

test("a GUID prefers the task, and the task of an adfv2 job, over other matches", () => {
  const clash: FindScope = {
    poolIds: [],
    nodeIdsByPool: new Map(),
    jobIds: [runId, "other", "adfv2-etl"],
    taskIdsByJob: new Map([
      ["other", [runId]],
      ["adfv2-etl", [runId]],
    ]),
  };
  assert.deepEqual(findById(runId, clash), {
    kind: "found",
    target: { kind: "task", jobId: "adfv2-etl", taskId: runId },
    alternatives: [
      { kind: "task", jobId: "other", taskId: runId },
      { kind: "job", jobId: runId },
    ],
  });
});

test("an unknown activity run id plans to ask the adfv2 jobs first, then the others", () => {
  assert.deepEqual(findById(runId, scope), {
    kind: "probe",
    id: runId,
    jobIds: ["adfv2-ml", "shared", "nightly-export", "backfill"],
    messageIfAbsent:
      `no pool, node, job or task has the id ${runId}; searched 3 pools, 2 nodes of 1 pool, 5 jobs, ` +
      "2 tasks of 1 job, and asked 4 more jobs for a task with that id",
  });
});

test("an unknown id that is not a GUID asks the other jobs before the adfv2 ones", () => {
  const result = findById("export-2024-06-01", scope);
  assert.equal(result.kind, "probe");
  assert.deepEqual(result.kind === "probe" && result.jobIds, [
    "shared",
    "nightly-export",
    "backfill",
    "adfv2-ml",
  ]);
});

test("with every job's tasks loaded, an unknown id is not found, saying what was searched", () => {
  const loaded: FindScope = {
    poolIds: ["etl"],
    nodeIdsByPool: new Map(),
    jobIds: ["adfv2-etl"],
    taskIdsByJob: new Map([["adfv2-etl", ["task-1"]]]),
  };
  assert.deepEqual(findById(runId, loaded), {
    kind: "not-found",
    message: `no pool, node, job or task has the id ${runId}; searched 1 pool, 0 nodes of 0 pools, 1 job, 1 task of 1 job`,
  });
  assert.deepEqual(findById("   ", loaded), {
    kind: "not-found",
    message: "no id to find; paste an activity run id, or a task, job, pool or node id",
  });
});
