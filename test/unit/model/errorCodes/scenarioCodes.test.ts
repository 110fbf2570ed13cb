// Every code the demo account produces has an entry in the knowledge base. The codes are collected
// by running each scenario's world for a while and reading its state and history, not from a list
// kept by hand, so a scenario that starts producing a new code fails here until the code has an entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { explainErrorCode, type ErrorCodeFamily } from "../../../../src/model/errorCodes/lookup.js";
import { createWorld, scenarioNames, type World } from "../../../../src/sim/world/world.js";

type Seen = Map<ErrorCodeFamily, Map<string, string>>;

function see(seen: Seen, family: ErrorCodeFamily, code: string | undefined, where: string): void {
  if (code === undefined || code === "") return;
  let codes = seen.get(family);
  if (!codes) seen.set(family, (codes = new Map<string, string>()));
  if (!codes.has(code)) codes.set(code, where);
}

/** What the dashboard can meet in the world now: pools, nodes, tasks. */
function sampleState(world: World, seen: Seen, label: string): void {
  for (const pool of world.listPools()) {
    for (const error of pool.resizeErrors ?? [])
      see(seen, "poolResize", error.code, `${label} pool ${pool.id}`);
    for (const node of world.listNodes(pool.id)) {
      for (const error of node.errors ?? []) see(seen, "computeNode", error.code, `${label} node ${node.id}`);
      see(seen, "batchTask", node.startTaskInfo?.failureInfo?.code, `${label} start task of ${node.id}`);
      // Node states batchtop explains whether or not the node reports a code.
      if (node.state === "starttaskfailed" || node.state === "preempted")
        see(seen, "nodeState", node.state, `${label} node ${node.id}`);
      if (node.state === "unusable" && (node.errors ?? []).length === 0)
        see(seen, "nodeState", node.state, `${label} node ${node.id}`);
    }
  }
  for (const job of world.listJobs()) {
    for (const task of world.listTasks(job.id)) {
      see(seen, "batchTask", task.executionInfo?.failureInfo?.code, `${label} task ${task.id}`);
    }
  }
}

/** What the history (Log Analytics' tables in the demo) recorded: activity errors, resize results, task failures. */
function sampleHistory(world: World, seen: Seen, label: string): void {
  for (const record of world.history()) {
    if (record.kind === "activityRun" || record.kind === "pipelineRun") {
      see(seen, "adfActivity", record.error?.errorCode, `${label} ${record.pipelineName}`);
    } else if (record.operationName === "PoolResizeCompleteEvent") {
      if (record.body.resultCode !== "Success")
        see(seen, "poolResize", record.body.resultCode, `${label} ${record.body.id}`);
    } else if (record.operationName === "TaskFailEvent") {
      see(seen, "batchTask", record.body.executionInfo.schedulingError?.code, `${label} ${record.body.id}`);
    }
  }
}

/** The operator actions batchtop offers that make the service write a code: stop a resize, end a task. */
function actLikeAnOperator(world: World): void {
  const resizing = world.listPools().find((pool) => pool.allocationState === "resizing");
  if (resizing) world.stopResizePool(resizing.id);
  for (const job of world.listJobs()) {
    const running = world.listTasks(job.id).find((task) => task.state === "running");
    if (running) {
      world.terminateTask(job.id, running.id);
      return;
    }
  }
}

test("every code the demo account's scenarios produce has an entry in its family", (t) => {
  const seen: Seen = new Map();
  for (const scenario of scenarioNames) {
    // The scale scenario holds 200,000 tasks: one sample of its state and history is enough.
    const world = createWorld({ scenario, seed: 7 });
    sampleState(world, seen, scenario);
    if (scenario !== "scale") {
      for (let minute = 0; minute < 60; minute += 5) {
        world.advance(5 * 60_000);
        sampleState(world, seen, scenario);
      }
      // A second world, acted on at the hand-over while its incidents are still under way.
      const acted = createWorld({ scenario, seed: 7 });
      actLikeAnOperator(acted);
      acted.advance(10 * 60_000);
      sampleState(acted, seen, `${scenario} (acted on)`);
      sampleHistory(acted, seen, `${scenario} (acted on)`);
    }
    sampleHistory(world, seen, scenario);
  }
  const missing = [...seen].flatMap(([family, codes]) =>
    [...codes]
      .filter(([code]) => explainErrorCode(family, code) === undefined)
      .map(([code, where]) => `${family} ${code} (first seen: ${where})`),
  );
  assert.deepEqual(missing, [], `codes without an entry:\n${missing.join("\n")}`);
  // The run must have met what the incident scenario is about, or it proves nothing.
  const all = (family: ErrorCodeFamily) => [...(seen.get(family)?.keys() ?? [])].sort();
  t.diagnostic([...seen.keys()].map((family) => `${family}: ${all(family).join(", ")}`).join("; "));
  for (const [family, code] of [
    ["adfActivity", "2500"],
    ["batchTask", "FailureExitCode"],
    ["batchTask", "TaskEnded"],
    ["computeNode", "DiskFull"],
    ["poolResize", "AccountCoreQuotaReached"],
    ["poolResize", "ResizeStopped"],
    ["nodeState", "starttaskfailed"],
  ] as const) {
    assert.ok(all(family).includes(code), `${family} ${code} was not met; met: ${all(family).join(", ")}`);
  }
});
