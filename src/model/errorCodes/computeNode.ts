import type { ErrorCodeEntry } from "./entry.js";

// Compute node error codes (a node's `errors`), from Batch's pool and node error checking guide and
// the managed identity behaviour tables of 001_a5bcfcf801ea43e6.txt.

const nodeErrors = "https://learn.microsoft.com/azure/batch/batch-pool-node-error-checking";

export const computeNodeCodes: readonly ErrorCodeEntry[] = [
  {
    code: "ApplicationPackageError",
    means:
      "the node could not install the pool's application packages and is unusable; with managed identities, often the autostorage node identity is not on the pool",
    check: "the error's details, the account's autostorage node identity reference and the pool's identities",
    fix: "attach the referenced identity to the pool (or correct the package), then replace the nodes (scale in and out)",
    docs: `${nodeErrors}#application-package-download-failure`,
  },
  {
    code: "DiskFull",
    means: "the node's temporary disk, where Batch keeps task files, is full, so the node turned unusable",
    check: "what fills it: task outputs kept too long, large resource files, many tasks per node",
    fix: "shorten task retention, clean up in the program, or use a VM size with a larger temporary disk; reimage the node",
    docs: `${nodeErrors}#node-disk-full`,
  },
];
