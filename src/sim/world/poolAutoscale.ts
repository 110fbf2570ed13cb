// Autoscaled pools as Batch runs them: metric samples every 30 seconds, the formula evaluated every
// autoScaleEvaluationInterval (and at once when autoscale is enabled), the pool's autoScaleRun set to
// the outcome, and the pool resized to the formula's targets when they differ.

import {
  SAMPLE_INTERVAL_MS,
  evaluateFormula,
  type FormulaInputs,
  type FormulaOutcome,
  type MetricSample,
} from "./autoscaleFormula.js";
import type { Pool } from "./entities.js";
import type { DeallocationOption } from "./nodeLifecycle.js";
import { startResize } from "./poolResize.js";
import { nextETag, type PoolRecord, type SimState } from "./state.js";
import { HOUR_MS, MINUTE_MS, isoAt, parseIsoDuration } from "./time.js";

/** Batch keeps samples far longer; formulas look back minutes, so an hour is plenty here. */
const keptSamplesMs = HOUR_MS;

export const defaultEvaluationInterval = "PT15M";

type AutoScaleRunWire = NonNullable<Pool["autoScaleRun"]>;

/** Tasks of the pool's active jobs: $ActiveTasks (queued), $RunningTasks, and $PendingTasks, both. */
function taskSample(sim: SimState, record: PoolRecord): MetricSample {
  let activeTasks = 0;
  let runningTasks = 0;
  for (const job of sim.jobRecords.values()) {
    if (job.pool !== record || job.job.state !== "active") continue;
    activeTasks += job.counts.taskCounts.active;
    runningTasks += job.counts.taskCounts.running;
  }
  return { ms: sim.nowMs, activeTasks, runningTasks, pendingTasks: activeTasks + runningTasks };
}

/** Every 30 simulated seconds, a sample of every pool's tasks, so a formula enabled later has history. */
export function takeSamples(sim: SimState): void {
  if (sim.nowMs % SAMPLE_INTERVAL_MS !== 0) return;
  for (const record of sim.poolRecords.values()) {
    const samples = (record.metricSamples ??= []);
    samples.push(taskSample(sim, record));
    while (samples.length > 0 && (samples[0]?.ms ?? 0) <= sim.nowMs - keptSamplesMs) samples.shift();
  }
}

function inputsOf(sim: SimState, record: PoolRecord): FormulaInputs {
  const { pool } = record;
  return {
    nowMs: sim.nowMs,
    currentDedicatedNodes: pool.currentDedicatedNodes,
    currentLowPriorityNodes: pool.currentLowPriorityNodes,
    targetDedicatedNodes: pool.targetDedicatedNodes,
    targetLowPriorityNodes: pool.targetLowPriorityNodes,
    samples: record.metricSamples ?? [],
  };
}

function runOf(sim: SimState, outcome: FormulaOutcome): AutoScaleRunWire {
  return outcome.ok
    ? { timestamp: isoAt(sim.nowMs), results: outcome.results }
    : { timestamp: isoAt(sim.nowMs), error: outcome.error };
}

/** Pool_EvaluateAutoScale: the outcome of `formula` on the pool as it is now; changes nothing. */
export function evaluateOnPool(sim: SimState, record: PoolRecord, formula: string): AutoScaleRunWire {
  return runOf(sim, evaluateFormula(formula, inputsOf(sim, record)));
}

/** Evaluates the pool's own formula, records the run, and resizes the pool to the targets if they moved. */
function evaluateAndApply(sim: SimState, record: PoolRecord): void {
  const { pool } = record;
  if (!pool.enableAutoScale || pool.autoScaleFormula === undefined) return;
  const interval = parseIsoDuration(pool.autoScaleEvaluationInterval ?? defaultEvaluationInterval);
  record.nextAutoScaleMs = sim.nowMs + (interval ?? 15 * MINUTE_MS);
  const outcome = evaluateFormula(pool.autoScaleFormula, inputsOf(sim, record));
  pool.autoScaleRun = runOf(sim, outcome);
  if (!outcome.ok) return;
  const moved =
    outcome.targetDedicatedNodes !== pool.targetDedicatedNodes ||
    outcome.targetLowPriorityNodes !== pool.targetLowPriorityNodes;
  // A resize under way finishes first; the next evaluation sees where it ended.
  if (!moved || pool.allocationState !== "steady") return;
  startResize(sim, record, {
    targetDedicatedNodes: outcome.targetDedicatedNodes,
    targetLowPriorityNodes: outcome.targetLowPriorityNodes,
    nodeDeallocationOption: outcome.nodeDeallocationOption as DeallocationOption,
  });
}

/** Turns autoscale on (or changes its formula or interval) and evaluates at once, as Batch does. */
export function enableAutoScale(
  sim: SimState,
  record: PoolRecord,
  formula: string,
  evaluationInterval: string | undefined,
): void {
  const { pool } = record;
  pool.enableAutoScale = true;
  pool.autoScaleFormula = formula;
  // A new interval restarts the schedule; without one the pool keeps its interval (or the default).
  pool.autoScaleEvaluationInterval =
    evaluationInterval ?? pool.autoScaleEvaluationInterval ?? defaultEvaluationInterval;
  record.lastAutoScaleEnableMs = sim.nowMs;
  pool.eTag = nextETag(sim);
  pool.lastModified = isoAt(sim.nowMs);
  evaluateAndApply(sim, record);
}

/** Turns autoscale off: the pool keeps the targets its formula last set. */
export function disableAutoScale(record: PoolRecord): void {
  const { pool } = record;
  pool.enableAutoScale = false;
  delete pool.autoScaleFormula;
  delete pool.autoScaleEvaluationInterval;
  delete pool.autoScaleRun;
  delete record.nextAutoScaleMs;
}

/** Each step: an autoscaled pool whose interval has passed is evaluated again. */
export function stepAutoScale(sim: SimState, record: PoolRecord): void {
  if (!record.pool.enableAutoScale) return;
  if (record.nextAutoScaleMs === undefined || sim.nowMs >= record.nextAutoScaleMs)
    evaluateAndApply(sim, record);
}
