import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { createActionRunner, JournalError } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal, type AuditEntry, type AuditJournal } from "../../../src/actions/auditJournal.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import type { BatchWriter } from "../../../src/azure/batchWriter.js";
import type { ActionPlan } from "../../../src/model/actions/actionPlan.js";

type Call = [method: keyof BatchWriter, ...args: unknown[]];

/** A writer that records what it was asked to send, and answers with `failure` when given one. */
function fakeWriter(failure?: unknown): BatchWriter & { calls: Call[] } {
  const calls: Call[] = [];
  const answer = async (call: Call) => {
    calls.push(call);
    if (failure !== undefined) throw failure;
  };
  return {
    calls,
    resizePool: (poolId, resize) => answer(["resizePool", poolId, resize]),
    stopPoolResize: (poolId) => answer(["stopPoolResize", poolId]),
    rebootNode: (poolId, nodeId, option) => answer(["rebootNode", poolId, nodeId, option]),
    disableNodeScheduling: (poolId, nodeId, option) =>
      answer(["disableNodeScheduling", poolId, nodeId, option]),
    enableNodeScheduling: (poolId, nodeId) => answer(["enableNodeScheduling", poolId, nodeId]),
    removeNodes: (poolId, nodeIds, option) => answer(["removeNodes", poolId, nodeIds, option]),
    reimageNode: (poolId, nodeId, option) => answer(["reimageNode", poolId, nodeId, option]),
    reactivateTask: (jobId, taskId) => answer(["reactivateTask", jobId, taskId]),
    terminateTask: (jobId, taskId) => answer(["terminateTask", jobId, taskId]),
    enableAutoScale: (poolId, formula) => answer(["enableAutoScale", poolId, formula]),
  };
}

function memoryJournal(): AuditJournal & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    shownAs: "~/.local/state/batchtop/audit.jsonl",
    append: async (entry) => {
      entries.push(entry);
    },
    recent: async (limit) => entries.slice(-limit).reverse(),
  };
}

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "batchtop-runner-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const rescale: ActionPlan = {
  kind: "rescale",
  poolId: "etl-linux-d4",
  from: { dedicated: 6, spot: 0 },
  to: { dedicated: 3, spot: 2 },
  deallocation: "requeue",
};
const reboot: ActionPlan = { kind: "reboot", poolId: "etl-linux-d4", nodeIds: ["tvm-1"], runningTasks: 2 };
const rerun: ActionPlan = {
  kind: "rerun",
  jobId: "adfv2-etl",
  taskIds: ["t1"],
  failureCode: "FailureExitCode",
};

const beingResized = () =>
  new AzureRequestError(
    "The specified pool is being resized",
    409,
    "PoolBeingResized",
    undefined,
    "5b4c2a8e-0000-4000-8000-000000000001",
  );

test("a resize is sent once, requeueing tasks of removed nodes, then journaled as sent with its changes", async () => {
  const writer = fakeWriter();
  const journal = memoryJournal();
  let journaledBeforeSending: number | undefined;
  const resizePool = writer.resizePool;
  writer.resizePool = (...args) => {
    journaledBeforeSending = journal.entries.length;
    return resizePool(...args);
  };
  await createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(rescale);

  assert.deepEqual(writer.calls, [
    [
      "resizePool",
      "etl-linux-d4",
      { targetDedicatedNodes: 3, targetSpotNodes: 2, nodeDeallocationOption: "requeue" },
    ],
  ]);
  assert.equal(journaledBeforeSending, 0, "nothing is journaled as sent before the service answers");
  assert.equal(journal.entries.length, 1);
  const [entry] = journal.entries;
  assert.ok(entry);
  const { time, ...rest } = entry;
  assert.deepEqual(rest, {
    account: "contoso-batch",
    action: "rescale",
    target: "pool etl-linux-d4",
    changes: ["dedicated nodes: 6 → 3", "spot nodes: 0 → 2", "nodes removed leave by requeue"],
    outcome: "sent",
  });
  assert.equal(new Date(time).toISOString(), time, "the time is ISO 8601");
});

test("a reboot is sent once with requeue, so the node's running tasks run again elsewhere", async () => {
  const writer = fakeWriter();
  const journal = memoryJournal();
  await createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(reboot);
  assert.deepEqual(writer.calls, [["rebootNode", "etl-linux-d4", "tvm-1", "requeue"]]);
  assert.deepEqual(
    journal.entries.map(({ action, target, outcome, changes }) => ({ action, target, outcome, changes })),
    [
      {
        action: "reboot",
        target: "node tvm-1 of pool etl-linux-d4",
        outcome: "sent",
        changes: ["node tvm-1 of pool etl-linux-d4 restarts"],
      },
    ],
  );
});

test("a reboot of marked nodes sends one request per node and journals every node", async () => {
  const writer = fakeWriter();
  const journal = memoryJournal();
  const plan: ActionPlan = { kind: "reboot", poolId: "p", nodeIds: ["tvm-1", "tvm-2"], runningTasks: 1 };
  await createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(plan);
  assert.deepEqual(writer.calls, [
    ["rebootNode", "p", "tvm-1", "requeue"],
    ["rebootNode", "p", "tvm-2", "requeue"],
  ]);
  assert.deepEqual(
    journal.entries.map(({ target, outcome, changes }) => ({ target, outcome, changes })),
    [
      {
        target: "nodes tvm-1, tvm-2 of pool p",
        outcome: "sent",
        changes: ["nodes: tvm-1, tvm-2", "each restarts, one request per node"],
      },
    ],
  );
});

test("a terminate is sent once and journaled with why the task may go", async () => {
  const writer = fakeWriter();
  const journal = memoryJournal();
  const plan: ActionPlan = {
    kind: "terminate-task",
    jobId: "adfv2-etl",
    taskId: "t1",
    reason: { kind: "no-pipeline" },
  };
  await createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(plan);
  assert.deepEqual(writer.calls, [["terminateTask", "adfv2-etl", "t1"]]);
  assert.deepEqual(
    journal.entries.map(({ action, target, outcome }) => ({ action, target, outcome })),
    [{ action: "terminate-task", target: "task t1 of job adfv2-etl", outcome: "sent" }],
  );
});

test("a rerun reactivates the task, once, and is journaled", async () => {
  const writer = fakeWriter();
  const journal = memoryJournal();
  await createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(rerun);
  assert.deepEqual(writer.calls, [["reactivateTask", "adfv2-etl", "t1"]]);
  assert.deepEqual(
    journal.entries.map(({ action, target, outcome }) => ({ action, target, outcome })),
    [{ action: "rerun", target: "task t1 of job adfv2-etl", outcome: "sent" }],
  );
  assert.match(journal.entries[0]?.changes[0] ?? "", /\(failed: FailureExitCode\)/);
});

test("a refusal reaches the operator in the service's words, sent once and journaled as failed", async () => {
  const refusal = beingResized();
  const writer = fakeWriter(refusal);
  const journal = memoryJournal();
  await assert.rejects(
    createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(rescale),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(!(error instanceof JournalError), "a refusal is not a journal problem");
      assert.equal(error.message, "HTTP 409 PoolBeingResized: The specified pool is being resized");
      assert.equal(error.cause, refusal);
      return true;
    },
  );
  assert.equal(writer.calls.length, 1, "not retried");
  assert.equal(journal.entries.length, 1);
  assert.equal(journal.entries[0]?.outcome, "failed");
  assert.equal(journal.entries[0]?.error, "HTTP 409 PoolBeingResized: The specified pool is being resized");
  assert.deepEqual(journal.entries[0]?.changes, [
    "dedicated nodes: 6 → 3",
    "spot nodes: 0 → 2",
    "nodes removed leave by requeue",
  ]);
});

test("a failure that is not the service's (the network) is journaled and told with its own message", async () => {
  const writer = fakeWriter(new Error("connect ECONNREFUSED 10.0.0.4:443"));
  const journal = memoryJournal();
  await assert.rejects(
    createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(reboot),
    {
      message: "connect ECONNREFUSED 10.0.0.4:443",
    },
  );
  assert.deepEqual(
    journal.entries.map(({ outcome, error }) => ({ outcome, error })),
    [{ outcome: "failed", error: "connect ECONNREFUSED 10.0.0.4:443" }],
  );
});

test("when the change went out but the journal cannot be written, the error says it was sent", async (t) => {
  const dir = await tempDir(t);
  // A file where the journal's directory should be: the append cannot create it.
  await writeFile(join(dir, "batchtop"), "not a directory");
  const journal = createAuditJournal(join(dir, "batchtop", "audit.jsonl"), "~/state/batchtop/audit.jsonl");
  const writer = fakeWriter();
  await assert.rejects(
    createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute(rescale),
    (error: unknown) => {
      assert.ok(error instanceof JournalError);
      assert.match(error.message, /^sent, but not written to ~\/state\/batchtop\/audit\.jsonl: /);
      assert.match(error.message, /EEXIST|ENOTDIR/, "with the reason the file system gave");
      return true;
    },
  );
  assert.equal(writer.calls.length, 1, "sent once, and not sent again because the journal failed");
});

test("no journal line carries a token or credential, even when the refused request did", async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, "batchtop", "audit.jsonl");
  const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret.signature";
  const refusal = Object.assign(beingResized(), {
    request: { headers: { authorization: `Bearer ${token}` } },
  });
  const journal = createAuditJournal(path, path);
  await createActionRunner(fakeWriter(), createAttemptLog(journal, "contoso-batch")).execute(reboot);
  await assert.rejects(
    createActionRunner(fakeWriter(refusal), createAttemptLog(journal, "contoso-batch")).execute(rescale),
  );
  await assert.rejects(
    createActionRunner(fakeWriter(new Error("refused")), createAttemptLog(journal, "contoso-batch")).execute(
      rerun,
    ),
  );

  const text = await readFile(path, "utf8");
  assert.equal(text.trimEnd().split("\n").length, 3, "every attempt is journaled");
  assert.doesNotMatch(text, /bearer/i);
  assert.ok(!text.includes(token));
  assert.doesNotMatch(text, /authorization|secret/i);
});

test("a refusal that cannot be journaled still reaches the operator in the service's words", async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, "batchtop"), "not a directory");
  const journal = createAuditJournal(join(dir, "batchtop", "audit.jsonl"), "~/state/batchtop/audit.jsonl");
  await assert.rejects(
    createActionRunner(fakeWriter(beingResized()), createAttemptLog(journal, "contoso-batch")).execute(
      rescale,
    ),
    {
      message:
        /^HTTP 409 PoolBeingResized: The specified pool is being resized \(and not written to ~\/state\/batchtop\/audit\.jsonl: /,
    },
  );
});

test("node actions send one removeNodes for all nodes, and one request per node otherwise", async () => {
  const writer = fakeWriter();
  const runner = createActionRunner(writer, createAttemptLog(memoryJournal(), "contoso-batch"));
  const nodeIds = ["tvm-1", "tvm-2"];
  await runner.execute({
    kind: "remove-nodes",
    poolId: "p",
    nodeIds,
    option: "taskcompletion",
    runningTasks: 0,
  });
  await runner.execute({
    kind: "disable-scheduling",
    poolId: "p",
    nodeIds,
    option: "terminate",
    runningTasks: 0,
  });
  await runner.execute({ kind: "enable-scheduling", poolId: "p", nodeIds: ["tvm-1"] });
  await runner.execute({
    kind: "reimage",
    poolId: "p",
    nodeIds: ["tvm-2"],
    option: "requeue",
    runningTasks: 0,
  });
  await runner.execute({
    kind: "stop-resize",
    poolId: "p",
    current: { dedicated: 1, spot: 0 },
    target: { dedicated: 4, spot: 0 },
  });
  await runner.execute({
    ...rescale,
    kind: "rescale",
    deallocation: "retaineddata",
    resizeTimeoutMinutes: 30,
  } as ActionPlan);
  assert.deepEqual(writer.calls, [
    ["removeNodes", "p", nodeIds, "taskcompletion"],
    ["disableNodeScheduling", "p", "tvm-1", "terminate"],
    ["disableNodeScheduling", "p", "tvm-2", "terminate"],
    ["enableNodeScheduling", "p", "tvm-1"],
    ["reimageNode", "p", "tvm-2", "requeue"],
    ["stopPoolResize", "p"],
    [
      "resizePool",
      "etl-linux-d4",
      {
        targetDedicatedNodes: 3,
        targetSpotNodes: 2,
        nodeDeallocationOption: "retaineddata",
        resizeTimeoutMinutes: 30,
      },
    ],
  ]);
});

test("a refusal part-way through marked nodes says which nodes it reached and which it did not", async () => {
  const writer = fakeWriter();
  const disable = writer.disableNodeScheduling;
  writer.disableNodeScheduling = (poolId, nodeId, option) =>
    nodeId === "b"
      ? Promise.reject(new Error("409 NodeAlreadyInTargetSchedulingState"))
      : disable(poolId, nodeId, option);
  const journal = memoryJournal();
  await assert.rejects(
    createActionRunner(writer, createAttemptLog(journal, "contoso-batch")).execute({
      kind: "disable-scheduling",
      poolId: "p",
      nodeIds: ["a", "b", "c"],
      option: "requeue",
      runningTasks: 0,
    }),
    { message: "b: 409 NodeAlreadyInTargetSchedulingState (sent to a; not sent to c)" },
  );
  assert.equal(journal.entries[0]?.target, "nodes a, b, c of pool p");
  assert.equal(journal.entries[0]?.outcome, "failed");
});
