import { test } from "node:test";
import assert from "node:assert/strict";
import {
  autoScaleDetails,
  formulaAsOneLine,
  formulaStatements,
  parseAutoScaleResults,
} from "../../../src/model/autoscale.js";
import { detailLines, poolDetailsObject } from "../../../src/model/views/detailsView.js";
import type { PoolSummary } from "../../../src/model/pools.js";

test("Batch's results string parses into name/value pairs in its order", () => {
  assert.deepEqual(parseAutoScaleResults("$TargetDedicatedNodes=4;$NodeDeallocationOption=taskcompletion;"), [
    { name: "$TargetDedicatedNodes", value: "4" },
    { name: "$NodeDeallocationOption", value: "taskcompletion" },
  ]);
  assert.deepEqual(parseAutoScaleResults(" $a = 1 ; samples=[1, 2]=x;;odd"), [
    { name: "$a", value: "1" },
    { name: "samples", value: "[1, 2]=x" },
    { name: "odd", value: "" },
  ]);
  assert.deepEqual(parseAutoScaleResults(""), []);
});

test("a formula splits into statements at ; and newlines", () => {
  const formula =
    "$tasks = max(0, $PendingTasks.GetSample(1));\r\n$TargetDedicatedNodes = min(10, $tasks);\n";
  assert.deepEqual(formulaStatements(formula), [
    "$tasks = max(0, $PendingTasks.GetSample(1))",
    "$TargetDedicatedNodes = min(10, $tasks)",
  ]);
  assert.equal(
    formulaAsOneLine(formula),
    "$tasks = max(0, $PendingTasks.GetSample(1)); $TargetDedicatedNodes = min(10, $tasks)",
  );
});

test("an autoscaled pool's details show its formula, interval and last evaluation, sanitised", () => {
  const pool: PoolSummary = {
    id: "p",
    vmSize: "standard_d2s_v3",
    state: "active",
    allocationState: "steady",
    currentDedicatedNodes: 1,
    targetDedicatedNodes: 1,
    currentSpotNodes: 0,
    targetSpotNodes: 0,
    enableAutoScale: true,
    autoScale: {
      formula: "$TargetDedicatedNodes = 1;\n$x = \u001b]52;c;AAAA\u0007 2",
      evaluationInterval: "PT5M",
      lastRun: {
        timestamp: new Date("2024-05-01T08:00:00Z"),
        results: "$TargetDedicatedNodes=1;$x=2",
        error: {
          code: "AutoScalingFormulaSyntaxError",
          message: "bad",
          values: [{ name: "Line", value: "2" }],
        },
      },
    },
    taskSlotsPerNode: 1,
    identityCount: 0,
    resizeErrors: [],
  };
  const lines = detailLines(poolDetailsObject(pool, undefined, undefined, new Date("2024-05-01T08:03:10Z")));
  const text = lines.join("\n");
  assert.ok(text.includes('"$TargetDedicatedNodes = 1",'), text);
  assert.ok(text.includes('"evaluated": "every 5 min"'), text);
  assert.ok(text.includes('"at": "2024-05-01T08:00:00.000Z (3m10s ago)"'), text);
  assert.ok(text.includes('"$x = 2"'), text);
  assert.ok(text.includes('"error": "AutoScalingFormulaSyntaxError: bad (Line=2)"'), text);
  assert.ok(!text.includes("\u001b") && !text.includes("\u0007"), "control sequences are neutralised");
  assert.deepEqual(autoScaleDetails({ formula: "$TargetDedicatedNodes=0" }, undefined), {
    formula: ["$TargetDedicatedNodes=0"],
    evaluated: "every 15 min (the service's default)",
    lastEvaluation: "not evaluated yet",
  });
});
