import type { ErrorCodeEntry } from "./entry.js";

// Node states that carry a meaning of their own even when the node reports no error code, keyed by
// the state as the data plane spells it. From Batch's pool and node error checking guide and its
// Spot VM guide.

const nodeErrors = "https://learn.microsoft.com/azure/batch/batch-pool-node-error-checking";

export const nodeStateCodes: readonly ErrorCodeEntry[] = [
  {
    code: "starttaskfailed",
    means:
      "the pool's start task failed on this node and the pool waits for it to succeed, so the node takes no work but is still billed",
    check: "the start task's stderr.txt and stdout.txt on the node, and its exit code",
    fix: "fix the start task (it must be safe to run again), then reboot or reimage the node",
    docs: `${nodeErrors}#start-task-failures`,
  },
  {
    code: "unusable",
    means:
      "Batch cannot run tasks on the node; without errors it usually means Batch lost contact with the VM and keeps trying to recover it",
    check: "the node's errors, and the pool's network (blocked ports, no route to storage) and image",
    fix: "fix the cause the errors name, then reimage or remove the node",
    docs: `${nodeErrors}#node-in-unusable-state`,
  },
  {
    code: "preempted",
    means: "Azure took back this Spot node; its running tasks are requeued and Batch tries to replace it",
    check: "how many Spot nodes are preempted and whether the pool keeps reaching its Spot target",
    fix: "nothing for one node; for work that must finish, move it to dedicated nodes",
    docs: "https://learn.microsoft.com/azure/batch/batch-spot-vms",
  },
];
