import { test } from "node:test";
import assert from "node:assert/strict";
import { createWorld, scenarioNames, type World } from "../../../../src/sim/world/world.js";

function snapshot(world: World): string {
  return JSON.stringify({
    now: world.now(),
    pools: world.listPools(),
    nodes: world.listPools().map((pool) => world.listNodes(pool.id)),
    jobs: world.listJobs(),
    tasks: world.listJobs().map((job) => world.listTasks(job.id)),
  });
}

test("the same seed and the same simulated time give the identical world", () => {
  for (const scenario of ["healthy", "incident", "identity"]) {
    const first = createWorld({ scenario, seed: 11 });
    const second = createWorld({ scenario, seed: 11 });
    first.advance(10 * 60_000);
    // Time spent in many small ticks or one large one must not matter.
    for (let tick = 0; tick < 2400; tick++) second.advance(250);
    assert.equal(snapshot(first), snapshot(second), scenario);
    assert.equal(JSON.stringify(first.history()), JSON.stringify(second.history()), scenario);
  }
});

test("a different seed gives a different world", () => {
  const first = createWorld({ scenario: "healthy", seed: 1 });
  const second = createWorld({ scenario: "healthy", seed: 2 });
  assert.notEqual(snapshot(first), snapshot(second));
});

test("the world starts at the given time, on a whole second, and advance moves it in whole steps", () => {
  const world = createWorld({ scenario: "healthy", startTime: "2025-03-04T05:06:07.890Z" });
  assert.equal(world.now().toISOString(), "2025-03-04T05:06:07.000Z");
  world.advance(1500);
  assert.equal(world.now().toISOString(), "2025-03-04T05:06:08.000Z");
  world.advance(500);
  assert.equal(world.now().toISOString(), "2025-03-04T05:06:09.000Z");
});

test("an unknown scenario is refused with the list of known ones", () => {
  assert.deepEqual([...scenarioNames].sort(), ["healthy", "identity", "incident", "scale"]);
  assert.throws(
    () => createWorld({ scenario: "nope" }),
    /Unknown scenario "nope"; known scenarios: healthy, incident, identity, scale/,
  );
});

test("healthy: three steady pools of 4 to 12 nodes, busy at the hand-over, pipelines succeeding", () => {
  const world = createWorld({ scenario: "healthy" });
  const pools = world.listPools();
  assert.equal(pools.length, 3);
  for (const pool of pools) {
    assert.equal(pool.allocationState, "steady");
    const nodes = world.listNodes(pool.id).length;
    assert.ok(nodes >= 4 && nodes <= 12, `${pool.id} has ${nodes} nodes`);
    assert.equal(world.getJob(`adfv2-${pool.id}`)?.poolInfo.poolId, pool.id);
  }
  const running = world
    .listJobs()
    .reduce((total, job) => total + world.taskCounts(job.id).taskCounts.running, 0);
  assert.ok(running > 0, "some tasks are running at the hand-over");
  world.advance(60 * 60_000);
  const runs = world.history().filter((record) => record.kind === "pipelineRun");
  const finished = runs.filter((record) => record.status === "Succeeded" || record.status === "Failed");
  const succeeded = finished.filter((record) => record.status === "Succeeded").length;
  assert.ok(succeeded / finished.length > 0.9, `${succeeded} of ${finished.length} runs succeeded`);
});

test("incident: failing pipeline, pool stuck on the core quota, unusable nodes, a start task failure, preemption", () => {
  const world = createWorld({ scenario: "incident" });
  const highmem = world.getPool("etl-highmem-e8");
  assert.equal(highmem?.allocationState, "resizing");
  assert.ok(highmem.currentDedicatedNodes < highmem.targetDedicatedNodes);
  assert.ok(world.listNodes("etl-win-d4").some((node) => node.state === "starttaskfailed"));

  world.advance(7 * 60_000);
  const unusable = world.listNodes("etl-linux-d4").filter((node) => node.state === "unusable");
  assert.equal(unusable.length, 3);
  assert.ok(unusable.every((node) => node.errors?.[0]?.code === "DiskFull"));
  assert.ok(world.listNodes("etl-spot-d2").some((node) => node.state === "preempted"));
  const failedTransforms = world
    .listTasks("adfv2-etl-linux-d4")
    .filter((task) => task.executionInfo?.failureInfo?.code === "FailureExitCode");
  assert.ok(failedTransforms.length > 0);

  world.advance(20 * 60_000);
  const settled = world.getPool("etl-highmem-e8");
  assert.equal(settled?.allocationState, "steady");
  assert.equal(settled.resizeErrors?.[0]?.code, "AccountCoreQuotaReached");
  assert.equal(settled.resizeErrors[0].message, "The specified account has reached VM core quota");
});
