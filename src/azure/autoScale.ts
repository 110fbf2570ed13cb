import type { BatchServiceClient } from "@azure/batch";
import { abortable } from "./batchPaging.js";
import { toAutoScaleRun } from "./poolReads.js";
import type { AccountThrottle } from "./throttle.js";
import type { AutoScaleRun } from "../model/autoscale.js";

/**
 * Batch's Pool_EvaluateAutoScale: what a formula would do to a pool now, without applying it. It
 * changes nothing, so it exists in read-only mode too (the read-only guard lets exactly this POST
 * through) and, like a read, is retried on throttling.
 */
export interface AutoScaleEvaluator {
  evaluate(poolId: string, formula: string, signal?: AbortSignal): Promise<AutoScaleRun>;
}

export function createAutoScaleEvaluator(
  client: BatchServiceClient,
  throttle: AccountThrottle,
): AutoScaleEvaluator {
  return {
    evaluate: async (poolId, formula, signal) =>
      toAutoScaleRun(
        await throttle.run((attempt) => client.pool.evaluateAutoScale(poolId, formula, abortable(attempt)), {
          ...(signal ? { signal } : {}),
        }),
      ),
  };
}
