import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { render } from "ink-testing-library";
import type { BatchReader } from "../../src/azure/batchReader.js";
import { fakeBatchReader } from "../helpers/fakeBatchReader.js";
import type { PoolNodeCounts, PoolSummary } from "../../src/model/pools.js";
import type { NodeSummary } from "../../src/model/nodes.js";
import { createOverviewStore, type OverviewStore } from "../../src/store/overviewStore.js";
import { OverviewScreen } from "../../src/ui/OverviewScreen.js";

function pool(id: string, extra: Partial<PoolSummary> = {}): PoolSummary {
  return {
    id,
    vmSize: "standard_d2s_v3",
    state: "active",
    allocationState: "steady",
    currentDedicatedNodes: 2,
    targetDedicatedNodes: 2,
    currentSpotNodes: 0,
    targetSpotNodes: 0,
    enableAutoScale: false,
    taskSlotsPerNode: 1,
    identityCount: 0,
    resizeErrors: [],
    ...extra,
  };
}

function node(id: string, state: string): NodeSummary {
  return { id, state, schedulingState: "enabled", runningTasksCount: 0, isDedicated: true, errors: [] };
}

/** An in-memory reader: the store and screen run exactly as against Azure. */
function fakeReader(): BatchReader {
  const nodes: Record<string, NodeSummary[]> = {
    alpha: [node("alpha-node-1", "idle")],
    beta: [node("beta-node-1", "unusable"), node("beta-node-2", "running")],
  };
  return fakeBatchReader({
    listPools: async () => [
      pool("alpha"),
      pool("beta", { resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }] }),
    ],
    poolNodeCounts: async (): Promise<PoolNodeCounts[]> => [
      { poolId: "alpha", byState: { idle: 1 }, total: 1 },
      { poolId: "beta", byState: { unusable: 1, running: 1 }, total: 2 },
    ],
    listNodes: async (poolId) => nodes[poolId] ?? [],
  });
}

let store: OverviewStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  store?.stop();
});

async function waitFor(frame: () => string | undefined, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = frame() ?? "";
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`screen never showed ${pattern}:\n${frame()}`);
}

test("pools and the first pool's nodes appear; j moves to the next pool and its nodes", async () => {
  store = createOverviewStore(fakeReader(), 60_000);
  const app = render(<OverviewScreen store={store} accountLabel="acct" />);
  cleanup = app.unmount;
  await store.start();
  await waitFor(app.lastFrame, /alpha-node-1/);
  app.stdin.write("j");
  const frame = await waitFor(app.lastFrame, /beta-node-1/);
  assert.match(frame, /▸ beta/);
  assert.match(frame, /AccountCoreQuotaReached/);
  assert.match(frame, /unusable/);
});
