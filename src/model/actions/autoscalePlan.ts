// A new autoscale formula for an autoscaled pool (Batch's enableautoscale): planned from the text the
// operator edited in the autoscale dialog, refused here where Batch would refuse it or where the
// operator's own Evaluate of exactly this text failed, and described for the confirmation.
import {
  MAX_FORMULA_LENGTH,
  autoScaleErrorLine,
  formulaAsOneLine,
  formulaStatements,
  parseAutoScaleResults,
  type AutoScaleRun,
} from "../autoscale.js";
import type { PoolSummary } from "../pools.js";
import type { PlanDescription } from "./planDescription.js";

export interface AutoscalePlan {
  kind: "autoscale-formula";
  poolId: string;
  /** The formula the pool has, as one line. */
  from: string;
  /** The formula sent, as edited. */
  to: string;
  /** The targets the operator's Evaluate of exactly `to` gave, against what the pool had then. */
  evaluated?: { dedicated: number; spot: number; currentDedicated: number; currentSpot: number };
}

/** The dialog's last Evaluate: of which text, and what Batch answered (or why it could not be asked). */
export type AutoscaleEvaluation =
  | { formula: string; state: "running" }
  | { formula: string; state: "done"; run: AutoScaleRun }
  | { formula: string; state: "failed"; error: string };

/**
 * `A`'s dialog: the pool's formula as one line, edited; its last Evaluate; focus on the formula,
 * then Cancel, Evaluate, Apply (Enter in the formula moves on, so it never sends). `opened` tells this
 * opening's Evaluate answers from an earlier one's.
 */
export interface AutoscaleDialog {
  kind: "autoscale";
  poolId: string;
  text: string;
  opened: number;
  evaluation?: AutoscaleEvaluation;
  focus: number;
}

/** Two formulas are the same when their statements are, whatever the spacing and separators. */
export function sameFormula(a: string, b: string): boolean {
  const statements = (formula: string) =>
    formulaStatements(formula).map((statement) => statement.replace(/\s+/g, ""));
  return JSON.stringify(statements(a)) === JSON.stringify(statements(b));
}

/** `A` on a pool without autoscale: what to do instead (turning autoscale on is not offered). */
export function fixedPoolProblem(pool: PoolSummary): string | undefined {
  return pool.enableAutoScale ? undefined : `${pool.id} scales to fixed targets; S resizes it`;
}

function resultTarget(run: AutoScaleRun, name: string): number | undefined {
  const value = parseAutoScaleResults(run.results ?? "").find((result) => result.name === name)?.value;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * The plan of sending `text` as the pool's formula. Refused: a pool without autoscale, an empty or
 * too long formula, the formula the pool already has, a pool that is resizing (Batch refuses
 * enableautoscale then), and a text whose last Evaluate failed.
 */
export function autoscalePlan(
  pool: PoolSummary,
  text: string,
  evaluation: AutoscaleEvaluation | undefined,
): { plan: AutoscalePlan } | { problem: string } {
  const fixed = fixedPoolProblem(pool);
  if (fixed) return { problem: fixed };
  const formula = text.trim();
  if (formulaStatements(formula).length === 0) return { problem: "the formula is empty" };
  if (formula.length > MAX_FORMULA_LENGTH)
    return { problem: `Batch refuses a formula longer than ${MAX_FORMULA_LENGTH} characters` };
  const current = pool.autoScale?.formula ?? "";
  if (sameFormula(current, formula))
    return { problem: `this is the formula ${pool.id} already has; nothing to apply` };
  if (pool.allocationState.toLowerCase() !== "steady")
    return {
      problem: `${pool.id} is ${pool.allocationState}; Batch changes the formula of a steady pool only`,
    };
  const evaluatedThis = evaluation?.formula === formula ? evaluation : undefined;
  if (evaluatedThis?.state === "failed")
    return { problem: `the last Evaluate of this formula failed (${evaluatedThis.error}); fix it first` };
  if (evaluatedThis?.state === "done" && evaluatedThis.run.error)
    return {
      problem: `the last Evaluate of this formula failed: ${autoScaleErrorLine(evaluatedThis.run.error)}; fix it first`,
    };
  const run = evaluatedThis?.state === "done" ? evaluatedThis.run : undefined;
  const dedicated = run && resultTarget(run, "$TargetDedicatedNodes");
  const spot = run && resultTarget(run, "$TargetLowPriorityNodes");
  return {
    plan: {
      kind: "autoscale-formula",
      poolId: pool.id,
      from: formulaAsOneLine(current),
      to: formula,
      ...(dedicated !== undefined && spot !== undefined
        ? {
            evaluated: {
              dedicated,
              spot,
              currentDedicated: pool.currentDedicatedNodes,
              currentSpot: pool.currentSpotNodes,
            },
          }
        : {}),
    },
  };
}

export function describeAutoscalePlan(plan: AutoscalePlan): PlanDescription {
  const { evaluated } = plan;
  const changes = [`formula now: ${plan.from}`, `formula sent: ${plan.to}`];
  if (evaluated)
    changes.push(
      `evaluated just now: dedicated ${evaluated.currentDedicated} → ${evaluated.dedicated}, spot ${evaluated.currentSpot} → ${evaluated.spot}`,
    );
  const removed =
    evaluated &&
    Math.max(0, evaluated.currentDedicated - evaluated.dedicated) +
      Math.max(0, evaluated.currentSpot - evaluated.spot);
  return {
    title: `Change the autoscale formula of pool ${plan.poolId}`,
    changes,
    ...(removed
      ? { danger: `by its evaluation the pool shrinks by ${removed} node${removed === 1 ? "" : "s"}` }
      : {}),
    note: evaluated
      ? "Batch evaluates it at once and the pool follows its targets"
      : "not evaluated: Batch evaluates it at once and the pool follows whatever targets it gives",
    apply: "Apply",
  };
}

/** The journal's and the flash line's name for what the plan acts on. */
export const autoscalePlanTarget = (plan: AutoscalePlan) => `pool ${plan.poolId}`;

/** Done when the polls show the pool with the formula sent. */
export function autoscaleOutcome(
  plan: AutoscalePlan,
  pools: readonly PoolSummary[] | undefined,
): { kind: "waiting" } | { kind: "done"; detail: string } {
  const pool = pools?.find((candidate) => candidate.id === plan.poolId);
  const formula = pool?.autoScale?.formula;
  if (formula === undefined || !sameFormula(formula, plan.to)) return { kind: "waiting" };
  const run = pool?.autoScale?.lastRun;
  return {
    kind: "done",
    detail: run?.error
      ? `the pool has the formula; its evaluation failed: ${autoScaleErrorLine(run.error)}`
      : `the pool has the formula; targets dedicated ${pool?.targetDedicatedNodes}, spot ${pool?.targetSpotNodes}`,
  };
}
