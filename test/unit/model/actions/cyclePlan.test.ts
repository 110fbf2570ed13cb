import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cycleConfirmed,
  cyclePlan,
  describeCyclePlan,
  nextDeallocation,
  withDeallocation,
  type CyclePlan,
  type CyclePoolState,
} from "../../../../src/model/actions/cyclePlan.js";

const fixedPool = (extra: Partial<CyclePoolState> = {}): CyclePoolState => ({
  id: "etl",
  allocationState: "steady",
  currentDedicatedNodes: 6,
  currentSpotNodes: 2,
  scale: { mode: "fixed", targetDedicatedNodes: 6, targetSpotNodes: 2 },
  ...extra,
});

function planOf(planned: ReturnType<typeof cyclePlan>): CyclePlan {
  assert.ok("plan" in planned, "problem" in planned ? planned.problem : "");
  return planned.plan;
}

test("a fixed pool is planned back to its dedicated and spot targets, requeue by default", () => {
  const plan = planOf(cyclePlan({ pool: fixedPool({ etag: '"e1"' }), runningTasks: 0, route: "arm" }));
  assert.deepEqual(plan, {
    kind: "cycle",
    poolId: "etl",
    route: "arm",
    before: { dedicated: 6, spot: 2 },
    targets: { dedicated: 6, spot: 2 },
    deallocation: "requeue",
    runningTasks: 0,
    etag: '"e1"',
  });
  const description = describeCyclePlan(plan);
  assert.equal(description.title, "Cycle the nodes of pool etl");
  assert.deepEqual(description.changes.slice(0, 4), [
    "1. scale to 0: dedicated 6 → 0, spot 2 → 0",
    "2. wait until the pool is steady at 0 nodes",
    "3. scale back: dedicated 0 → 6, spot 0 → 2",
    "sent through ARM's scale settings",
  ]);
  assert.match(
    description.changes[4] ?? "",
    /^nodes leaving \(requeue\): running tasks stop now and run again from the start elsewhere/,
  );
  assert.equal(description.danger, "the pool has no nodes until the new ones have started");
  assert.ok(cycleConfirmed(plan, ""), "no running tasks: Apply is enough");
});

test("running tasks: what happens to them is said, and the pool id must be typed", () => {
  const plan = withDeallocation(
    planOf(cyclePlan({ pool: fixedPool(), runningTasks: 3, route: "data-plane" })),
    "taskcompletion",
  );
  const description = describeCyclePlan(plan);
  assert.equal(
    description.danger,
    "3 tasks running: running tasks finish first; no new ones start there; the cycle waits for them; type the pool id to confirm",
  );
  assert.ok(
    description.changes.includes(
      "sent through the data plane's resize (pool management through ARM is not configured)",
    ),
  );
  assert.ok(!cycleConfirmed(plan, ""));
  assert.ok(!cycleConfirmed(plan, "et"));
  assert.ok(cycleConfirmed(plan, "etl"));
  assert.match(
    describeCyclePlan(withDeallocation(plan, "terminate")).danger ?? "",
    /end as failed, not run again/,
  );
});

test("an autoscaled pool: autoscale off at 0, then back on with its formula and interval", () => {
  const formula = "$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1))";
  const pool = fixedPool({ scale: { mode: "auto", formula, evaluationIntervalMinutes: 5 } });
  const plan = planOf(cyclePlan({ pool, runningTasks: 0, route: "arm" }));
  assert.deepEqual(plan.autoscale, { formula, evaluationIntervalMinutes: 5 });
  const changes = describeCyclePlan(plan).changes;
  assert.equal(changes[0], "1. autoscale off, fixed at 0 nodes (now dedicated 6, spot 2)");
  assert.equal(
    changes[2],
    `3. autoscale back on with its formula kept, evaluated every 5 minutes: ${formula}`,
  );
});

test("refused before anything is sent, with what to do instead", () => {
  const problem = (input: Parameters<typeof cyclePlan>[0]) => {
    const planned = cyclePlan(input);
    return "problem" in planned ? planned.problem : "planned";
  };
  assert.equal(
    problem({ pool: fixedPool({ allocationState: "resizing" }), runningTasks: 0, route: "arm" }),
    "etl is resizing; wait until it is steady, then cycle it",
  );
  assert.match(
    problem({
      pool: fixedPool({ scale: { mode: "auto", formula: "x" } }),
      runningTasks: 0,
      route: "data-plane",
    }),
    /needs pool management through ARM/,
  );
  assert.match(
    problem({
      pool: fixedPool({ scale: { mode: "autoscale-unread" } }),
      runningTasks: 0,
      route: "data-plane",
    }),
    /switches autoscale off and back on/,
  );
  assert.match(
    problem({
      pool: fixedPool({ scale: { mode: "fixed", targetDedicatedNodes: 0, targetSpotNodes: 0 } }),
      runningTasks: 0,
      route: "arm",
    }),
    /targets 0 nodes; there is nothing to cycle/,
  );
  assert.equal(
    problem({ pool: fixedPool(), runningTasks: 0, route: undefined }),
    "read-only: cycling etl's nodes is off",
  );
});

test("the deallocation choice goes round the four options both ways", () => {
  assert.equal(nextDeallocation("requeue", 1), "taskcompletion");
  assert.equal(nextDeallocation("terminate", 1), "requeue");
  assert.equal(nextDeallocation("requeue", -1), "terminate");
});
