// Runs a node cycle: scale to 0, wait until steady at 0, scale back. Every step is journalled with
// the whole plan, so a cycle cut short (quit, crash, lost connection) is found at the next start.
import { randomUUID } from "node:crypto";
import type { BatchReader } from "../azure/batchReader.js";
import type { BatchWriter } from "../azure/batchWriter.js";
import { describeError } from "../azure/describeError.js";
import type { PoolManagement } from "../azure/poolManagement.js";
import type { PoolManager } from "../azure/poolManager.js";
import {
  describeCyclePlan,
  type CyclePlan,
  type CyclePoolState,
  type CycleRoute,
} from "../model/actions/cyclePlan.js";
import {
  judgeDown,
  judgeUp,
  type CyclePoolReading,
  type CycleStep,
  type StepJudgement,
  type UnfinishedCycle,
} from "../model/actions/cycleSteps.js";
import type { ManagedPool, PoolSummary } from "../model/pools.js";
import type { Attempt, AttemptLog } from "./attemptLog.js";
import type { AuditOutcome } from "./auditJournal.js";

/** What a cycle reads and sends through; the senders exist only outside read-only mode. */
export interface CyclePorts {
  reader: Pick<BatchReader, "listPools" | "listNodes">;
  writer?: BatchWriter;
  management?: Pick<PoolManagement, "getPool">;
  manager?: PoolManager;
}

export interface CycleRunOptions {
  ports: CyclePorts;
  attempts: AttemptLog;
  /** Quitting batchtop aborts the watch; the journal keeps the cycle unfinished. */
  signal?: AbortSignal;
  /** Waits between two reads of the pool; tests move the demo account's clock instead. */
  wait: (signal?: AbortSignal) => Promise<void>;
  onProgress?: (phase: "down" | "up", text: string) => void;
  /** A journal line could not be written: the cycle goes on (stopping it could strand the pool at 0). */
  onJournalTrouble?: (message: string) => void;
  /** Finishing a cycle found in the journal: its steps already done are not sent again. */
  resume?: UnfinishedCycle;
}

export type CycleResult = { kind: "done"; detail: string };

/** A step that failed: the pool may be anywhere between its old size and 0. */
export class CycleStepError extends Error {
  constructor(
    message: string,
    /** Nothing had been sent yet: the pool is as it was. */
    readonly nothingSent: boolean,
  ) {
    super(message);
    this.name = "CycleStepError";
  }
}

/** The route the caller's access allows: ARM's scale settings when pool management may write. */
export function cycleRoute(ports: CyclePorts): CycleRoute | undefined {
  if (ports.manager && ports.management) return "arm";
  return ports.writer ? "data-plane" : undefined;
}

export function readingFromManagedPool(pool: ManagedPool): CyclePoolReading {
  const { scale } = pool;
  return {
    allocationState: pool.allocationState,
    ...(pool.allocationStateTransitionTime
      ? { allocationStateTransitionTime: pool.allocationStateTransitionTime.getTime() }
      : {}),
    current: { dedicated: pool.currentDedicatedNodes, spot: pool.currentSpotNodes },
    ...(scale.mode === "fixed"
      ? { targets: { dedicated: scale.targetDedicatedNodes, spot: scale.targetSpotNodes } }
      : {}),
    autoscale: scale.mode === "auto",
    resizeErrors: pool.resizeOperation?.errors ?? [],
  };
}

export function readingFromSummary(pool: PoolSummary): CyclePoolReading {
  return {
    allocationState: pool.allocationState,
    ...(pool.allocationStateTransitionTime
      ? { allocationStateTransitionTime: pool.allocationStateTransitionTime.getTime() }
      : {}),
    current: { dedicated: pool.currentDedicatedNodes, spot: pool.currentSpotNodes },
    ...(pool.enableAutoScale
      ? {}
      : { targets: { dedicated: pool.targetDedicatedNodes, spot: pool.targetSpotNodes } }),
    autoscale: pool.enableAutoScale,
    resizeErrors: pool.resizeErrors,
  };
}

export function planningStateFromManagedPool(pool: ManagedPool): CyclePoolState {
  return {
    id: pool.id,
    allocationState: pool.allocationState,
    currentDedicatedNodes: pool.currentDedicatedNodes,
    currentSpotNodes: pool.currentSpotNodes,
    scale: pool.scale,
    ...(pool.etag ? { etag: pool.etag } : {}),
  };
}

export function planningStateFromSummary(pool: PoolSummary): CyclePoolState {
  return {
    id: pool.id,
    allocationState: pool.allocationState,
    currentDedicatedNodes: pool.currentDedicatedNodes,
    currentSpotNodes: pool.currentSpotNodes,
    scale: pool.enableAutoScale
      ? { mode: "autoscale-unread" }
      : {
          mode: "fixed",
          targetDedicatedNodes: pool.targetDedicatedNodes,
          targetSpotNodes: pool.targetSpotNodes,
        },
  };
}

async function dataPlanePool(ports: CyclePorts, poolId: string, signal?: AbortSignal): Promise<PoolSummary> {
  const pool = (await ports.reader.listPools(signal)).find((candidate) => candidate.id === poolId);
  if (!pool) throw new Error(`pool ${poolId} is no longer in the account`);
  return pool;
}

/** The pool as the route sees it: ARM shows the formula, the data plane does not. */
export async function readCyclePool(
  ports: CyclePorts,
  route: CycleRoute,
  poolId: string,
  signal?: AbortSignal,
): Promise<CyclePoolReading> {
  if (route === "arm" && ports.management)
    return readingFromManagedPool(await ports.management.getPool(poolId, signal));
  return readingFromSummary(await dataPlanePool(ports, poolId, signal));
}

export const cycleAttempt = (plan: CyclePlan): Attempt => ({
  action: "cycle",
  target: `pool ${plan.poolId}`,
  changes: describeCyclePlan(plan).changes,
});

/** Sends one scale change of the cycle by its route. */
async function sendScale(
  ports: CyclePorts,
  plan: CyclePlan,
  step: "down" | "up",
  signal?: AbortSignal,
): Promise<void> {
  const targets = step === "down" ? { dedicated: 0, spot: 0 } : plan.targets;
  if (plan.route === "arm") {
    if (!ports.manager) throw new Error("pool management through ARM is read-only here");
    const scale =
      step === "up" && plan.autoscale
        ? { mode: "auto" as const, ...plan.autoscale }
        : {
            mode: "fixed" as const,
            targetDedicatedNodes: targets.dedicated,
            targetSpotNodes: targets.spot,
            nodeDeallocationOption: plan.deallocation,
          };
    // Only the first request is tied to the pool as planned; later ones follow the cycle's own changes.
    await ports.manager.setScaleSettings(plan.poolId, scale, {
      ...(step === "down" && plan.etag ? { etag: plan.etag } : {}),
      ...(signal ? { signal } : {}),
    });
    return;
  }
  if (!ports.writer) throw new Error("sending changes is off (read-only)");
  await ports.writer.resizePool(
    plan.poolId,
    {
      targetDedicatedNodes: targets.dedicated,
      targetSpotNodes: targets.spot,
      nodeDeallocationOption: plan.deallocation,
    },
    signal,
  );
}

/**
 * Runs (or finishes) one cycle to its end. Resolves when the pool is back; rejects with a
 * CycleStepError when a request is refused or the pool stops short, and with the signal's reason
 * when aborted. Either way the journal tells the next start whether the cycle is unfinished.
 */
export async function runCycle(plan: CyclePlan, options: CycleRunOptions): Promise<CycleResult> {
  const { ports, attempts, signal, wait, onProgress, onJournalTrouble, resume } = options;
  const id = resume?.id ?? randomUUID();
  const attempt = cycleAttempt(plan);
  const record = async (
    step: CycleStep,
    outcome: AuditOutcome,
    words: { error?: string; detail?: string },
  ) => {
    try {
      await attempts.record(attempt, outcome, { ...words, cycle: { id, step, plan } });
    } catch (error) {
      onJournalTrouble?.(`not written to ${attempts.journal.shownAs}: ${describeError(error)}`);
    }
  };
  const read = () => readCyclePool(ports, plan.route, plan.poolId, signal);
  const send = async (step: "down" | "up", nothingSentBefore: boolean) => {
    try {
      await sendScale(ports, plan, step, signal);
    } catch (error) {
      const message = describeError(error);
      await record(step, "failed", { error: message });
      throw new CycleStepError(message, nothingSentBefore);
    }
    await record(step, "sent", {
      detail: step === "down" ? "scaling to 0 nodes" : plan.autoscale ? "autoscale back on" : "scaling back",
    });
  };
  /** Reads until the judgement is no longer waiting; a failed read is retried, never the end of the cycle. */
  const watch = async (
    phase: "down" | "up",
    judge: (reading: CyclePoolReading) => StepJudgement,
  ): Promise<Exclude<StepJudgement, { kind: "waiting" }>> => {
    for (;;) {
      signal?.throwIfAborted();
      try {
        const judgement = judge(await read());
        if (judgement.kind !== "waiting") return judgement;
        onProgress?.(phase, judgement.progress);
      } catch (error) {
        signal?.throwIfAborted();
        onProgress?.(phase, `cannot read the pool (${describeError(error)}); trying again`);
      }
      await wait(signal);
    }
  };

  const upSent = resume?.upSent ?? false;
  if (!upSent && !resume?.downSettled) {
    const now = await read();
    // Finishing a cycle whose scale to 0 went out: it is not sent again.
    const atZero = now.targets !== undefined && now.targets.dedicated + now.targets.spot === 0;
    if (!resume || !atZero) await send("down", !resume);
    onProgress?.("down", "to 0");
    const down = await watch("down", judgeDown);
    if (down.kind === "failed") {
      await record("down-settled", "failed", { error: down.reason });
      throw new CycleStepError(down.reason, false);
    }
    await record("down-settled", "done", { detail: down.detail });
  }
  let sentAt: number | undefined;
  if (!upSent) {
    sentAt = (await read()).allocationStateTransitionTime;
    await send("up", false);
  }
  onProgress?.(
    "up",
    plan.autoscale ? "turning autoscale back on" : `0 of ${plan.targets.dedicated + plan.targets.spot}`,
  );
  const up = await watch("up", (reading) => judgeUp(plan, reading, sentAt));
  if (up.kind === "failed") {
    await record("settled", "failed", { error: up.reason });
    throw new CycleStepError(up.reason, false);
  }
  await record("settled", "done", { detail: up.detail });
  return { kind: "done", detail: up.detail };
}

/** The operator gives up the rest of an unfinished cycle: journalled, the pool left as it is. */
export async function abandonCycle(
  unfinished: UnfinishedCycle,
  attempts: AttemptLog,
  poolNow: string,
): Promise<void> {
  await attempts.record(cycleAttempt(unfinished.plan), "done", {
    detail: `abandoned by the operator; the pool is left ${poolNow}`,
    cycle: { id: unfinished.id, step: "abandon", plan: unfinished.plan },
  });
}
