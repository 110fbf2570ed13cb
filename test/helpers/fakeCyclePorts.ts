import type { CyclePorts } from "../../src/actions/nodeCycle.js";
import type { PoolResize } from "../../src/azure/batchWriter.js";
import type { FakeAccount } from "./fakeDashboardStore.js";

/**
 * A node cycle's ports on a fake account: reads answer the account as the test set it, a resize is
 * recorded and starts the pool resizing. The test moves the pool on, then lets the cycle read again.
 */
export interface FakeCyclePorts extends CyclePorts {
  resizes: [poolId: string, resize: PoolResize][];
  /** The next resize is refused with these words (and changes nothing). */
  refuseNext(message: string): void;
  /** The cycle's wait between two reads: resolves when the test calls `step`. */
  wait(): Promise<void>;
  /** Lets a waiting cycle read the pool again (waits until one is waiting). */
  step(): Promise<void>;
}

export function fakeCyclePorts(account: FakeAccount): FakeCyclePorts {
  const resizes: FakeCyclePorts["resizes"] = [];
  let refusal: string | undefined;
  const waiting: (() => void)[] = [];
  const watchers: (() => void)[] = [];
  const refuse = async () => {
    throw new Error("not part of a cycle");
  };
  return {
    resizes,
    refuseNext: (message) => {
      refusal = message;
    },
    reader: {
      listPools: async () => account.pools.map((pool) => ({ ...pool })),
      listNodes: async (poolId) => account.nodesByPool?.[poolId] ?? [],
    },
    writer: {
      resizePool: async (poolId, resize) => {
        const refused = refusal;
        refusal = undefined;
        if (refused) throw new Error(refused);
        resizes.push([poolId, resize]);
        const pool = account.pools.find((candidate) => candidate.id === poolId);
        if (pool)
          Object.assign(pool, {
            targetDedicatedNodes: resize.targetDedicatedNodes,
            targetSpotNodes: resize.targetSpotNodes,
            allocationState: "resizing",
          });
      },
      stopPoolResize: refuse,
      rebootNode: refuse,
      disableNodeScheduling: refuse,
      enableNodeScheduling: refuse,
      removeNodes: refuse,
      reimageNode: refuse,
      reactivateTask: refuse,
      terminateTask: refuse,
      enableAutoScale: refuse,
    },
    wait: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        for (const watcher of watchers.splice(0)) watcher();
      }),
    async step() {
      while (waiting.length === 0) await new Promise<void>((resolve) => watchers.push(resolve));
      waiting.shift()?.();
    },
  };
}
