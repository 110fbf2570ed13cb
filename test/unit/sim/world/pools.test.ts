import { test } from "node:test";
import assert from "node:assert/strict";
import type { BatchEventRecord } from "../../../../src/sim/world/history.js";
import { MINUTE_MS, SECOND_MS } from "../../../../src/sim/world/time.js";
import type { World } from "../../../../src/sim/world/world.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "./worldFixture.js";

function linuxPool(id: string, dedicatedNodes: number, extra: object = {}) {
  return {
    id,
    vmSize: "standard_d4s_v3",
    os: "linux" as const,
    dedicatedNodes,
    taskSlotsPerNode: 2,
    ...extra,
  };
}

function poolEvents(world: World): BatchEventRecord[] {
  return world
    .history()
    .filter(
      (record): record is BatchEventRecord =>
        record.kind === "batchEvent" && record.operationName.startsWith("Pool"),
    );
}

test("a new node goes creating → starting → waitingforstarttask → idle, with its times and start task info", () => {
  const world = testWorld((builder) => builder.addPool(linuxPool("grow", 0)));
  world.resizePool("grow", { targetDedicatedNodes: 1 });
  const states: string[] = [];
  let nodeId = "";
  advanceUntil(world, () => {
    const node = world.listNodes("grow")[0];
    if (node && states.at(-1) !== node.state) states.push(node.state);
    nodeId = node?.id ?? "";
    return node?.state === "idle";
  });
  assert.deepEqual(states, ["creating", "starting", "waitingforstarttask", "idle"]);
  assert.match(nodeId, /^tvmps_[0-9a-f]{64}_d$/);
  const node = world.getNode("grow", nodeId)!;
  assert.equal(node.stateTransitionTime, world.now().toISOString());
  assert.ok(node.lastBootTime && node.allocationTime < node.lastBootTime);
  assert.match(node.ipAddress, /^10\.\d+\.\d+\.\d+$/);
  assert.equal(node.affinityId, `TVM:${nodeId}`);
  assert.equal(node.startTaskInfo?.state, "completed");
  assert.equal(node.startTaskInfo?.result, "success");
  assert.equal(node.startTaskInfo?.exitCode, 0);
});

test("a resize goes steady → resizing → steady at the target, one batch of nodes at a time, with events", () => {
  const world = testWorld((builder) => builder.addPool(linuxPool("grow", 2, { lowPriorityNodes: 1 })));
  const before = world.getPool("grow")!.eTag;
  world.resizePool("grow", { targetDedicatedNodes: 10, targetLowPriorityNodes: 3 });
  const pool = world.getPool("grow")!;
  assert.equal(pool.allocationState, "resizing");
  assert.notEqual(pool.eTag, before);
  assert.equal(pool.allocationStateTransitionTime, world.now().toISOString());
  world.advance(SECOND_MS);
  assert.ok(pool.currentDedicatedNodes > 2 && pool.currentDedicatedNodes < 10, "nodes arrive in batches");
  advanceUntil(world, () => pool.allocationState === "steady");
  assert.equal(pool.currentDedicatedNodes, 10);
  assert.equal(pool.currentLowPriorityNodes, 3);
  assert.equal(pool.resizeErrors, undefined);
  assert.equal(
    world
      .listNodes("grow")
      .filter((node) => !node.isDedicated)
      .every((node) => node.id.endsWith("_p")),
    true,
  );
  const [start, complete] = poolEvents(world);
  assert.equal(start?.operationName, "PoolResizeStartEvent");
  assert.equal(complete?.operationName, "PoolResizeCompleteEvent");
  assert.deepEqual(
    complete?.operationName === "PoolResizeCompleteEvent" && [
      complete.body.resultCode,
      complete.body.currentDedicatedNodes,
      complete.body.nodeDeallocationOption,
    ],
    ["Success", 10, "invalid"],
  );
});

test("the core quota stops a resize short of target: steady with AccountCoreQuotaReached", () => {
  const world = testWorld((builder) => {
    builder.addPool(linuxPool("grow", 2));
    builder.setCoreQuotas({ dedicated: 20, lowPriority: 100 });
  });
  world.resizePool("grow", { targetDedicatedNodes: 8 });
  advanceUntil(world, () => world.getPool("grow")!.allocationState === "steady", MINUTE_MS);
  const pool = world.getPool("grow")!;
  assert.equal(pool.currentDedicatedNodes, 5, "20 cores hold five 4-core nodes");
  assert.equal(pool.targetDedicatedNodes, 8);
  assert.equal(pool.resizeErrors?.[0]?.code, "AccountCoreQuotaReached");
  assert.equal(pool.resizeErrors[0].message, "The specified account has reached VM core quota");
  assert.ok(pool.resizeErrors[0].values?.length);
  const complete = poolEvents(world).at(-1);
  assert.equal(
    complete?.operationName === "PoolResizeCompleteEvent" && complete.body.resultCode,
    "AccountCoreQuotaReached",
  );
});

test("a stalling pool stays resizing against the quota until its resize timeout, then reports the quota error", () => {
  const world = testWorld((builder) => {
    builder.addPool(linuxPool("stuck", 2, { resizeTimeout: "PT10M", behaviour: { stallOnQuota: true } }));
    builder.setCoreQuotas({ dedicated: 8, lowPriority: 100 });
  });
  world.resizePool("stuck", { targetDedicatedNodes: 6 });
  world.advance(9 * MINUTE_MS);
  assert.equal(world.getPool("stuck")!.allocationState, "resizing");
  assert.equal(world.getPool("stuck")!.resizeErrors, undefined, "errors show only once the pool is steady");
  world.advance(2 * MINUTE_MS);
  assert.equal(world.getPool("stuck")!.allocationState, "steady");
  assert.equal(world.getPool("stuck")!.resizeErrors?.[0]?.code, "AccountCoreQuotaReached");
});

test("without capacity in the region a resize ends at its timeout with AllocationTimedout", () => {
  const world = testWorld((builder) =>
    builder.addPool(linuxPool("short", 1, { behaviour: { regionCapacity: 3 } })),
  );
  world.resizePool("short", { targetDedicatedNodes: 5, resizeTimeout: "PT5M" });
  world.advance(4 * MINUTE_MS);
  assert.equal(world.getPool("short")!.allocationState, "resizing");
  world.advance(2 * MINUTE_MS);
  const pool = world.getPool("short")!;
  assert.equal(pool.allocationState, "steady");
  assert.equal(pool.currentDedicatedNodes, 3);
  assert.deepEqual(pool.resizeErrors, [
    {
      code: "AllocationTimedout",
      message: "Desired number of dedicated nodes could not be allocated as the resize timeout was reached",
    },
  ]);
});

test("stopResize moves a resizing pool through stopping to steady, where it stands", () => {
  const world = testWorld((builder) => builder.addPool(linuxPool("grow", 1)));
  world.resizePool("grow", { targetDedicatedNodes: 20 });
  world.advance(6 * SECOND_MS);
  world.stopResizePool("grow");
  const pool = world.getPool("grow")!;
  assert.equal(pool.allocationState, "stopping");
  const reached = pool.currentDedicatedNodes;
  advanceUntil(world, () => pool.allocationState === "steady", MINUTE_MS);
  assert.equal(pool.currentDedicatedNodes, reached);
  assert.ok(reached < 20);
  assert.equal(pool.resizeErrors?.[0]?.code, "ResizeStopped");
  assert.throws(
    () => world.stopResizePool("grow"),
    (error: unknown) => (error as { code?: string }).code === "PoolNotResizing",
    "a steady pool has no resize to stop",
  );
  assert.equal(pool.allocationState, "steady", "the refusal changes nothing");
});

test("a shrink removes nodes through leavingpool; their files, task outputs included, vanish with them", () => {
  const world = testWorld((builder) => {
    builder.addPool(linuxPool("shrink", 2, { taskSlotsPerNode: 1 }));
    addCustomPipeline(builder, "shrink", program(), { fanOut: 2 });
  });
  const tasks = world.listTasks("adfv2-shrink");
  advanceUntil(world, () => tasks.length === 2 && tasks.every((task) => task.state === "completed"));
  const [first] = tasks;
  assert.ok(
    world.listTaskFiles("adfv2-shrink", first!.id, false)?.some((file) => file.name === "stdout.txt"),
  );
  const nodeId = first!.nodeInfo!.nodeId;
  assert.ok(world.readNodeFile("shrink", nodeId, `workitems/adfv2-shrink/job-1/${first!.id}/stdout.txt`));

  world.resizePool("shrink", { targetDedicatedNodes: 0 });
  world.advance(SECOND_MS);
  assert.ok(world.listNodes("shrink").every((node) => node.state === "leavingpool"));
  advanceUntil(world, () => world.getPool("shrink")!.allocationState === "steady", 2 * MINUTE_MS);
  assert.equal(world.listNodes("shrink").length, 0);
  assert.equal(world.getNode("shrink", nodeId), undefined);
  assert.equal(world.listNodeFiles("shrink", nodeId, true), undefined);
  assert.equal(world.listTaskFiles("adfv2-shrink", first!.id, true), undefined);
  assert.equal(world.readTaskFile("adfv2-shrink", first!.id, "stdout.txt"), undefined);
  // The copy ADF keeps in adfjobs remains.
  assert.match(world.completedTaskOutput("adfv2-shrink", first!.id)!.stdout.toString(), /Done in/);
});

test("a shrink with taskcompletion lets running tasks finish before the node leaves", () => {
  const world = testWorld((builder) => {
    builder.addPool(linuxPool("drain", 1, { taskSlotsPerNode: 1 }));
    addCustomPipeline(builder, "drain", program({ durationMs: [120 * SECOND_MS, 120 * SECOND_MS] }));
  });
  const tasks = world.listTasks("adfv2-drain");
  advanceUntil(world, () => tasks[0]?.state === "running");
  world.resizePool("drain", { targetDedicatedNodes: 0, nodeDeallocationOption: "taskcompletion" });
  world.advance(30 * SECOND_MS);
  assert.equal(world.listNodes("drain")[0]?.state, "running");
  advanceUntil(world, () => tasks[0]?.state === "completed", 3 * MINUTE_MS);
  assert.equal(tasks[0]?.executionInfo?.result, "success");
  assert.equal(tasks[0]?.executionInfo?.requeueCount, 0);
  advanceUntil(world, () => world.listNodes("drain").length === 0, MINUTE_MS);
});
