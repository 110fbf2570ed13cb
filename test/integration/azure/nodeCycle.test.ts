import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal } from "../../../src/actions/auditJournal.js";
import {
  createCycleTracker,
  type CycleNotice,
  type CycleTracker,
} from "../../../src/actions/cycleTracker.js";
import { runCycle, type CyclePorts } from "../../../src/actions/nodeCycle.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";
import { demoClients, identityResourceId, type DemoClients } from "../../helpers/demoClients.js";

// The node cycle against the demo account's `identity` scenario through the real SDKs: attaching
// the node identity reference to a pool heals nothing until its nodes are cycled, because a node
// keeps the identities its VM was created with. The account's clock is frozen; the cycle's wait
// between two reads moves it on by 30 simulated seconds, so nothing waits real minutes.

const MINUTE = 60_000;
const STEP = 30_000;
const account = "demo-account https://demo";

let sim: SimAccount;
let clients: DemoClients;
let ports: CyclePorts;
let directory: string;
let journalPath: string;

before(async () => {
  sim = await startManagedSimAccount({ scenario: "identity", seed: 4, readOnly: false });
  clients = demoClients(sim.sim);
  const { reader, writer, poolManagement, poolManager } = sim.adapters;
  assert.ok(writer && poolManagement && poolManager);
  ports = { reader, writer, management: poolManagement, manager: poolManager };
  directory = await mkdtemp(join(tmpdir(), "batchtop-cycle-"));
  journalPath = join(directory, "audit.jsonl");
});
after(async () => {
  sim.sim.stop();
  await rm(directory, { recursive: true, force: true });
});

const attemptLog = () => createAttemptLog(createAuditJournal(journalPath, "audit.jsonl"), account);
const advance = async () => {
  sim.sim.world.advance(STEP);
};

function tracker(withPorts: CyclePorts = ports): CycleTracker {
  return createCycleTracker({ ports: withPorts, attempts: attemptLog(), account, wait: advance });
}

function nextNotice(cycles: CycleTracker): Promise<CycleNotice> {
  return new Promise((resolve) => {
    const stop = cycles.onNotice((notice) => {
      stop();
      resolve(notice);
    });
  });
}

/** The full identity set with the node identity reference added, through ARM as the `I` dialog sends it. */
async function attachReferenceIdentity(poolId: string): Promise<void> {
  const pool = await clients.arm.poolOperations.get(clients.resourceGroup, clients.accountName, poolId);
  const full = [
    ...Object.keys(pool.identity?.userAssignedIdentities ?? {}),
    identityResourceId(sim.sim, "id-batchtop-nodes"),
  ];
  await clients.arm.poolOperations.update(clients.resourceGroup, clients.accountName, poolId, {
    identity: {
      type: "UserAssigned",
      userAssignedIdentities: Object.fromEntries(full.map((id) => [id, {}])),
    },
  });
}

async function nodeStates(poolId: string): Promise<string[]> {
  return (await sim.adapters.reader.listNodes(poolId)).map((node) =>
    node.errors.length > 0 ? `${node.state}:${node.errors[0]?.code}` : node.state,
  );
}

/** Failure codes ("success" for none) of the pool's tasks that completed after `since`. */
async function outcomesSince(poolId: string, since: Date): Promise<string[]> {
  const tasks = await clients.batch.task.list(`adfv2-${poolId}`, {
    taskListOptions: { filter: "state eq 'completed'" },
  });
  const codes = tasks
    .filter((task) => (task.stateTransitionTime?.getTime() ?? 0) > since.getTime())
    .map((task) => task.executionInfo?.failureInfo?.code ?? String(task.executionInfo?.result));
  return [...new Set(codes)];
}

/** Moves the clock a minute at a time until every node of the pool is up, idle or running. */
async function startedWithin(poolId: string, minutes: number): Promise<void> {
  for (let minute = 0; ; minute++) {
    const states = await nodeStates(poolId);
    if (states.length > 0 && states.every((state) => state === "idle" || state === "running")) return;
    assert.ok(minute < minutes, `${poolId} not started within ${minutes} minutes: ${states.join()}`);
    sim.sim.world.advance(MINUTE);
  }
}

async function journalSteps(poolId: string): Promise<string[]> {
  const lines = (await readFile(journalPath, "utf8")).trim().split("\n");
  return lines
    .map(
      (line) => JSON.parse(line) as { outcome: string; cycle?: { step: string; plan: { poolId: string } } },
    )
    .filter((entry) => entry.cycle?.plan.poolId === poolId)
    .map((entry) => `${entry.cycle?.step} ${entry.outcome}`);
}

test("attaching the identity without cycling changes nothing for the existing nodes", async () => {
  const pool = "identity-4-not-on-pool";
  const before = await nodeStates(pool);
  assert.ok(before.includes("unusable:ApplicationPackageError"));
  await attachReferenceIdentity(pool);
  const since = sim.sim.world.now();
  sim.sim.world.advance(15 * MINUTE);
  assert.deepEqual(await nodeStates(pool), before);
  assert.deepEqual(await outcomesSince(pool, since), ["ResourceContainerListMiscError"]);
});

test("cycling through ARM leaves idle nodes and succeeding tasks, every step in the journal", async () => {
  const pool = "identity-4-not-on-pool";
  const planned = await tracker().prepare(pool);
  assert.ok("plan" in planned, "problem" in planned ? planned.problem : "");
  const { plan } = planned;
  assert.equal(plan.route, "arm");
  assert.deepEqual(plan.targets, { dedicated: 4, spot: 0 });
  assert.equal(plan.deallocation, "requeue");
  const simStart = sim.sim.world.now().getTime();
  const wallStart = performance.now();
  const progress: string[] = [];
  const result = await runCycle(plan, {
    ports,
    attempts: attemptLog(),
    wait: advance,
    onProgress: (phase, text) => progress.push(`${phase}: ${text}`),
  });
  const simMinutes = (sim.sim.world.now().getTime() - simStart) / MINUTE;
  const wallMs = performance.now() - wallStart;
  assert.equal(result.detail, "steady at 4 of 4");
  // Steady means the VMs are allocated; the nodes then boot with the pool's identities as they are now.
  await startedWithin(pool, 10);
  const bootedMinutes = (sim.sim.world.now().getTime() - simStart) / MINUTE;
  console.log(
    `# cycle of ${pool}: steady after ${simMinutes} simulated minutes (${Math.round(wallMs)} ms wall), nodes idle after ${bootedMinutes}`,
  );
  assert.ok(progress.some((line) => line.startsWith("down: to 0")));
  assert.ok(progress.includes("up: 0 of 4"));
  assert.deepEqual(await journalSteps(pool), ["down sent", "down-settled done", "up sent", "settled done"]);
  await startedWithin(pool, 10);
  const since = sim.sim.world.now();
  sim.sim.world.advance(15 * MINUTE);
  assert.deepEqual(await outcomesSince(pool, since), ["success"]);
  assert.deepEqual(await tracker().loadUnfinished(), [], "a finished cycle is not offered again");
});

test("a cycle cut short is found by the next start, shown on its pool and finished without scaling down again", async () => {
  const pool = "identity-3-not-referenced";
  await attachReferenceIdentity(pool);
  const first = tracker();
  const planned = await first.prepare(pool);
  assert.ok("plan" in planned);
  // batchtop stops while the pool is on its way to 0: the first progress report quits it.
  const controller = new AbortController();
  await assert.rejects(
    runCycle(planned.plan, {
      ports,
      attempts: attemptLog(),
      signal: controller.signal,
      wait: advance,
      onProgress: () => controller.abort(new Error("quit")),
    }),
  );
  assert.deepEqual(await journalSteps(pool), ["down sent"]);
  // Time passes while batchtop is not running: the pool reaches 0.
  sim.sim.world.advance(10 * MINUTE);
  assert.deepEqual(await nodeStates(pool), []);

  const next = tracker();
  const found = await next.loadUnfinished();
  assert.deepEqual(
    found.map((cycle) => [cycle.plan.poolId, cycle.step, cycle.outcome, cycle.downSettled, cycle.upSent]),
    [[pool, "down", "sent", false, false]],
  );
  assert.equal(next.getSnapshot().get(pool)?.kind, "unfinished");
  assert.match(next.conflict(pool) ?? "", /unfinished cycle/);
  const ended = nextNotice(next);
  next.finish(pool);
  assert.equal(next.getSnapshot().get(pool)?.kind, "running");
  assert.match(next.conflict(pool) ?? "", /being cycled/);
  const notice = await ended;
  assert.equal(notice.kind, "info", notice.text);
  assert.equal(notice.text, `cycle of ${pool} done: steady at 4 of 4`);
  assert.equal(next.getSnapshot().get(pool), undefined);
  assert.deepEqual(await journalSteps(pool), ["down sent", "down-settled done", "up sent", "settled done"]);
  await startedWithin(pool, 10);
  const since = sim.sim.world.now();
  sim.sim.world.advance(15 * MINUTE);
  assert.deepEqual(await outcomesSince(pool, since), ["success"]);
});

test("without ARM write access the cycle goes through the data plane's resize", async () => {
  const pool = "identity-1-ok";
  const dataPlane = tracker({ reader: ports.reader, ...(ports.writer ? { writer: ports.writer } : {}) });
  const planned = await dataPlane.prepare(pool, "taskcompletion");
  assert.ok("plan" in planned);
  assert.equal(planned.plan.route, "data-plane");
  assert.equal(planned.plan.deallocation, "taskcompletion");
  const mark = sim.sim.requestLog.mark();
  const ended = nextNotice(dataPlane);
  dataPlane.start(planned.plan);
  const notice = await ended;
  assert.equal(notice.text, `cycle of ${pool} done: steady at 2 of 2`);
  const sent = sim.sim.requestLog
    .since(mark)
    .filter((entry) => entry.method !== "GET")
    .map((entry) => `${entry.method} ${entry.path}`);
  assert.deepEqual(sent, [`POST /pools/${pool}/resize`, `POST /pools/${pool}/resize`]);
});
