import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createActionRunner, type ActionRunner } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal, type AuditJournal } from "../../../src/actions/auditJournal.js";
import {
  rebootPlan,
  rescalePlan,
  type ActionPlan,
  type Planned,
} from "../../../src/model/actions/actionPlan.js";
import { reactivatePlan } from "../../../src/model/actions/rerunPlans.js";
import { planOutcome, type SentPlan } from "../../../src/model/actions/planOutcome.js";
import { isTaskFailed } from "../../../src/model/tasks.js";
import { measure, startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// The actions of the dashboard end to end: plans built from what the reader shows, sent by the runner
// through batchtop's own writer to the demo account's incident morning (time frozen, so nothing moves
// but what the test sends), then read back as the next poll would. The healthy scenario has no failed
// task to run again; the incident scenario has failed tasks, steady pools and room to resize.

let account: SimAccount;
let journalDir: string;
let journalPath: string;
let runner: ActionRunner;
let journal: AuditJournal;
/** The first test's resize, followed to its end by a later one. */
let spotResize: SentPlan | undefined;
/** Every execute the tests made, sent or refused: each must leave one journal line. */
let attempts = 0;

async function execute(plan: ActionPlan): Promise<void> {
  attempts++;
  await runner.execute(plan);
}

before(async () => {
  account = await startSimAccount({ scenario: "incident", seed: 3, storage: false, readOnly: false });
  assert.ok(account.adapters.writer, "read-only off builds the writer");
  // The incident's spot pool scales by a formula; these resizes need it at fixed targets, as an
  // operator would set it with `az batch pool autoscale disable`.
  account.sim.world.disableAutoScale("etl-spot-d2");
  journalDir = await mkdtemp(join(tmpdir(), "batchtop-actions-"));
  journalPath = join(journalDir, "batchtop", "audit.jsonl");
  journal = createAuditJournal(journalPath, journalPath);
  runner = createActionRunner(account.adapters.writer, createAttemptLog(journal, "test"));
});
after(async () => {
  await account.sim.stop();
  await rm(journalDir, { recursive: true, force: true });
});

function planOf(planned: Planned): ActionPlan {
  assert.ok("plan" in planned, "problem" in planned ? planned.problem : "no plan");
  return planned.plan;
}

async function readPool(poolId: string) {
  const pool = (await account.adapters.reader.listPools()).find((candidate) => candidate.id === poolId);
  assert.ok(pool, poolId);
  return pool;
}

test("a resize planned from the pools pane is sent once and the next read shows the new targets", async () => {
  const { sim, adapters } = account;
  const pool = await readPool("etl-spot-d2");
  assert.equal(pool.allocationState, "steady");
  const plan = planOf(rescalePlan(pool, String(pool.targetDedicatedNodes), "6"));
  const sent: SentPlan = {
    plan,
    sentAt: Date.now(),
    ...(pool.allocationStateTransitionTime
      ? { poolSteadySince: pool.allocationStateTransitionTime.getTime() }
      : {}),
  };
  assert.deepEqual(planOutcome(sent, { pools: [pool] }), { kind: "waiting" }, "not shown before it is sent");

  const traffic = await measure(sim, () => execute(plan));
  assert.deepEqual(
    traffic.requests.map((entry) => [entry.method, entry.path, entry.status]),
    [["POST", "/pools/etl-spot-d2/resize", 202]],
    "one request, sent once",
  );

  const pools = await adapters.reader.listPools();
  const after = pools.find((candidate) => candidate.id === "etl-spot-d2");
  assert.equal(after?.targetDedicatedNodes, pool.targetDedicatedNodes);
  assert.equal(after?.targetSpotNodes, 6);
  assert.equal(after?.allocationState, "resizing");
  assert.equal(
    planOutcome(sent, { pools }).kind,
    "underway",
    "accepted, not done: the nodes are not there yet",
  );
  spotResize = sent;

  const [entry] = await journal.recent(1);
  assert.deepEqual(
    entry && { account: entry.account, action: entry.action, target: entry.target, outcome: entry.outcome },
    { account: "test", action: "rescale", target: "pool etl-spot-d2", outcome: "sent" },
  );
  assert.deepEqual(entry?.changes, [
    `dedicated nodes: ${pool.targetDedicatedNodes} → ${pool.targetDedicatedNodes}`,
    `spot nodes: ${pool.targetSpotNodes} → 6`,
    "nodes removed leave by requeue",
  ]);
});

test("a failed task is run again: it leaves completed, and the journal records it", async () => {
  const { adapters } = account;
  const jobId = "adfv2-etl-linux-d4";
  const failed = (await adapters.reader.listTasks(jobId)).find(
    (task) => task.state === "completed" && isTaskFailed(task),
  );
  assert.ok(failed, "the incident morning has a failed task");
  const plan = planOf(reactivatePlan(jobId, [failed]));
  assert.equal(plan.kind === "rerun" && plan.failureCode, "FailureExitCode");

  await execute(plan);
  const tasks = await adapters.reader.listTasks(jobId, { ids: [failed.id] });
  assert.equal(tasks.length, 1);
  assert.notEqual(tasks[0]?.state, "completed");
  assert.equal(planOutcome({ plan, sentAt: Date.now() }, { tasks }).kind, "done");

  const [entry] = await journal.recent(1);
  assert.equal(entry?.target, `task ${failed.id} of job ${jobId}`);
  assert.equal(entry?.outcome, "sent");
});

test("a task that exited 0 but could not upload its output is accepted for a rerun by the service", async () => {
  const { adapters } = account;
  const jobId = "adfv2-etl-win-d4";
  const uploadFailed = (await adapters.reader.listTasks(jobId)).find(
    (task) => task.state === "completed" && task.exitCode === 0 && isTaskFailed(task),
  );
  assert.ok(uploadFailed, "the incident morning has an export whose upload failed");
  await execute(planOf(reactivatePlan(jobId, [uploadFailed])));
  const [after] = await adapters.reader.listTasks(jobId, { ids: [uploadFailed.id] });
  assert.notEqual(after?.state, "completed");
});

test("a reboot of a busy node is sent with requeue and the node is seen rebooting", async () => {
  const { sim, adapters } = account;
  const nodes = await adapters.reader.listNodes("etl-win-d4");
  const busy = nodes.find((node) => node.state === "running" && node.runningTasksCount > 0);
  assert.ok(busy, "a Windows node is running a task");
  const plan = planOf(rebootPlan("etl-win-d4", [busy]));
  assert.equal(plan.kind === "reboot" && plan.runningTasks, busy.runningTasksCount);

  const sentAt = Date.now();
  const traffic = await measure(sim, () => execute(plan));
  assert.deepEqual(
    traffic.requests.map((entry) => [entry.method, entry.path, entry.status]),
    [["POST", `/pools/etl-win-d4/nodes/${busy.id}/reboot`, 202]],
  );
  const after = await adapters.reader.listNodes("etl-win-d4");
  assert.equal(after.find((node) => node.id === busy.id)?.state, "rebooting");
  assert.equal(planOutcome({ plan, sentAt }, { nodes: after }).kind, "done");
  assert.equal(
    after.find((node) => node.id === busy.id)?.runningTasksCount,
    0,
    "its tasks were requeued, not left running",
  );
});

test("a second resize planned from the same read is refused by the service with its 409, and journaled as failed", async () => {
  const pool = await readPool("etl-linux-d4");
  assert.equal(pool.allocationState, "steady");
  const first = planOf(rescalePlan(pool, String(pool.targetDedicatedNodes - 1), "0"));
  const second = planOf(rescalePlan(pool, String(pool.targetDedicatedNodes - 2), "0"));

  await execute(first);
  await assert.rejects(execute(second), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.message, "HTTP 409 PoolBeingResized: The specified pool is being resized");
    return true;
  });
  const [refused, sent] = await journal.recent(2);
  assert.equal(sent?.outcome, "sent");
  assert.equal(refused?.outcome, "failed");
  assert.equal(refused?.target, "pool etl-linux-d4");
  assert.equal(refused?.error, "HTTP 409 PoolBeingResized: The specified pool is being resized");

  const resizing = await readPool("etl-linux-d4");
  assert.equal(resizing.targetDedicatedNodes, pool.targetDedicatedNodes - 1, "the first resize stands");
  assert.deepEqual(rescalePlan(resizing, "1", "0"), {
    // Planned from a fresh read, the dialog refuses before anything is sent.
    problem: "etl-linux-d4 is resizing; Batch resizes only a steady pool",
  });
});

test("the journal on disk holds one line per attempt and no credential", async () => {
  const text = await readFile(journalPath, "utf8");
  const lines = text.trimEnd().split("\n");
  assert.ok(attempts > 0);
  assert.equal(lines.length, attempts);
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line) as unknown, line);
  assert.doesNotMatch(text, /bearer|authorization/i);
});

// These two let the world run: they come last, so the tests above see the incident morning as it was.

test("a resize is done once the pool is steady at its targets", async () => {
  const { sim, adapters } = account;
  assert.ok(spotResize, "the first test resized etl-spot-d2");
  const pool = await readPool("etl-spot-d2");
  assert.equal(planOutcome(spotResize, { pools: [pool] }).kind, "underway");
  sim.world.advance(10 * 60_000);
  assert.deepEqual(planOutcome(spotResize, { pools: await adapters.reader.listPools() }), {
    kind: "done",
    detail: `steady at dedicated ${pool.targetDedicatedNodes} of ${pool.targetDedicatedNodes}, spot 6 of 6`,
  });
});

test("a resize the core quota stops short is a failure in Batch's words, not done", async () => {
  const { sim, adapters } = account;
  const pool = await readPool("etl-win-d4");
  assert.equal(pool.allocationState, "steady");
  const to = pool.targetDedicatedNodes + 40;
  const plan = planOf(rescalePlan(pool, String(to), String(pool.targetSpotNodes)));
  const poolSteadySince = pool.allocationStateTransitionTime?.getTime();
  const sent = { plan, sentAt: Date.now(), ...(poolSteadySince !== undefined ? { poolSteadySince } : {}) };
  await execute(plan);
  sim.world.advance(60_000);
  const outcome = planOutcome(sent, { pools: await adapters.reader.listPools() });
  assert.equal(outcome.kind, "failed");
  assert.match(
    outcome.kind === "failed" ? outcome.reason : "",
    new RegExp(`^stopped at dedicated \\d+ of ${to}: AccountCoreQuotaReached: `),
  );
});
