import { AzureRequestError, describeAzureError } from "../azure/azureError.js";
import type { BatchReader } from "../azure/batchReader.js";
import type { NodeSummary } from "../model/nodes.js";
import type { PoolNodeCounts, PoolSummary } from "../model/pools.js";

/** What the screen draws from: replaced as a whole when anything changes, never mutated. */
export interface OverviewSnapshot {
  pools: readonly PoolSummary[];
  nodeCounts: ReadonlyMap<string, PoolNodeCounts>;
  selectedPoolId?: string;
  nodes: readonly NodeSummary[];
  /** When the last successful poll finished. */
  fetchedAt?: Date;
  /** The last poll's failure, kept until a poll succeeds so stale data is never shown as fresh. */
  error?: string;
}

export interface OverviewStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): OverviewSnapshot;
  selectPool(poolId: string | undefined): void;
  /** Polls now, then every `intervalMs`; resolves once the first poll settles. */
  start(): Promise<void>;
  stop(): void;
}

function describe(error: unknown): string {
  return error instanceof AzureRequestError ? describeAzureError(error) : String(error);
}

/**
 * Polls the overview (pools, node counts, the selected pool's nodes) on one timer, never two polls at
 * once, and publishes immutable snapshots for React's useSyncExternalStore.
 */
export function createOverviewStore(reader: BatchReader, intervalMs: number): OverviewStore {
  let snapshot: OverviewSnapshot = { pools: [], nodeCounts: new Map(), nodes: [] };
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  /** Set when something asked for a poll while one ran: the selection changed, so poll again after. */
  let pollAgain = false;
  let stopped = false;
  const abort = new AbortController();

  function publish(next: OverviewSnapshot): void {
    snapshot = next;
    for (const listener of listeners) listener();
  }

  async function poll(): Promise<void> {
    const poolId = snapshot.selectedPoolId;
    try {
      const [pools, counts, nodes] = await Promise.all([
        reader.listPools(abort.signal),
        reader.poolNodeCounts(abort.signal),
        poolId ? reader.listNodes(poolId, abort.signal) : Promise.resolve([]),
      ]);
      if (stopped) return;
      const selectedPoolId = snapshot.selectedPoolId ?? pools[0]?.id;
      publish({
        pools,
        nodeCounts: new Map(counts.map((entry) => [entry.poolId, entry])),
        selectedPoolId,
        // The selection may have moved while this poll ran: its nodes come with the next poll.
        nodes: selectedPoolId === poolId ? nodes : [],
        fetchedAt: new Date(),
      });
      if (selectedPoolId !== poolId) pollAgain = true;
    } catch (error) {
      if (!stopped) publish({ ...snapshot, error: describe(error) });
    }
  }

  function pollOnce(): Promise<void> {
    if (inFlight) {
      pollAgain = true;
      return inFlight;
    }
    inFlight = poll().finally(() => {
      inFlight = undefined;
      if (pollAgain && !stopped) {
        pollAgain = false;
        void pollOnce();
      }
    });
    return inFlight;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    selectPool(poolId) {
      if (poolId === snapshot.selectedPoolId) return;
      publish({ ...snapshot, selectedPoolId: poolId, nodes: [] });
      void pollOnce();
    },
    async start() {
      // A tick that finds a poll still running skips: never two polls of the overview at once.
      timer = setInterval(() => {
        if (!inFlight) void pollOnce();
      }, intervalMs);
      timer.unref();
      await pollOnce();
    },
    stop() {
      stopped = true;
      abort.abort();
      if (timer) clearInterval(timer);
    },
  };
}
