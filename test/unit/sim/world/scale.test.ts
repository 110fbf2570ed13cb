import { test } from "node:test";
import assert from "node:assert/strict";
import { startClock } from "../../../../src/sim/world/clock.js";
import {
  scaleBigJobTaskCount,
  scaleNodesPerPool,
  scalePoolCount,
  scaleTaskCount,
} from "../../../../src/sim/world/scenarios/scale.js";
import { MINUTE_MS } from "../../../../src/sim/world/time.js";
import { createWorld } from "../../../../src/sim/world/world.js";

// Build time and step cost are measured by npm run bench (sim start-up per scenario), not here.
test("scale: 50 pools, 5,000 nodes, 200,000 tasks with one job of 100,000", () => {
  const world = createWorld({ scenario: "scale" });

  assert.equal(world.listPools().length, scalePoolCount);
  const nodes = world.listPools().reduce((total, pool) => total + world.listNodes(pool.id).length, 0);
  assert.equal(nodes, scalePoolCount * scaleNodesPerPool);
  assert.equal(nodes, 5_000);
  const tasks = world.listJobs().reduce((total, job) => total + world.listTasks(job.id).length, 0);
  assert.equal(tasks, scaleTaskCount);
  const big = world.listTasks("adfv2-etl-pool-00");
  assert.equal(big.length, scaleBigJobTaskCount);
  assert.equal(world.listTasks("adfv2-etl-pool-00"), big, "listTasks hands out the world's array");

  const counts = world.taskCounts("adfv2-etl-pool-00").taskCounts;
  assert.equal(counts.active + counts.running + counts.completed, scaleBigJobTaskCount);
  assert.ok(counts.completed > 0.95 * scaleBigJobTaskCount, "mostly completed");
  assert.ok(counts.running > 0 && counts.failed > 0);

  // A task from last week reads back generated output, on a node that still has it.
  const old = big[0]!;
  assert.equal(old.state, "completed");
  assert.match(world.readTaskFile("adfv2-etl-pool-00", old.id, "stdout.txt")?.bytes.toString() ?? "", /INFO/);

  const before = world.now().getTime();
  world.advance(MINUTE_MS);
  assert.equal(world.now().getTime() - before, MINUTE_MS);
});

test("startClock advances a world by speed × elapsed time and stops", async () => {
  let advanced = 0;
  const stop = startClock({ advance: (ms) => (advanced += ms) }, { speed: 10, tickMs: 5 });
  await new Promise((resolve) => setTimeout(resolve, 40));
  stop();
  const total = advanced;
  assert.ok(total >= 50, `advanced ${total} ms`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(advanced, total);
});
