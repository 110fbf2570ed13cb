import { test } from "node:test";
import assert from "node:assert/strict";
import { describePlan, planTarget } from "../../../../src/model/actions/actionPlan.js";
import { autoscalePlan, sameFormula } from "../../../../src/model/actions/autoscalePlan.js";
import { planOutcome } from "../../../../src/model/actions/planOutcome.js";
import type { PoolSummary } from "../../../../src/model/pools.js";

const pool: PoolSummary = {
  id: "etl-spot-d2",
  vmSize: "standard_d2s_v3",
  state: "active",
  allocationState: "steady",
  currentDedicatedNodes: 2,
  targetDedicatedNodes: 2,
  currentSpotNodes: 8,
  targetSpotNodes: 8,
  enableAutoScale: true,
  autoScale: {
    formula: "$TargetDedicatedNodes = 2;\n$TargetLowPriorityNodes = 8;",
    evaluationInterval: "PT5M",
  },
  taskSlotsPerNode: 1,
  identityCount: 0,
  resizeErrors: [],
};
const timestamp = new Date("2026-11-22T03:00:00Z");
const next = "$TargetDedicatedNodes = 2; $TargetLowPriorityNodes = 5";

test("a changed formula is planned from what the pool has to what was typed, with its evaluation", () => {
  const planned = autoscalePlan(pool, `  ${next} `, {
    formula: next,
    state: "done",
    run: {
      timestamp,
      results: "$TargetDedicatedNodes=2;$TargetLowPriorityNodes=5;$NodeDeallocationOption=requeue",
    },
  });
  assert.ok("plan" in planned);
  assert.deepEqual(planned.plan, {
    kind: "autoscale-formula",
    poolId: "etl-spot-d2",
    from: "$TargetDedicatedNodes = 2; $TargetLowPriorityNodes = 8",
    to: next,
    evaluated: { dedicated: 2, spot: 5, currentDedicated: 2, currentSpot: 8 },
  });
  const description = describePlan(planned.plan);
  assert.equal(description.title, "Change the autoscale formula of pool etl-spot-d2");
  assert.deepEqual(description.changes, [
    "formula now: $TargetDedicatedNodes = 2; $TargetLowPriorityNodes = 8",
    `formula sent: ${next}`,
    "evaluated just now: dedicated 2 → 2, spot 8 → 5",
  ]);
  assert.equal(description.danger, "by its evaluation the pool shrinks by 3 nodes");
  assert.equal(planTarget(planned.plan), "pool etl-spot-d2");
});

test("refused before sending: a fixed pool, the same formula, an empty one, a resizing pool, a failed Evaluate of this text", () => {
  const problem = (planned: ReturnType<typeof autoscalePlan>) =>
    "problem" in planned ? planned.problem : "planned";
  assert.equal(
    problem(autoscalePlan({ ...pool, enableAutoScale: false }, next, undefined)),
    "etl-spot-d2 scales to fixed targets; S resizes it",
  );
  assert.match(
    problem(autoscalePlan(pool, "$TargetDedicatedNodes=2\n$TargetLowPriorityNodes = 8", undefined)),
    /already has/,
  );
  assert.equal(problem(autoscalePlan(pool, " ; ", undefined)), "the formula is empty");
  assert.match(
    problem(autoscalePlan({ ...pool, allocationState: "resizing" }, next, undefined)),
    /steady pool only/,
  );
  assert.match(
    problem(
      autoscalePlan(pool, next, {
        formula: next,
        state: "done",
        run: { timestamp, error: { code: "AutoScalingFormulaSyntaxError", message: "bad", values: [] } },
      }),
    ),
    /^the last Evaluate of this formula failed: AutoScalingFormulaSyntaxError: bad; fix it first$/,
  );
  assert.match(
    problem(autoscalePlan(pool, next, { formula: next, state: "failed", error: "HTTP 500" })),
    /HTTP 500/,
  );
  // An Evaluate of another text says nothing about this one: planned, without an evaluation.
  const other = autoscalePlan(pool, next, { formula: "$x = nope(1)", state: "failed", error: "HTTP 500" });
  assert.ok("plan" in other && other.plan.evaluated === undefined);
  assert.match(describePlan(other.plan).note ?? "", /^not evaluated/);
});

test("statements compare whatever the spacing and separators", () => {
  assert.ok(sameFormula("$a=1;$b = 2;", "$a = 1\n$b=2"));
  assert.ok(!sameFormula("$a=1", "$a=2"));
});

test("the change is done once the polls show the pool with the formula sent", () => {
  const planned = autoscalePlan(pool, next, undefined);
  assert.ok("plan" in planned);
  const sent = { plan: planned.plan, sentAt: Date.now() };
  assert.deepEqual(planOutcome(sent, { pools: [pool] }), { kind: "waiting" });
  assert.deepEqual(
    planOutcome(sent, {
      pools: [
        { ...pool, targetSpotNodes: 5, autoScale: { formula: next, lastRun: { timestamp, results: "" } } },
      ],
    }),
    { kind: "done", detail: "the pool has the formula; targets dedicated 2, spot 5" },
  );
});
