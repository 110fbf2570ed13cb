import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createActionRunner } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal } from "../../../src/actions/auditJournal.js";
import { createCycleTracker, type CycleTracker } from "../../../src/actions/cycleTracker.js";
import { createPoolIdentities } from "../../../src/actions/poolIdentities.js";
import { createAzureAdapters, type AzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import type { Theme } from "../../../src/model/theme/theme.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import type { DashboardServices } from "../../../src/ui/services.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import { demoClients, identityResourceId, type DemoClients } from "../../helpers/demoClients.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";

// The identity doctor's loop through the real path: the dashboard wired as `showDashboard` wires it
// (real store with the doctor's poll, real adapters, the identity reader, ARM pool management)
// against the demo account's `identity` scenario. `:doctor all` names each pool's case; its fix keys
// attach the node identity reference and cycle the nodes of pools 4 and 3, and the doctor's next
// verdict for each says healthy. The account's clock is frozen: the cycle's waits and the test move it.

const MINUTE = 60_000;
const pool3 = "identity-3-not-referenced";
const pool4 = "identity-4-not-on-pool";

let sim: SimAccount;
let clients: DemoClients;
let theme: Theme;
let directory: string;

before(async () => {
  // Started at the real time, so the panes' ages (on the real clock) and the doctor's (on the
  // account's, below) agree until the test moves the account on.
  sim = await startManagedSimAccount({
    scenario: "identity",
    seed: 4,
    readOnly: false,
    startTime: new Date(),
  });
  clients = demoClients(sim.sim);
  directory = await mkdtemp(join(tmpdir(), "batchtop-doctor-ui-"));
  theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
});
after(async () => {
  sim.sim.stop();
  await rm(directory, { recursive: true, force: true });
});

interface Session {
  terminal: Terminal;
  store: DashboardStore;
  cycles?: CycleTracker;
  journal: string;
  stop(): void;
}

/** The dashboard on the demo account, read-only or not, with its own adapters and audit journal. */
function open(readOnly: boolean): Session {
  const adapters: AzureAdapters = readOnly
    ? createAzureAdapters({
        secondary: loadSecondaryAdapters(),
        batchEndpoint: sim.sim.env.AZURE_BATCH_ENDPOINT,
        credential: sim.credential,
        readOnly: true,
        transport: { ca: sim.sim.certificates.caPem },
        ...simTargets(sim.sim),
      })
    : sim.adapters;
  const { reader, writer, poolManagement, poolManager, identityReader } = adapters;
  assert.ok(poolManagement && identityReader);
  const journal = join(directory, `audit-${readOnly ? "read-only" : "operator"}.jsonl`);
  const attempts = createAttemptLog(createAuditJournal(journal, journal), "demo");
  const poolIdentities = createPoolIdentities({
    management: poolManagement,
    identityReader,
    ...(poolManager ? { manager: poolManager } : {}),
  });
  const cycles = createCycleTracker({
    ports: {
      reader,
      management: poolManagement,
      ...(writer ? { writer } : {}),
      ...(poolManager ? { manager: poolManager } : {}),
    },
    attempts,
    account: "demo",
    wait: async () => sim.sim.world.advance(30_000),
  });
  const services: DashboardServices = {
    themes: { names: [], load: () => Promise.resolve(theme) },
    saveLog: async () => "",
    attempts,
    cycles,
    poolIdentities,
    ...(writer ? { actions: createActionRunner(writer, attempts, poolIdentities) } : {}),
  };
  const store = createDashboardStore(
    {
      reader,
      throttleState: () => adapters.throttles.batch.state(),
      throttleChanges: (listener) => adapters.throttles.batch.onChange(listener),
      management: poolManagement,
      doctor: { poolManagement, reader, identityReader },
    },
    // The doctor judges ages ("stuck for 15 min", "the last hour") on the account's clock.
    { refreshMs: 1000, now: () => sim.sim.world.now().getTime() },
  );
  store.setFocus({});
  const terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "demo", ...(readOnly ? { readOnlySource: "--read-only" } : {}) }}
      keymap={createKeymap({}, { readOnly }).keymap}
      theme={theme}
      services={services}
    />,
    160,
    60,
  );
  return {
    terminal,
    store,
    cycles,
    journal,
    stop() {
      cycles.stop();
      store.stop();
      terminal.unmount();
    },
  };
}

/** Waits for the screen, longer than a key's settling: the doctor reads every pool's nodes and tasks. */
async function waitLong(terminal: Terminal, pattern: RegExp, what?: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await terminal.waitFor(pattern, what);
    } catch (error) {
      if (attempt >= 15) throw error;
    }
  }
}

/** The focused pane's text with its wrapped rows joined again: a long command reads whole. */
function focusedPaneText(frame: string): string {
  return frame
    .split("\n")
    .filter((line) => line.startsWith("┃") && line.endsWith("┃"))
    .map((line) => line.slice(1, -1))
    .join("");
}

/** The requests the account answered since `mark` that change something. */
function mutations(mark: number): string[] {
  return sim.sim.requestLog
    .since(mark)
    .filter((request) => request.method !== "GET" && request.method !== "HEAD")
    .map((request) => `${request.method} ${request.path}`);
}

async function poolIdentityNames(poolId: string): Promise<string[]> {
  const pool = await clients.arm.poolOperations.get(clients.resourceGroup, clients.accountName, poolId);
  return Object.keys(pool.identity?.userAssignedIdentities ?? {})
    .map((id) => id.split("/").pop()!)
    .sort();
}

async function nodesStarted(poolId: string): Promise<boolean> {
  const nodes = await sim.adapters.reader.listNodes(poolId);
  return nodes.length > 0 && nodes.every((node) => node.state === "idle" || node.state === "running");
}

/** The cursor onto a pool's verdict: j or k until its first line carries the mark. */
async function selectVerdict(terminal: Terminal, poolId: string): Promise<void> {
  const marked = new RegExp(`▸ . pool ${poolId} `);
  for (const key of ["k", "k", "k", "j", "j", "j"]) {
    if (marked.test(terminal.frame())) return;
    await terminal.press(key);
  }
  await terminal.waitFor(marked);
}

/** The doctor's attach and cycle for one pool, from its verdict, confirmed in each dialog. */
async function repairFromDoctor(terminal: Terminal, poolId: string): Promise<void> {
  await selectVerdict(terminal, poolId);
  await terminal.press("I");
  await waitLong(terminal, new RegExp(`Attach id-batchtop-nodes to pool ${poolId}`));
  await terminal.press(keys.tab, keys.enter);
  const attached = await waitLong(terminal, /: done, only nodes allocated from now on carry the new set/);
  assert.match(attached, /press C to cycle/);
  // C right then: the cycle of the pool the identity went to.
  await terminal.press("C");
  const plan = await waitLong(terminal, new RegExp(`Cycle the nodes of pool ${poolId}`));
  if (/Type the pool id/.test(plan))
    await terminal.press(keys.tab, keys.tab, ...poolId, keys.tab, keys.enter);
  else await terminal.press(keys.tab, keys.tab, keys.enter);
  await waitLong(terminal, new RegExp(`cycle of ${poolId} done`));
  for (let minute = 0; !(await nodesStarted(poolId)); minute++) {
    assert.ok(minute < 15, `the nodes of ${poolId} did not start`);
    sim.sim.world.advance(MINUTE);
  }
}

test(":doctor all names the four cases and the account's; I and C from the verdicts heal pools 4 and 3", async () => {
  const session = open(false);
  const { terminal } = session;
  try {
    await waitLong(terminal, /Pools \(4\)/);
    await terminal.press(":", "doctor all", keys.enter);
    let frame = await waitLong(terminal, /every pool: 3 of 4 need attention/);
    // The pools that need attention are drawn first and the cursor starts on the first of them, on
    // screen; its grant is shown whole, never run.
    assert.match(
      frame,
      /need attention.*\n(.*\n)?.*▸ ✗ pool identity-2-no-permission {2}identity-without-storage-role/,
    );
    assert.match(frame, /<I> identity/, "the fix keys are in the pane's hints");
    assert.match(frame, /<C> cycle/);
    // j moves the cursor a verdict at a time and brings it to the top of the pane.
    await terminal.press("j");
    frame = terminal.frame();
    assert.match(frame, /▸ ✗ pool identity-3-not-referenced {2}nodes-before-reference/);
    assert.doesNotMatch(frame, /✗ pool identity-2-no-permission/, "scrolled to the selected verdict");
    assert.match(
      frame,
      /1\. attach id-batchtop-nodes to pool identity-3-not-referenced \(I on the pool or its :doctor verdict\)/,
    );
    await terminal.press("j");
    assert.match(terminal.frame(), /▸ ✗ pool identity-4-not-on-pool {2}reference-not-on-pool/);
    await terminal.press("G");
    frame = terminal.frame();
    assert.match(frame, /✗ account batchtopdemo {2}account-identity-without-autostorage-role/);
    assert.match(
      focusedPaneText(frame),
      /az role assignment create --assignee-object-id [0-9a-f-]{36} --assignee-principal-type ServicePrincipal --role "Storage Blob Data Contributor" --scope \/subscriptions\/[^ ]+\/storageAccounts\/stbatchtopdemo/,
    );
    await terminal.press("k", "k");
    frame = terminal.frame();
    assert.match(frame, /▸ ✗ pool identity-2-no-permission/);
    assert.match(
      focusedPaneText(frame),
      /az role assignment create .* --role "Storage Blob Data Reader" --scope /,
    );

    // Enter on an untouched dialog changes nothing: Cancel is focused in both.
    await selectVerdict(terminal, pool4);
    const untouched = sim.sim.requestLog.mark();
    await terminal.press("I");
    frame = await waitLong(terminal, new RegExp(`Attach id-batchtop-nodes to pool ${pool4}`));
    assert.match(frame, /keep id-batchtop-keyvault/);
    assert.match(frame, /add id-batchtop-nodes/);
    await terminal.press(keys.enter);
    await terminal.waitFor(/cancelled: nothing was changed/);
    await terminal.press("C");
    await waitLong(terminal, new RegExp(`Cycle the nodes of pool ${pool4}`));
    await terminal.press(keys.enter);
    await terminal.waitFor(/cancelled: nothing was changed/);
    assert.deepEqual(mutations(untouched), [], "no PATCH, no resize");
    assert.deepEqual(await poolIdentityNames(pool4), ["id-batchtop-keyvault"]);

    // Pool 4: attach (the union, verified through the SDK), then cycle.
    await repairFromDoctor(terminal, pool4);
    assert.deepEqual(await poolIdentityNames(pool4), ["id-batchtop-keyvault", "id-batchtop-nodes"]);
    // Pool 3 needs the same, as its verdict says.
    await repairFromDoctor(terminal, pool3);
    assert.deepEqual(await poolIdentityNames(pool3), ["id-batchtop-keyvault", "id-batchtop-nodes"]);

    // Tasks run on the new nodes; the doctor's next check (r asks at once) finds both healthy.
    sim.sim.world.advance(15 * MINUTE);
    await terminal.press("r");
    // Healed, they move down among the healthy pools; the cursor goes with pool 3, and j reaches 4.
    await waitLong(terminal, new RegExp(`▸ ✓ pool ${pool3} {2}healthy`));
    await terminal.press("j");
    assert.match(terminal.frame(), new RegExp(`▸ ✓ pool ${pool4} {2}healthy`));
    await terminal.press("g");
    frame = terminal.frame();
    assert.match(frame, /every pool: 1 of 4 need attention/);
    assert.match(
      frame,
      /need attention.*\n(.*\n)?.*✗ pool identity-2-no-permission {2}identity-without-storage-role/,
    );
    const attach = identityResourceId(sim.sim, "id-batchtop-nodes");
    assert.ok(attach.endsWith("/id-batchtop-nodes"));
  } finally {
    session.stop();
  }
});

test("read-only: :doctor works, its fix keys do not exist, and a sweep of them sends nothing", async () => {
  const session = open(true);
  const { terminal } = session;
  try {
    await waitLong(terminal, /Pools \(4\)/);
    const mark = sim.sim.requestLog.mark();
    await terminal.press(":", "doctor all", keys.enter);
    const frame = await waitLong(terminal, /every pool: \d of 4 need attention/);
    assert.doesNotMatch(frame, /<I> identity|<C> cycle/, "no fix key in the hints");
    for (const key of ["I", "C", keys.enter, "j", "I", "C", "S", "x", keys.esc, "I", "C"])
      await terminal.press(key);
    assert.match(terminal.frame(), /read-only: /);
    // The only POST a read-only batchtop may send is a Log Analytics query.
    const sent = sim.sim.requestLog
      .since(mark)
      .filter((request) => request.method !== "GET" && request.method !== "HEAD")
      .filter(
        (request) => !(request.method === "POST" && /\/v1\/workspaces\/[^/]+\/query$/.test(request.path)),
      );
    assert.deepEqual(sent, []);
    // Refused and journalled, naming the verdict's pool, as S, B and R are.
    const refused = (await readFile(session.journal, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string; target: string; outcome: string });
    assert.ok(
      refused.some((entry) => entry.action === "attach-identity" && entry.outcome === "refused"),
      JSON.stringify(refused),
    );
    assert.ok(refused.some((entry) => entry.action === "cycle" && /pool identity-/.test(entry.target)));
  } finally {
    session.stop();
  }
});
