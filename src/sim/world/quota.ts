// The Batch account's core quotas: dedicated and Spot/low-priority cores are counted separately
// across all pools, and an allocation that would pass the quota fails with the service's error.

import type { ResizeError } from "./entities.js";
import type { PoolRecord, SimState } from "./state.js";

/** Cores of an Azure VM size, read from its name (`standard_d4s_v3` → 4, `standard_e16s_v3` → 16). */
export function coresOf(vmSize: string): number {
  const match = /^standard_[a-z]+?(\d+)/i.exec(vmSize);
  return match ? Number(match[1]) : 1;
}

function coresInUse(sim: SimState, dedicated: boolean): number {
  let cores = 0;
  for (const record of sim.poolRecords.values()) {
    const nodes = dedicated ? record.pool.currentDedicatedNodes : record.pool.currentLowPriorityNodes;
    cores += nodes * record.cores;
  }
  return cores;
}

/** The resize error an allocation of one more node would meet, or undefined when the quota allows it. */
export function quotaErrorForAllocation(
  sim: SimState,
  pool: PoolRecord,
  dedicated: boolean,
): ResizeError | undefined {
  const quota = dedicated ? sim.account.dedicatedCoreQuota : sim.account.lowPriorityCoreQuota;
  const inUse = coresInUse(sim, dedicated);
  if (inUse + pool.cores <= quota) return undefined;
  const kind = dedicated ? "dedicated" : "low-priority";
  return {
    code: dedicated ? "AccountCoreQuotaReached" : "AccountLowPriorityCoreQuotaReached",
    message: dedicated
      ? "The specified account has reached VM core quota"
      : "The specified account has reached low priority VM core quota",
    values: [
      {
        name: "Reason",
        value: `A ${pool.pool.vmSize} node needs ${pool.cores} cores; ${inUse} of the account's ${quota} ${kind} cores are in use.`,
      },
    ],
  };
}
