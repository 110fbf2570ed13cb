import { test, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:net";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { createAzureAdapters, type AzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import type { Theme } from "../../../src/model/theme/theme.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { renderDashboard } from "../../helpers/dashboardFixture.js";
import { renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import { startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// The real dashboard, store and adapters (as `showDashboard` wires them) against an account that
// cannot be reached, and against the demo account answering 429: the header says which.

let theme: Theme;
const cleanups: (() => unknown)[] = [];
before(async () => {
  theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A token is at hand, as after sign-in: what fails is reaching the account. */
const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: "token",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

function showDashboard(adapters: AzureAdapters): { terminal: Terminal; store: DashboardStore } {
  const store = createDashboardStore(
    {
      reader: adapters.reader,
      throttleState: () => adapters.throttles.batch.state(),
      throttleChanges: (listener) => adapters.throttles.batch.onChange(listener),
    },
    { refreshMs: 2000 },
  );
  store.setFocus({});
  const terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "contoso-batch" }}
      keymap={createKeymap({}, { readOnly: true }).keymap}
      theme={theme}
      services={{ themes: { names: [], load: () => Promise.resolve(theme) }, saveLog: async () => "" }}
    />,
  );
  cleanups.push(
    () => store.stop(),
    () => terminal.unmount(),
  );
  return { terminal, store };
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  assert.ok(address !== null && typeof address === "object");
  server.close();
  await once(server, "close");
  return address.port;
}

/** Waits up to 10 s (waitFor gives up after about one) for the screen to satisfy `check`. */
async function eventually(
  terminal: Terminal,
  check: (frame: string) => boolean,
  what: string,
): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    if (check(terminal.frame())) return terminal.frame();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the screen never showed ${what}:\n${terminal.frame()}`);
}

test("a refused connection shows UNREACHABLE and what was tried at once, never THROTTLED", async (t) => {
  const endpoint = `https://127.0.0.1:${await closedPort()}`;
  const started = performance.now();
  const { terminal } = showDashboard(
    createAzureAdapters({
      secondary: loadSecondaryAdapters(),
      batchEndpoint: endpoint,
      credential,
      readOnly: true,
    }),
  );
  const refused = `unreachable: connection refused \\(ECONNREFUSED\\) at ${endpoint.replace(/\./g, "\\.")}`;
  const header = new RegExp(`UNREACHABLE +no data: ${refused}`);
  const frame = await eventually(terminal, (shown) => header.test(shown), "UNREACHABLE in the header");
  const ms = performance.now() - started;
  t.diagnostic(`the header said UNREACHABLE ${ms.toFixed(0)} ms after the dashboard started`);
  // First render and loading the SDK included; it took 20 s while the reads retried behind a backoff.
  assert.ok(ms < 8_000, `took ${ms.toFixed(0)} ms`);
  assert.match(frame, new RegExp(`Pools \\(0\\) · no data: ${refused}`), "the pane says it too");
  assert.doesNotMatch(frame, /THROTTLED|loading…/);
});

let account: SimAccount | undefined;
afterEach(async () => {
  await account?.sim.stop();
  account = undefined;
});

test("429s show THROTTLED; the account going away then shows UNREACHABLE over its stale data", async () => {
  account = await startSimAccount({ scenario: "healthy", storage: false, readOnly: true });
  const { sim } = account;
  const { terminal, store } = showDashboard(account.adapters);
  await eventually(terminal, (frame) => /Pools \(\d+\) · every \d+s/.test(frame), "the account's pools");

  sim.faults.injectNext("throttle", 3, 1);
  store.refresh();
  let frame = await terminal.waitFor(/THROTTLED/, "THROTTLED after the 429s");
  assert.match(frame, /429 throttled/);
  assert.doesNotMatch(frame, /UNREACHABLE/);
  await eventually(terminal, (shown) => !shown.includes("THROTTLED"), "the Retry-After elapsing");

  // What the demo account's process dying looks like from here: nobody listens on its port.
  const endpoint = sim.env.AZURE_BATCH_ENDPOINT.replace(/\./g, "\\.");
  await sim.stop();
  account = undefined;
  store.refresh();
  frame = await terminal.waitFor(/UNREACHABLE/, "UNREACHABLE once the account is gone");
  assert.doesNotMatch(frame, /THROTTLED/);
  assert.match(
    frame,
    new RegExp(
      `Pools \\(\\d+\\) · stale \\d+s: unreachable: connection refused \\(ECONNREFUSED\\) at ${endpoint}`,
    ),
  );
});

test("a notice from the data's source (the demo account exiting) shows in the header as it arrives", async () => {
  let stopped: (line: string) => void = () => undefined;
  const notice = new Promise<string>((resolve) => (stopped = resolve));
  const { terminal } = renderDashboard(theme, { notice });
  cleanups.push(() => terminal.unmount());
  await terminal.waitFor(/Pools \(/);
  assert.doesNotMatch(terminal.frame().split("\n")[0] ?? "", /stopped/);
  // The simulator's last words are a child process's output: control sequences never reach the screen.
  stopped("demo account stopped (exit 1): Error: boom\u001b]0;pwned\u0007");
  const frame = await terminal.waitFor(/demo account stopped/, "the notice");
  assert.match(
    frame.split("\n")[0] ?? "",
    /^batchtop contoso-batch .* demo account stopped \(exit 1\): Error: boom/,
  );
  assert.doesNotMatch(frame, /pwned/);
  assert.ok(!frame.includes("\u001b"), "no escape reaches the screen");
});
