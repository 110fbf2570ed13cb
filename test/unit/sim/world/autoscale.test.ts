import { test } from "node:test";
import assert from "node:assert/strict";
import {
  evaluateFormula,
  formulaSyntaxError,
  type FormulaInputs,
} from "../../../../src/sim/world/autoscaleFormula.js";
import { createWorld } from "../../../../src/sim/world/world.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";

const now = Date.parse("2024-05-01T08:00:00Z");
/** Ten minutes of samples every 30 s: the queue grows from 0 to 19 pending tasks. */
const inputs: FormulaInputs = {
  nowMs: now,
  currentDedicatedNodes: 3,
  currentLowPriorityNodes: 1,
  targetDedicatedNodes: 3,
  targetLowPriorityNodes: 1,
  samples: Array.from({ length: 20 }, (_, index) => ({
    ms: now - (19 - index) * 30_000,
    pendingTasks: index,
    activeTasks: Math.max(0, index - 4),
    runningTasks: Math.min(index, 4),
  })),
};

const run = (formula: string) => evaluateFormula(formula, inputs);

test("assignments, arithmetic, functions and samples evaluate against the pool's metrics", () => {
  const outcome = run(
    [
      "$samples = $PendingTasks.GetSample(TimeInterval_Minute * 5);",
      "$tasks = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5) < 70 ? 1 : max($samples);",
      "$TargetDedicatedNodes = min(10, max(2, $tasks / 2));",
      "$TargetLowPriorityNodes = len($RunningTasks.GetSample(3)) - 1",
      "$NodeDeallocationOption = taskcompletion",
    ].join("\n"),
  );
  assert.ok(outcome.ok, JSON.stringify(outcome));
  assert.equal(outcome.targetDedicatedNodes, 9, "19 pending / 2, truncated");
  assert.equal(outcome.targetLowPriorityNodes, 2);
  assert.equal(outcome.nodeDeallocationOption, "taskcompletion");
  assert.match(
    outcome.results,
    /^\$TargetDedicatedNodes=9;\$TargetLowPriorityNodes=2;\$NodeDeallocationOption=taskcompletion;\$samples=\[10, 11, .*19\];\$tasks=19$/,
  );
});

test("unassigned targets keep the pool's; ternaries, comparisons and user variables without $ work", () => {
  const outcome = run("x = 2 * (3 + 1); $TargetLowPriorityNodes = x >= 8 && !(x == 9) ? avg(1, 3) : 0");
  assert.ok(outcome.ok);
  assert.equal(outcome.targetDedicatedNodes, 3);
  assert.equal(outcome.targetLowPriorityNodes, 2);
  assert.match(outcome.results, /;x=8$/);
});

test("an unknown function or variable, a metric read without GetSample, or too few samples is an evaluation error", () => {
  for (const [formula, words] of [
    ["$TargetDedicatedNodes = median(1, 2)", "unknown function median()"],
    ["$TargetDedicatedNodes = $Pending", "unknown variable $Pending"],
    ["$TargetDedicatedNodes = $PendingTasks", "read it with $PendingTasks.GetSample"],
    ["$TargetDedicatedNodes = max($PendingTasks.GetSample(TimeInterval_Hour, 90))", "fewer than the 90%"],
    ["$CurrentDedicatedNodes = 1", "read-only"],
    ["$NodeDeallocationOption = 3", "$NodeDeallocationOption takes"],
  ] as const) {
    const outcome = run(formula);
    assert.ok(!outcome.ok, formula);
    assert.equal(outcome.error.code, "AutoScalingFormulaEvaluationError", formula);
    assert.ok(
      outcome.error.values.some(({ value }) => value.includes(words)),
      `${formula}: ${JSON.stringify(outcome.error)}`,
    );
  }
});

test("a syntax error says where, and is what enableautoscale refuses", () => {
  const outcome = run("$TargetDedicatedNodes = max(1, 2");
  assert.ok(!outcome.ok);
  assert.equal(outcome.error.code, "AutoScalingFormulaSyntaxError");
  assert.deepEqual(outcome.error.values[0], { name: "Position", value: "33" });
  assert.equal(
    formulaSyntaxError("$a = 1 $b = 2")?.code,
    "AutoScalingFormulaSyntaxError",
    "two statements on a line need ;",
  );
  assert.equal(formulaSyntaxError("$a = 1\n$b = 2"), undefined, "a line end separates statements");
  assert.equal(
    formulaSyntaxError("$a = median(1)"),
    undefined,
    "an unknown function parses; evaluating it fails",
  );
  assert.equal(formulaSyntaxError("x".repeat(9000))?.code, "AutoScaleFormulaTooLong");
});

test("the world evaluates on enable and every interval, follows the targets, and evaluate changes nothing", () => {
  const world = createWorld({ scenario: "incident", seed: 3 });
  const spot = world.getPool("etl-spot-d2")!;
  assert.equal(spot.enableAutoScale, true, "the incident's spot pool is autoscaled");
  assert.match(spot.autoScaleRun?.results ?? "", /\$TargetLowPriorityNodes=8/);

  const before = JSON.stringify(world.getPool("etl-spot-d2"));
  const evaluated = world.evaluateAutoScale("etl-spot-d2", "$TargetLowPriorityNodes = 3");
  assert.match(evaluated.results ?? "", /\$TargetLowPriorityNodes=3/);
  assert.equal(JSON.stringify(world.getPool("etl-spot-d2")), before, "evaluating changed nothing");

  world.enableAutoScale("etl-spot-d2", {
    autoScaleFormula: "$TargetLowPriorityNodes = 3;\n$TargetDedicatedNodes = 2",
  });
  const enabled = world.getPool("etl-spot-d2")!;
  assert.equal(enabled.targetLowPriorityNodes, 3, "enable evaluates at once and the pool follows");
  assert.equal(enabled.allocationState, "resizing");
  assert.equal(enabled.autoScaleEvaluationInterval, "PT5M", "the interval is kept when none is sent");
  assert.throws(
    () => world.enableAutoScale("etl-spot-d2", { autoScaleFormula: "$TargetLowPriorityNodes = 4" }),
    (error: unknown) => error instanceof SimServiceError && error.statusCode === 409,
    "while it resizes, or within 30 seconds of the last enable",
  );
  world.advance(20 * 60_000);
  assert.equal(world.getPool("etl-spot-d2")!.allocationState, "steady");
  assert.equal(world.getPool("etl-spot-d2")!.currentLowPriorityNodes, 3);

  assert.throws(
    () => world.enableAutoScale("etl-spot-d2", { autoScaleFormula: "$TargetLowPriorityNodes = (" }),
    (error: unknown) =>
      error instanceof SimServiceError &&
      error.statusCode === 400 &&
      error.code === "AutoScalingFormulaSyntaxError",
  );
  assert.throws(
    () => world.evaluateAutoScale("etl-linux-d4", "$TargetDedicatedNodes = 1"),
    (error: unknown) => error instanceof SimServiceError && error.code === "OperationInvalidForCurrentState",
    "a pool without autoscale cannot evaluate",
  );
});
