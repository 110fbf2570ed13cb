import { test, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { render } from "ink-testing-library";
import { AzureRequestError } from "../../src/azure/azureError.js";
import type { NodeSummary } from "../../src/model/nodes.js";
import type { PoolNodeCounts } from "../../src/model/pools.js";
import { createDashboardStore, type DashboardStore } from "../../src/store/dashboardStore.js";
import { loadTheme } from "../../src/cli/config/loadTheme.js";
import type { Theme } from "../../src/model/theme/theme.js";
import { OverviewScreen } from "../../src/ui/OverviewScreen.js";
import { ThemeProvider } from "../../src/ui/theme/ThemeContext.js";
import { fakeBatchReader } from "../helpers/fakeBatchReader.js";
import { nodeSummary, poolSummary } from "../helpers/modelFixtures.js";

let throttled = false;

/** An in-memory reader: the store and screen run exactly as against Azure. */
function reader() {
  const nodes: Record<string, NodeSummary[]> = {
    alpha: [nodeSummary("alpha-node-1", "idle")],
    beta: [nodeSummary("beta-node-1", "unusable"), nodeSummary("beta-node-2", "running")],
  };
  return fakeBatchReader({
    listPools: async () => {
      if (throttled)
        throw new AzureRequestError("Too many requests.", 429, "TooManyRequests", 12_000, undefined);
      return [
        poolSummary("alpha"),
        poolSummary("beta", { resizeErrors: [{ code: "AccountCoreQuotaReached", message: "quota" }] }),
      ];
    },
    poolNodeCounts: async (): Promise<PoolNodeCounts[]> => [
      { poolId: "alpha", byState: { idle: 1 }, total: 1 },
      { poolId: "beta", byState: { unusable: 1, running: 1 }, total: 2 },
    ],
    listJobs: async () => [],
    listNodes: async (poolId) => nodes[poolId] ?? [],
  });
}

let store: DashboardStore | undefined;
let theme: Theme;
before(async () => {
  // The built-in dark theme, as a user without a --theme gets it.
  theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
});
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  store?.stop();
  throttled = false;
});

async function waitFor(frame: () => string | undefined, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const text = frame() ?? "";
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`screen never showed ${pattern}:\n${frame()}`);
}

function show(readOnlySource?: string) {
  store = createDashboardStore({ reader: reader() }, { refreshMs: 60_000 });
  const app = render(
    <ThemeProvider theme={theme}>
      <OverviewScreen
        store={store}
        header={{ accountLabel: "acct", ...(readOnlySource ? { readOnlySource } : {}) }}
      />
    </ThemeProvider>,
  );
  cleanup = app.unmount;
  store.setFocus({});
  return app;
}

test("pools and the first pool's nodes appear; j moves to the next pool and its nodes", async () => {
  const app = show();
  await waitFor(app.lastFrame, /alpha-node-1/);
  app.stdin.write("j");
  const frame = await waitFor(app.lastFrame, /beta-node-1/);
  assert.match(frame, /▸ beta/);
  assert.match(frame, /AccountCoreQuotaReached/);
  assert.match(frame, /✗ unusable/, "a node's state is a symbol and a word, not a colour alone");
});

test("the header says who set read-only", async () => {
  const app = show("policy /etc/batchtop/policy.json");
  const frame = await waitFor(app.lastFrame, /alpha/);
  assert.match(frame, /READ-ONLY \(policy \/etc\/batchtop\/policy\.json\)/);
});

test("a throttled refresh shows the data as stale with the 429, never as fresh", async () => {
  const app = show();
  await waitFor(app.lastFrame, /alpha-node-1/);
  throttled = true;
  app.stdin.write("r");
  const frame = await waitFor(app.lastFrame, /stale/);
  assert.match(frame, /stale \d+s: HTTP 429 TooManyRequests: Too many requests\./);
  assert.match(frame, /alpha/, "the last pools stay on screen");
});
