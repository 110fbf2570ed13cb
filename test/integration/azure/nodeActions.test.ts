import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createActionRunner, type ActionRunner } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import type { AuditEntry, AuditJournal } from "../../../src/actions/auditJournal.js";
import { stopResizePlan, type ActionPlan, type Planned } from "../../../src/model/actions/actionPlan.js";
import { nodePlan } from "../../../src/model/actions/nodePlans.js";
import { planOutcome } from "../../../src/model/actions/planOutcome.js";
import { measure, startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// The incident's pool and node actions end to end: plans built from what batchtop's reader shows,
// sent by the runner through its own writer (the real @azure/batch client) to the demo account's
// incident morning, then followed as the polls would, the world stepped by the test.

let account: SimAccount;
let runner: ActionRunner;
const journal: AuditEntry[] = [];

before(async () => {
  account = await startSimAccount({ scenario: "incident", seed: 3, storage: false, readOnly: false });
  assert.ok(account.adapters.writer, "read-only off builds the writer");
  const memory: AuditJournal = {
    shownAs: "audit.jsonl",
    append: async (entry) => {
      journal.push(entry);
    },
    recent: async (limit) => [...journal].reverse().slice(0, limit),
  };
  runner = createActionRunner(account.adapters.writer, createAttemptLog(memory, "test"));
});
after(() => account.sim.stop());

function planOf(planned: Planned): ActionPlan {
  assert.ok("plan" in planned, "problem" in planned ? planned.problem : "no plan");
  return planned.plan;
}

async function readPool(poolId: string) {
  const pool = (await account.adapters.reader.listPools()).find((candidate) => candidate.id === poolId);
  assert.ok(pool, poolId);
  return pool;
}

test("a resize stuck on the core quota is stopped: the pool settles where it stands", async () => {
  const { sim, adapters } = account;
  const pool = await readPool("etl-highmem-e8");
  assert.equal(pool.allocationState, "resizing", "the incident's stuck resize");
  const plan = planOf(stopResizePlan(pool));
  const sent = { plan, sentAt: Date.now(), poolSteadySince: pool.allocationStateTransitionTime!.getTime() };
  const traffic = await measure(sim, () => runner.execute(plan));
  assert.deepEqual(
    traffic.requests.map((entry) => [entry.method, entry.path, entry.status]),
    [["POST", "/pools/etl-highmem-e8/stopresize", 202]],
  );
  assert.equal(planOutcome(sent, { pools: await adapters.reader.listPools() }).kind, "underway");
  sim.world.advance(60_000);
  const stopped = await readPool("etl-highmem-e8");
  assert.equal(stopped.allocationState, "steady");
  assert.equal(stopped.currentDedicatedNodes, pool.currentDedicatedNodes);
  assert.ok(stopped.resizeErrors.some((error) => error.code === "ResizeStopped"));
  assert.deepEqual(planOutcome(sent, { pools: [stopped] }), {
    kind: "done",
    detail: `steady at dedicated ${pool.currentDedicatedNodes} of ${pool.targetDedicatedNodes}`,
  });
  // Planned again from the fresh read, it is refused before sending; sent anyway, Batch refuses it.
  assert.deepEqual(stopResizePlan(stopped), {
    problem: "etl-highmem-e8 is steady, not resizing: there is no resize to stop",
  });
  await assert.rejects(runner.execute(plan), {
    message: "HTTP 409 PoolNotResizing: The specified pool is not resizing",
  });
});

test("scheduling disabled on a node keeps new tasks off it, while the pool's other nodes take them", async () => {
  const { sim, adapters } = account;
  const pool = await readPool("etl-spot-d2");
  const idle = (await adapters.reader.listNodes("etl-spot-d2")).filter((node) => node.state === "idle");
  const [off] = idle;
  assert.ok(off && idle.length > 1, "the spot pool has idle nodes");
  const disabledAt = sim.world.now().getTime();
  await runner.execute(planOf(nodePlan("disable-scheduling", pool, [off])));
  const nodes = await adapters.reader.listNodes("etl-spot-d2");
  const seen = nodes.find((node) => node.id === off.id);
  assert.equal(seen?.schedulingState, "disabled");
  assert.equal(seen?.state, "offline");
  assert.equal(
    planOutcome(
      { plan: planOf(nodePlan("disable-scheduling", pool, [off])), sentAt: Date.now() },
      { nodes, nodesPoolId: "etl-spot-d2" },
    ).kind,
    "done",
  );

  sim.world.advance(2 * 60 * 60_000);
  const started = (await adapters.reader.listTasks("adfv2-etl-spot-d2")).filter(
    (task) => (task.startTime?.getTime() ?? 0) > disabledAt,
  );
  assert.ok(started.length > 0, "new tasks ran meanwhile");
  assert.deepEqual(
    started.filter((task) => task.nodeId === off.id).map((task) => task.id),
    [],
    "none of them on the node whose scheduling is off",
  );
  const still = (await adapters.reader.listNodes("etl-spot-d2")).find((node) => node.id === off.id);
  assert.equal(still?.state, "offline");
  assert.equal(still?.runningTasksCount, 0);
});

test("removeNodes with requeue sends one request for the nodes, requeues their running tasks, and they leave", async () => {
  const { sim, adapters } = account;
  const pool = await readPool("etl-linux-d4");
  assert.equal(pool.allocationState, "steady");
  const busy = (await adapters.reader.listNodes("etl-linux-d4")).filter((node) => node.runningTasksCount > 0);
  const leaving = busy.slice(0, 2);
  assert.equal(leaving.length, 2, "two busy nodes to remove");
  const ids = leaving.map((node) => node.id);
  const running = (await adapters.reader.listTasks("adfv2-etl-linux-d4")).filter(
    (task) => task.state === "running" && task.nodeId !== undefined && ids.includes(task.nodeId),
  );
  assert.ok(running.length >= 2, "their tasks are running");
  const plan = planOf(nodePlan("remove-nodes", pool, leaving));
  assert.equal(plan.kind === "remove-nodes" && plan.option, "requeue");
  const sentAt = Date.now();
  const traffic = await measure(sim, () => runner.execute(plan));
  assert.deepEqual(
    traffic.requests.map((entry) => [entry.method, entry.path, entry.status]),
    [["POST", "/pools/etl-linux-d4/removenodes", 202]],
    "one request for both nodes",
  );
  const requeued = await adapters.reader.listTasks("adfv2-etl-linux-d4", {
    ids: running.map((task) => task.id),
  });
  for (const task of requeued) {
    const before = running.find((candidate) => candidate.id === task.id);
    assert.equal(task.requeueCount, (before?.requeueCount ?? 0) + 1, `${task.id} was requeued`);
    assert.notEqual(task.state, "completed");
  }
  const resizing = await readPool("etl-linux-d4");
  assert.equal(resizing.allocationState, "resizing");
  assert.equal(resizing.targetDedicatedNodes, pool.targetDedicatedNodes - 2);

  sim.world.advance(2 * 60_000);
  const nodes = await adapters.reader.listNodes("etl-linux-d4");
  assert.deepEqual(
    nodes.filter((node) => ids.includes(node.id)),
    [],
    "both nodes have left",
  );
  assert.deepEqual(planOutcome({ plan, sentAt }, { nodes, nodesPoolId: "etl-linux-d4" }), {
    kind: "done",
    detail: "2 nodes have left the pool",
  });
  assert.equal((await readPool("etl-linux-d4")).currentDedicatedNodes, pool.currentDedicatedNodes - 2);
  assert.deepEqual(
    journal.map((entry) => [entry.action, entry.outcome]),
    [
      ["stop-resize", "sent"],
      ["stop-resize", "failed"],
      ["disable-scheduling", "sent"],
      ["remove-nodes", "sent"],
    ],
  );
});
