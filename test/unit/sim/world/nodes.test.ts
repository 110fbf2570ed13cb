import { test } from "node:test";
import assert from "node:assert/strict";
import { markNodeUnusable, preemptNode } from "../../../../src/sim/world/nodeLifecycle.js";
import { MINUTE_MS, SECOND_MS } from "../../../../src/sim/world/time.js";
import { addCustomPipeline, advanceUntil, program, testWorld } from "./worldFixture.js";

const spotPool = {
  id: "spot",
  vmSize: "standard_d2s_v3",
  os: "linux" as const,
  dedicatedNodes: 0,
  lowPriorityNodes: 2,
  taskSlotsPerNode: 1,
};

test("a preempted Spot node requeues its tasks, which run again elsewhere; the node is replaced later", () => {
  const world = testWorld((builder) => {
    builder.addPool(spotPool);
    addCustomPipeline(builder, "spot", program({ durationMs: [300 * SECOND_MS, 300 * SECOND_MS] }));
    builder.at(30 * SECOND_MS, () => {
      const busy = builder.nodesIn("spot", "running")[0];
      if (busy) preemptNode(builder.sim, busy);
    });
  });
  const tasks = world.listTasks("adfv2-spot");
  advanceUntil(world, () => tasks[0]?.state === "running");
  const firstNode = tasks[0]!.nodeInfo!.nodeId;
  world.advance(30 * SECOND_MS);
  assert.equal(world.getNode("spot", firstNode)?.state, "preempted");
  assert.equal(world.getNode("spot", firstNode)?.runningTasksCount, 0);
  const task = tasks[0]!;
  assert.equal(task.executionInfo?.requeueCount, 1);
  assert.ok(task.executionInfo?.lastRequeueTime);
  advanceUntil(world, () => task.state === "running", MINUTE_MS);
  assert.notEqual(task.nodeInfo?.nodeId, firstNode);
  assert.equal(world.listNodeFiles("spot", firstNode, true), undefined, "a preempted node does not answer");

  advanceUntil(world, () => world.getNode("spot", firstNode) === undefined, 11 * MINUTE_MS);
  const pool = world.getPool("spot")!;
  assert.equal(pool.currentLowPriorityNodes, 2, "a replacement keeps the pool at target");
  assert.ok(world.listNodes("spot").some((node) => node.state === "creating" || node.state === "starting"));
});

test("preemption happens at the pool's rate on its own", () => {
  const world = testWorld((builder) =>
    builder.addPool({ ...spotPool, lowPriorityNodes: 10, behaviour: { preemptionsPerNodeHour: 6 } }),
  );
  let preempted = 0;
  for (let minute = 0; minute < 30 && preempted === 0; minute++) {
    world.advance(MINUTE_MS);
    preempted = world.listNodes("spot").filter((node) => node.state === "preempted").length;
  }
  assert.ok(preempted > 0);
});

test("a node turning unusable keeps its errors, requeues its tasks, and recovers on reboot", () => {
  const errors = [{ code: "DiskFull", message: "There is not enough disk space on the node" }];
  const world = testWorld((builder) => {
    builder.addPool({ ...spotPool, id: "linux", dedicatedNodes: 1, lowPriorityNodes: 0 });
    addCustomPipeline(builder, "linux", program({ durationMs: [600 * SECOND_MS, 600 * SECOND_MS] }));
    builder.at(20 * SECOND_MS, () =>
      markNodeUnusable(builder.sim, builder.nodesIn("linux", "running")[0]!, errors),
    );
  });
  world.advance(21 * SECOND_MS);
  const node = world.listNodes("linux")[0]!;
  assert.equal(node.state, "unusable");
  assert.deepEqual(node.errors, errors);
  assert.equal(world.listTasks("adfv2-linux")[0]?.state, "active");

  world.rebootNode("linux", node.id);
  assert.equal(node.state, "rebooting");
  assert.equal(node.errors, undefined);
  advanceUntil(world, () => node.state === "idle" || node.state === "running", 5 * MINUTE_MS);
  advanceUntil(world, () => world.listTasks("adfv2-linux")[0]?.state === "running", MINUTE_MS);
});

test("a failing start task is retried, then leaves the node in starttaskfailed with failure info and its output", () => {
  const world = testWorld((builder) =>
    builder.addPool({
      ...spotPool,
      id: "win",
      os: "windows",
      dedicatedNodes: 0,
      lowPriorityNodes: 0,
      behaviour: { nodeFate: () => ({ kind: "startTaskFails", exitCode: 1 }) },
    }),
  );
  world.resizePool("win", { targetDedicatedNodes: 1 });
  advanceUntil(world, () => world.listNodes("win")[0]?.state === "starttaskfailed", 10 * MINUTE_MS);
  const node = world.listNodes("win")[0]!;
  const info = node.startTaskInfo!;
  assert.equal(info.state, "completed");
  assert.equal(info.result, "failure");
  assert.equal(info.exitCode, 1);
  assert.equal(info.retryCount, 1, "the start task's maxTaskRetryCount is 1");
  assert.equal(info.failureInfo?.code, "FailureExitCode");
  assert.equal(info.failureInfo?.category, "usererror");
  const stderr = world.readNodeFile("win", node.id, "startup/stderr.txt")!.bytes.toString();
  assert.match(stderr, /No matching distribution found for pyodbc/);
  assert.match(world.readNodeFile("win", node.id, "startup\\stdout.txt")!.bytes.toString(), /win_amd64\.whl/);
});

test("node behaviour is decided by the pool's rule when the node is allocated", () => {
  const world = testWorld((builder) => {
    builder.addPool({
      ...spotPool,
      id: "stuck",
      dedicatedNodes: 0,
      lowPriorityNodes: 0,
      behaviour: { nodeFate: () => ({ kind: "stuckStarting" }) },
    });
    builder.addPool({
      ...spotPool,
      id: "broken",
      dedicatedNodes: 1,
      lowPriorityNodes: 0,
      behaviour: {
        nodeFate: ({ pool }) =>
          pool.identity
            ? { kind: "healthy" }
            : {
                kind: "unusable",
                errors: [
                  {
                    code: "ApplicationPackageError",
                    message: "One or more application packages specified for the pool are invalid",
                  },
                ],
              },
      },
    });
  });
  assert.equal(
    world.listNodes("broken")[0]?.state,
    "unusable",
    "nodes present at build time are in their fate's state",
  );
  world.resizePool("stuck", { targetDedicatedNodes: 1 });
  world.resizePool("broken", { targetDedicatedNodes: 2 });
  world.advance(15 * MINUTE_MS);
  assert.equal(world.listNodes("stuck")[0]?.state, "starting");
  const broken = world.listNodes("broken");
  assert.ok(
    broken.every((node) => node.state === "unusable" && node.errors?.[0]?.code === "ApplicationPackageError"),
  );
  // Rebooting does not help: the node's fate comes back when it starts again.
  world.rebootNode("broken", broken[0]!.id);
  world.advance(5 * MINUTE_MS);
  assert.equal(world.listNodes("broken")[0]?.state, "unusable");
});

test("a reboot with taskcompletion waits for running tasks, then restarts the node and reruns its start task", () => {
  const world = testWorld((builder) => {
    builder.addPool({ ...spotPool, id: "linux", dedicatedNodes: 1, lowPriorityNodes: 0 });
    addCustomPipeline(builder, "linux", program({ durationMs: [90 * SECOND_MS, 90 * SECOND_MS] }));
  });
  const task = () => world.listTasks("adfv2-linux")[0];
  advanceUntil(world, () => task()?.state === "running");
  const node = world.listNodes("linux")[0]!;
  const bootedAt = node.lastBootTime;
  world.rebootNode("linux", node.id, "taskcompletion");
  world.advance(30 * SECOND_MS);
  assert.equal(node.state, "running");
  advanceUntil(world, () => node.state === "rebooting", 2 * MINUTE_MS);
  assert.equal(task()?.state, "completed");
  assert.equal(task()?.executionInfo?.result, "success");
  advanceUntil(world, () => node.state === "idle", 5 * MINUTE_MS);
  assert.notEqual(node.lastBootTime, bootedAt);
  assert.equal(node.totalTasksRun, 1);
  assert.equal(node.totalTasksSucceeded, 1);
});
