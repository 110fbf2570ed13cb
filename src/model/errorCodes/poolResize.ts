import type { ErrorCodeEntry } from "./entry.js";

// Pool resize error codes (a pool's resizeErrors), from Batch's pool and node error checking guide,
// its quota guide and the status and error code reference.

const nodeErrors = "https://learn.microsoft.com/azure/batch/batch-pool-node-error-checking";
const quota = "https://learn.microsoft.com/azure/batch/batch-quota-limit";

export const poolResizeCodes: readonly ErrorCodeEntry[] = [
  {
    code: "AccountCoreQuotaReached",
    means:
      "the Batch account has no dedicated cores left across its pools, so the pool stopped short of its target",
    check: "the account's dedicated core quota against the cores all pools hold",
    fix: "shrink or delete other pools, use a smaller VM size, or request a quota increase",
    docs: quota,
  },
  {
    code: "AccountLowPriorityCoreQuotaReached",
    means:
      "the Batch account has no Spot (low-priority) cores left, so the pool stopped short of its Spot target",
    check: "the account's Spot core quota against the Spot cores all pools hold",
    fix: "lower Spot targets elsewhere, or request a quota increase",
    docs: quota,
  },
  {
    code: "AccountSpotCoreQuotaReached",
    means: "the Batch account has no Spot cores left, so the pool stopped short of its Spot target",
    check: "the account's Spot core quota against the Spot cores all pools hold",
    fix: "lower Spot targets elsewhere, or request a quota increase",
    docs: quota,
  },
  {
    code: "AllocationTimedOut",
    means: "Batch could not get all the nodes asked for before the resize timeout ran out",
    check:
      "the resize timeout (15 minutes by default), the core quota, and the subnet's free addresses if the pool is in a virtual network",
    fix: "resize again with a longer timeout, or remove what blocks allocation",
    docs: `${nodeErrors}#resize-timeout-or-failure`,
  },
  {
    code: "AllocationFailed",
    means: "Batch could not allocate the nodes asked for; the message and its details say why",
    check: "the error's details, relayed from the service that refused the VMs",
    fix: "retry later, or try another VM size or region",
    docs: `${nodeErrors}#resize-timeout-or-failure`,
  },
  {
    code: "ResizeStopped",
    means: "someone stopped the resize before the pool reached its target",
    check: "the audit journal for a stop-resize, and the pool's current target",
    fix: "resize again if the target still stands",
    docs: `${nodeErrors}#resize-timeout-or-failure`,
  },
];
