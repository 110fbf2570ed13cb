// The steps of a node cycle as the audit journal keeps them, how the pool shows each step done, and
// which cycles the journal says were never finished (batchtop stopped, or a step failed).
import type { CyclePlan } from "./cyclePlan.js";
import { deallocationOptions } from "./deallocation.js";

/**
 * down: scale to 0 sent; down-settled: the pool reached steady at 0 (or stopped short); up: the
 * previous targets (or autoscale) sent; settled: the pool is back; abandon: the operator gave up the
 * rest. A cycle is unfinished from the moment `down` was sent until `settled` or `abandon`.
 */
export const cycleSteps = ["down", "down-settled", "up", "settled", "abandon"] as const;
export type CycleStep = (typeof cycleSteps)[number];

/** What a journal line of a cycle carries besides the audit entry's words: enough to finish it. */
export interface CycleRecord {
  id: string;
  step: CycleStep;
  plan: CyclePlan;
}

/** The parts of an audit entry this module reads; the journal's own type has more. */
export interface CycleJournalLine {
  time: string;
  account: string;
  outcome: string;
  error?: string;
  detail?: string;
  cycle?: unknown;
}

/** A cycle the journal shows begun and never ended: the pool may be at 0 nodes. */
export interface UnfinishedCycle {
  id: string;
  plan: CyclePlan;
  /** Its last line: what was being done when it stopped. */
  step: CycleStep;
  outcome: string;
  time: string;
  error?: string;
  /** The pool reached steady at 0: finishing only scales it back. */
  downSettled: boolean;
  /** Scaling back was sent: finishing only waits for it. */
  upSent: boolean;
}

const isCount = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;

function isTargets(value: unknown): boolean {
  const targets = value as { dedicated?: unknown; spot?: unknown } | null;
  return (
    typeof targets === "object" && targets !== null && isCount(targets.dedicated) && isCount(targets.spot)
  );
}

/** The journal is a file anyone could edit: a line is used only when its plan is whole. */
function isPlan(value: unknown): value is CyclePlan {
  const plan = value as Partial<CyclePlan> | null;
  if (typeof plan !== "object" || plan === null) return false;
  const autoscale = plan.autoscale as { formula?: unknown; evaluationIntervalMinutes?: unknown } | undefined;
  return (
    plan.kind === "cycle" &&
    typeof plan.poolId === "string" &&
    plan.poolId !== "" &&
    (plan.route === "arm" || plan.route === "data-plane") &&
    isTargets(plan.before) &&
    isTargets(plan.targets) &&
    (deallocationOptions as readonly unknown[]).includes(plan.deallocation) &&
    isCount(plan.runningTasks) &&
    (autoscale === undefined ||
      (typeof autoscale === "object" &&
        autoscale !== null &&
        typeof autoscale.formula === "string" &&
        (autoscale.evaluationIntervalMinutes === undefined || isCount(autoscale.evaluationIntervalMinutes))))
  );
}

export function isCycleRecord(value: unknown): value is CycleRecord {
  const record = value as Partial<CycleRecord> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    typeof record.id === "string" &&
    (cycleSteps as readonly unknown[]).includes(record.step) &&
    isPlan(record.plan)
  );
}

/**
 * The unfinished cycles of `account`, one per pool at most, from journal lines newest first. Only
 * the newest cycle of a pool counts: a later cycle that ended settles the pool whatever an older one
 * left. A cycle whose first request was refused changed nothing and is not unfinished.
 */
export function unfinishedCycles(
  linesNewestFirst: readonly CycleJournalLine[],
  account: string,
): UnfinishedCycle[] {
  const newestByPool = new Map<string, string>();
  const byCycle = new Map<string, { record: CycleRecord; line: CycleJournalLine }[]>();
  for (const line of linesNewestFirst) {
    if (line.account !== account || !isCycleRecord(line.cycle)) continue;
    const record = line.cycle;
    if (!newestByPool.has(record.plan.poolId)) newestByPool.set(record.plan.poolId, record.id);
    if (newestByPool.get(record.plan.poolId) !== record.id) continue;
    const lines = byCycle.get(record.id) ?? [];
    lines.push({ record, line });
    byCycle.set(record.id, lines);
  }
  const unfinished: UnfinishedCycle[] = [];
  for (const lines of byCycle.values()) {
    const has = (step: CycleStep, outcome?: string) =>
      lines.some(({ record, line }) => record.step === step && (!outcome || line.outcome === outcome));
    if (!has("down", "sent") || has("settled") || has("abandon")) continue;
    const [last] = lines;
    if (!last) continue;
    unfinished.push({
      id: last.record.id,
      plan: last.record.plan,
      step: last.record.step,
      outcome: last.line.outcome,
      time: last.line.time,
      ...(last.line.error ? { error: last.line.error } : {}),
      downSettled: has("down-settled", "done"),
      upSent: has("up", "sent"),
    });
  }
  return unfinished;
}

/** The pool as a cycle watches it, read through ARM or the data plane. */
export interface CyclePoolReading {
  allocationState: string;
  /** Epoch milliseconds, the service's stamp. */
  allocationStateTransitionTime?: number;
  current: { dedicated: number; spot: number };
  /** Absent while autoscale is on. */
  targets?: { dedicated: number; spot: number };
  autoscale: boolean;
  resizeErrors: readonly { code: string; message: string }[];
}

export type StepJudgement =
  | { kind: "waiting"; progress: string }
  | { kind: "done"; detail: string }
  | { kind: "failed"; reason: string };

const total = (nodes: { dedicated: number; spot: number }) => nodes.dedicated + nodes.spot;

function errorsText(errors: CyclePoolReading["resizeErrors"]): string {
  const [first, ...more] = errors;
  if (!first) return "without a resize error";
  return `${first.code}: ${first.message}${more.length > 0 ? ` (and ${more.length} more)` : ""}`;
}

/** Scaling to 0: done once the pool is steady with no nodes left. */
export function judgeDown(reading: CyclePoolReading): StepJudgement {
  const left = total(reading.current);
  const steady = reading.allocationState.toLowerCase() === "steady";
  if (steady && left === 0 && !reading.autoscale) return { kind: "done", detail: "steady at 0 nodes" };
  if (steady && !reading.autoscale && reading.targets && total(reading.targets) === 0)
    return { kind: "failed", reason: `steady with ${left} nodes left: ${errorsText(reading.resizeErrors)}` };
  return { kind: "waiting", progress: `to 0, ${left} left` };
}

/**
 * Scaling back: done when the pool is steady at the plan's targets, or, for an autoscaled pool, once
 * autoscale is on again (its formula sizes the pool from then on). `sentAt` is the pool's
 * transition stamp when the step was sent: a steady state stamped so is the one from before it.
 */
export function judgeUp(plan: CyclePlan, reading: CyclePoolReading, sentAt?: number): StepJudgement {
  const have = total(reading.current);
  if (plan.autoscale)
    return reading.autoscale
      ? { kind: "done", detail: `autoscale back on with ${have} nodes; its formula sizes the pool from here` }
      : { kind: "waiting", progress: "turning autoscale back on" };
  const want = total(plan.targets);
  const progress = `${have} of ${want}`;
  const steady = reading.allocationState.toLowerCase() === "steady";
  const sameState = sentAt !== undefined && reading.allocationStateTransitionTime === sentAt;
  if (!steady || sameState) return { kind: "waiting", progress };
  if (reading.current.dedicated === plan.targets.dedicated && reading.current.spot === plan.targets.spot)
    return { kind: "done", detail: `steady at ${progress}` };
  // Steady short of the targets with no error: the request has not reached the pool yet.
  if (reading.resizeErrors.length === 0 && have === 0) return { kind: "waiting", progress };
  return { kind: "failed", reason: `steady at ${progress}: ${errorsText(reading.resizeErrors)}` };
}
