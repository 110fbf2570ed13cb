import { test } from "node:test";
import assert from "node:assert/strict";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { MINUTE_MS, SECOND_MS } from "../../../../src/sim/world/time.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "./worldFixture.js";

// The node operations of an incident, as the service does them: scheduling off and on, reimage,
// removal from the pool, and their refusals.

const linux = {
  id: "linux",
  vmSize: "standard_d2s_v3",
  os: "linux" as const,
  dedicatedNodes: 2,
  taskSlotsPerNode: 1,
};

function refusal(action: () => void, status: number, code: string): SimServiceError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof SimServiceError, `expected a SimServiceError ${code}`);
  assert.equal(caught.statusCode, status);
  assert.equal(caught.code, code);
  return caught;
}

/** Two nodes and a job of `count` tasks of `durationMs` each. */
function busyWorld(count: number, durationMs: number) {
  return testWorld((builder) => {
    builder.addPool(linux);
    addCustomPipeline(builder, "linux", program({ durationMs: [durationMs, durationMs] }), { fanOut: count });
  });
}

test("scheduling disabled keeps new tasks off the node; enabled again, it takes them", () => {
  const world = busyWorld(4, 60 * SECOND_MS);
  const [kept, off] = world.listNodes("linux");
  assert.ok(kept && off);
  // Off as soon as it is ready: no task can have finished on it yet.
  advanceUntil(world, () => off.state === "idle" || off.state === "running");
  world.disableNodeScheduling("linux", off.id, "requeue");
  assert.equal(off.schedulingState, "disabled");
  assert.equal(off.state, "offline", "requeue ends its tasks now, and the node goes offline");
  const tasks = world.listTasks("adfv2-linux");
  advanceUntil(
    world,
    () => tasks.length === 4 && tasks.every((task) => task.state === "completed"),
    15 * MINUTE_MS,
  );
  assert.deepEqual(
    [...new Set(tasks.map((task) => task.nodeInfo?.nodeId))],
    [kept.id],
    "every task ran on the node still scheduling",
  );
  refusal(() => world.disableNodeScheduling("linux", off.id), 409, "NodeAlreadyInTargetSchedulingState");
  refusal(() => world.enableNodeScheduling("linux", kept.id), 409, "NodeAlreadyInTargetSchedulingState");
  world.enableNodeScheduling("linux", off.id);
  assert.equal(off.schedulingState, "enabled");
  assert.equal(off.state, "idle");
});

test("scheduling disabled with taskcompletion lets the running task finish, then the node goes offline", () => {
  const world = busyWorld(1, 90 * SECOND_MS);
  const task = () => world.listTasks("adfv2-linux")[0];
  advanceUntil(world, () => task()?.state === "running");
  const node = world.getNode("linux", task()!.nodeInfo!.nodeId)!;
  world.disableNodeScheduling("linux", node.id, "taskcompletion");
  assert.equal(node.state, "running");
  advanceUntil(world, () => task()?.state === "completed", 2 * MINUTE_MS);
  assert.equal(task()?.executionInfo?.result, "success");
  assert.equal(node.state, "offline");
  refusal(() => world.disableNodeScheduling("linux", node.id, "retaineddata"), 400, "InvalidPropertyValue");
});

test("removeNodes with requeue requeues the running tasks and the pool shrinks by those nodes, not others", () => {
  const world = busyWorld(1, 10 * MINUTE_MS);
  const task = () => world.listTasks("adfv2-linux")[0]!;
  const started = () => world.listTasks("adfv2-linux")[0]?.state;
  advanceUntil(world, () => started() === "running");
  const busy = task().nodeInfo!.nodeId;
  const other = world.listNodes("linux").find((node) => node.id !== busy)!;
  world.removeNodes("linux", { nodeList: [busy], nodeDeallocationOption: "requeue" });
  const pool = world.getPool("linux")!;
  assert.equal(pool.allocationState, "resizing");
  assert.equal(pool.targetDedicatedNodes, 1);
  assert.equal(task().state, "active", "requeued at once");
  assert.equal(task().executionInfo?.requeueCount, 1);
  refusal(() => world.removeNodes("linux", { nodeList: [other.id] }), 409, "PoolBeingResized");
  advanceUntil(world, () => pool.allocationState === "steady", 2 * MINUTE_MS);
  assert.deepEqual(
    world.listNodes("linux").map((node) => node.id),
    [other.id],
  );
  advanceUntil(world, () => task().state === "running", MINUTE_MS);
  assert.equal(task().nodeInfo?.nodeId, other.id);
  refusal(() => world.removeNodes("linux", { nodeList: ["tvm-nope"] }), 404, "NodeNotFound");
});

test("removeNodes with taskcompletion lets the task finish before the node leaves", () => {
  const world = busyWorld(1, 90 * SECOND_MS);
  const task = () => world.listTasks("adfv2-linux")[0]!;
  const started = () => world.listTasks("adfv2-linux")[0]?.state;
  advanceUntil(world, () => started() === "running");
  const busy = task().nodeInfo!.nodeId;
  world.removeNodes("linux", { nodeList: [busy], nodeDeallocationOption: "taskcompletion" });
  world.advance(30 * SECOND_MS);
  assert.equal(world.getNode("linux", busy)?.state, "running");
  advanceUntil(world, () => world.getNode("linux", busy) === undefined, 3 * MINUTE_MS);
  assert.equal(task().executionInfo?.result, "success");
  assert.equal(task().executionInfo?.requeueCount ?? 0, 0);
});

test("reimage takes only an idle or running node, loses its task directories and boots it again", () => {
  const world = busyWorld(1, 30 * SECOND_MS);
  const task = () => world.listTasks("adfv2-linux")[0]!;
  const started = () => world.listTasks("adfv2-linux")[0]?.state;
  advanceUntil(world, () => started() === "completed", 5 * MINUTE_MS);
  const node = world.getNode("linux", task().nodeInfo!.nodeId)!;
  assert.ok(world.listTaskFiles("adfv2-linux", task().id, true));
  world.reimageNode("linux", node.id, "requeue");
  assert.equal(node.state, "reimaging");
  refusal(() => world.reimageNode("linux", node.id), 409, "NodeBeingReimaged");
  advanceUntil(world, () => node.state === "idle", 10 * MINUTE_MS);
  assert.equal(
    world.listTaskFiles("adfv2-linux", task().id, true),
    undefined,
    "its files went with the old disk",
  );
});

test("stopResize on a pool that is not resizing is refused with PoolNotResizing", () => {
  const world = testWorld((builder) => builder.addPool(linux));
  const refused = refusal(() => world.stopResizePool("linux"), 409, "PoolNotResizing");
  assert.equal(refused.message, "The specified pool is not resizing");
});
