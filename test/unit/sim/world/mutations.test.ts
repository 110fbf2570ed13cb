import { test } from "node:test";
import assert from "node:assert/strict";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { SECOND_MS } from "../../../../src/sim/world/time.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "./worldFixture.js";

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

const pool = {
  id: "etl",
  vmSize: "standard_d4s_v3",
  os: "linux" as const,
  dedicatedNodes: 1,
  taskSlotsPerNode: 1,
};

test("resize is refused on unknown, resizing and autoscaling pools and for invalid targets", () => {
  const world = testWorld((builder) => {
    builder.addPool(pool);
    builder.addPool({ ...pool, id: "auto" }).pool.enableAutoScale = true;
  });
  refusal(() => world.resizePool("nope", { targetDedicatedNodes: 1 }), 404, "PoolNotFound");
  const auto = refusal(
    () => world.resizePool("auto", { targetDedicatedNodes: 2 }),
    409,
    "OperationInvalidForCurrentState",
  );
  assert.match(auto.values[0]?.value ?? "", /automatic scaling/);
  refusal(() => world.resizePool("etl", { targetDedicatedNodes: -1 }), 400, "InvalidPropertyValue");
  refusal(() => world.resizePool("etl", { targetDedicatedNodes: 1.5 }), 400, "InvalidPropertyValue");
  refusal(
    () => world.resizePool("etl", { targetDedicatedNodes: 2, resizeTimeout: "PT1M" }),
    400,
    "InvalidPropertyValue",
  );
  refusal(
    () => world.resizePool("etl", { targetDedicatedNodes: 2, resizeTimeout: "soon" }),
    400,
    "InvalidPropertyValue",
  );
  assert.equal(world.getPool("etl")?.allocationState, "steady", "refused requests change nothing");

  world.resizePool("etl", { targetDedicatedNodes: 3, resizeTimeout: "PT20M" });
  assert.equal(world.getPool("etl")?.resizeTimeout, "PT20M");
  const busy = refusal(() => world.resizePool("etl", { targetDedicatedNodes: 4 }), 409, "PoolBeingResized");
  assert.equal(busy.message, "The specified pool is being resized");
  world.stopResizePool("etl");
  refusal(() => world.resizePool("etl", { targetDedicatedNodes: 4 }), 409, "PoolBeingResized");
  refusal(() => world.stopResizePool("nope"), 404, "PoolNotFound");
});

test("reboot is refused for unknown nodes, bad options and nodes not in a rebootable state", () => {
  const world = testWorld((builder) => builder.addPool({ ...pool, dedicatedNodes: 1 }));
  const node = world.listNodes("etl")[0]!;
  refusal(() => world.rebootNode("nope", node.id), 404, "PoolNotFound");
  refusal(() => world.rebootNode("etl", "tvmps_missing_d"), 404, "NodeNotFound");
  refusal(() => world.rebootNode("etl", node.id, "sometime"), 400, "InvalidPropertyValue");

  world.rebootNode("etl", node.id, "terminate");
  refusal(() => world.rebootNode("etl", node.id), 409, "NodeBeingRebooted");
  advanceUntil(world, () => node.state === "starting");
  refusal(() => world.rebootNode("etl", node.id), 409, "NodeBeingStarted");

  world.resizePool("etl", { targetDedicatedNodes: 2 });
  world.advance(SECOND_MS);
  const created = world.listNodes("etl").find((candidate) => candidate.state === "creating")!;
  refusal(() => world.rebootNode("etl", created.id), 409, "NodeBeingCreated");
});

test("reactivate works only on a task that completed with failure, and resets its retries", () => {
  const world = testWorld((builder) => {
    builder.addPool({ ...pool, dedicatedNodes: 2 });
    addCustomPipeline(builder, "etl", program({ failureRate: 1 }), {
      name: "transform_customers_daily",
      maxTaskRetryCount: 1,
    });
    addCustomPipeline(builder, "etl", program(), { name: "ingest_sales_daily" });
  });
  const job = "adfv2-etl";
  refusal(() => world.reactivateTask("nope", "x"), 404, "JobNotFound");
  refusal(() => world.reactivateTask(job, "x"), 404, "TaskNotFound");
  advanceUntil(
    world,
    () => world.listTasks(job).length === 2 && world.listTasks(job).every((task) => task.state === "running"),
  );
  const [failing, succeeding] = world.listTasks(job);
  refusal(() => world.reactivateTask(job, failing!.id), 409, "TaskNotCompleted");
  advanceUntil(
    world,
    () => world.listTasks(job).every((task) => task.state === "completed"),
    10 * 60 * SECOND_MS,
  );
  refusal(() => world.reactivateTask(job, succeeding!.id), 409, "TaskSucceeded");

  assert.equal(failing!.executionInfo?.retryCount, 1);
  const eTag = failing!.eTag;
  world.reactivateTask(job, failing!.id);
  assert.equal(failing!.state, "active");
  assert.equal(failing!.previousState, "completed");
  assert.notEqual(failing!.eTag, eTag);
  assert.equal(failing!.lastModified, world.now().toISOString());
  assert.equal(failing!.executionInfo?.retryCount, 0);
  assert.equal(failing!.executionInfo?.result, undefined);
  assert.equal(world.taskCounts(job).taskCounts.failed, 0);
  advanceUntil(world, () => failing!.state === "running");
});
