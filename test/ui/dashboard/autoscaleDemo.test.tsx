import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAttemptLog, type AttemptLog } from "../../../src/actions/attemptLog.js";
import { createAuditJournal } from "../../../src/actions/auditJournal.js";
import { createActionRunner } from "../../../src/actions/actionRunner.js";
import { createAzureAdapters, type AzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import { createKeymap } from "../../../src/model/keymap/keymap.js";
import type { Theme } from "../../../src/model/theme/theme.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ThemedDashboard } from "../../../src/ui/runDashboard.js";
import type { DashboardServices } from "../../../src/ui/services.js";
import { demoClients, type DemoClients } from "../../helpers/demoClients.js";
import { keys, renderTerminal, type Terminal } from "../../helpers/renderTerminal.js";
import { startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

// A from the keyboard against the demo account's incident morning, wired as `showDashboard` wires it
// (real store, real adapters): the autoscaled spot pool's formula is edited, evaluated and applied,
// and the SDK sees the new formula; a formula whose Evaluate failed is refused before sending; and in
// a read-only session Evaluate works while Apply is refused and journalled.

const ctrlU = "\u0015";

let sim: SimAccount;
let directory: string;
let theme: Theme;
let clients: DemoClients;
const opened: { terminal: Terminal; store: DashboardStore }[] = [];

before(async () => {
  sim = await startSimAccount({ scenario: "incident", seed: 3, storage: false, readOnly: false });
  directory = await mkdtemp(join(tmpdir(), "batchtop-autoscale-ui-"));
  theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  clients = demoClients(sim.sim);
});
after(async () => {
  for (const { terminal, store } of opened) {
    store.stop();
    terminal.unmount();
  }
  await sim.sim.stop();
  await rm(directory, { recursive: true, force: true });
});

/**
 * The journal once it holds a line matching `pattern`: a refusal is appended after its flash line
 * shows, so the test waits for it as `waitFor` waits for a frame (polling, bounded).
 */
async function journalWith(name: string, pattern: RegExp): Promise<string> {
  let text = "";
  for (let attempt = 0; attempt < 100; attempt++) {
    text = await readFile(join(directory, name), "utf8").catch(() => "");
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`${name} never held ${String(pattern)}:\n${text}`);
}

/** The dashboard over `adapters`, with an audit journal in its own file; read-only when they are. */
function dashboard(adapters: AzureAdapters, journalName: string, readOnly: boolean): Terminal {
  const attempts: AttemptLog = createAttemptLog(
    createAuditJournal(join(directory, journalName), journalName),
    "demo",
  );
  const store = createDashboardStore(
    {
      reader: adapters.reader,
      throttleState: () => adapters.throttles.batch.state(),
      throttleChanges: (listener) => adapters.throttles.batch.onChange(listener),
    },
    { refreshMs: 1000 },
  );
  store.setFocus({});
  const services: DashboardServices = {
    themes: { names: [], load: () => Promise.resolve(theme) },
    saveLog: async () => "",
    attempts,
    autoScale: adapters.autoScale,
    ...(adapters.writer ? { actions: createActionRunner(adapters.writer, attempts) } : {}),
  };
  const terminal = renderTerminal(
    <ThemedDashboard
      store={store}
      header={{ account: "demo", ...(readOnly ? { readOnlySource: "--read-only" } : {}) }}
      keymap={createKeymap({}, { readOnly }).keymap}
      theme={theme}
      services={services}
    />,
  );
  opened.push({ terminal, store });
  return terminal;
}

test("A on the autoscaled spot pool: edit, Evaluate, Apply, confirm; the SDK sees the new formula", async () => {
  const terminal = dashboard(sim.adapters, "audit.jsonl", false);
  await terminal.waitFor(/Pools \(4\)/);
  await terminal.press("/", ..."spot-d2", keys.enter, "A");
  await terminal.waitFor(/Autoscale formula of pool etl-spot-d2/);
  await terminal.waitFor(/\[\$TargetDedicatedNodes = 2; \$queue = /, "the pool's formula, one line");
  await terminal.waitFor(/\$TargetLowPriorityNodes = 8/, "the pool's last evaluation");

  // A formula that cannot be evaluated: its error shows, and Apply refuses it before sending.
  await terminal.press(ctrlU, ..."$TargetLowPriorityNodes = median(4)", keys.enter);
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/error: AutoScalingFormulaEvaluationError: [^]*Message=unknown function median\(\)/);
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/the last Evaluate of this formula failed: AutoScalingFormulaEvaluationError/);
  assert.doesNotMatch((await clients.batch.pool.get("etl-spot-d2")).autoScaleFormula ?? "", /median/);

  // Back to the formula (Tab wraps round), a good one, evaluated, applied after the confirmation.
  const formula = "$TargetDedicatedNodes = 2; $TargetLowPriorityNodes = max(5, $CurrentDedicatedNodes)";
  await terminal.press(keys.tab, ctrlU, ...formula, keys.enter);
  assert.match(
    terminal.frame(),
    /Autoscale formula of pool etl-spot-d2/,
    "Enter in the formula sends nothing",
  );
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/ {2}\$TargetLowPriorityNodes = 5/);
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Change the autoscale formula of pool etl-spot-d2/);
  assert.match(terminal.frame(), /evaluated just now: dedicated 2 → 2, spot \d+ → 5/);
  assert.match(terminal.frame(), /\[ Cancel \]/, "the confirmation opens on Cancel");
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/Change the autoscale formula of pool etl-spot-d2: (sent|done)/);

  const pool = await clients.batch.pool.get("etl-spot-d2");
  assert.equal(pool.autoScaleFormula, formula);
  assert.equal(pool.targetLowPriorityNodes, 5, "Batch evaluated it at once and the pool follows");
  const journal = await journalWith(
    "audit.jsonl",
    /"action":"autoscale-formula","target":"pool etl-spot-d2".*"outcome":"sent"/,
  );
  assert.match(journal, /"action":"autoscale-formula","target":"pool etl-spot-d2".*"outcome":"refused"/);
});

test("read-only: A and Evaluate work; Apply is refused with the read-only reason and journalled", async () => {
  const readOnly = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.sim.env.AZURE_BATCH_ENDPOINT,
    credential: sim.credential,
    readOnly: true,
    transport: { ca: sim.sim.certificates.caPem },
  });
  const before = await clients.batch.pool.get("etl-spot-d2");
  const terminal = dashboard(readOnly, "read-only.jsonl", true);
  await terminal.waitFor(/Pools \(4\)/);
  await terminal.press("/", ..."linux-d4", keys.enter, "A");
  await terminal.waitFor(/etl-linux-d4 scales to fixed targets; S resizes it/);
  await terminal.press(keys.esc, "/", ctrlU, ..."spot-d2", keys.enter, "A");
  await terminal.waitFor(/Autoscale formula of pool etl-spot-d2/);
  await terminal.waitFor(/Apply \(off: read-only\)/);
  await terminal.press(ctrlU, ..."$TargetLowPriorityNodes = 3", keys.tab, keys.tab, keys.enter);
  await terminal.waitFor(/ {2}\$TargetLowPriorityNodes = 3/, "Batch's answer to the evaluation");
  await terminal.press(keys.tab, keys.enter);
  await terminal.waitFor(/read-only: sending changes is off \(--read-only\)/);
  const after = await clients.batch.pool.get("etl-spot-d2");
  assert.equal(after.autoScaleFormula, before.autoScaleFormula, "nothing was applied");
  assert.equal(after.eTag, before.eTag);
  await journalWith("read-only.jsonl", /"action":"autoscale-formula".*"outcome":"refused".*read-only/);

  // The details pane shows the formula a statement a line and the pool's last evaluation.
  await terminal.press("d");
  await terminal.waitFor(/Details of pool etl-spot-d2/);
  await terminal.waitFor(/"autoScale": \{/);
  await terminal.waitFor(/"\$TargetDedicatedNodes = 2",/);
  await terminal.waitFor(/"evaluated": "every 5 min"/);
  await terminal.waitFor(/"at": "2026-11-22T\d\d:\d\d:\d\d\.000Z \([0-9a-z]+ ago\)"/);
});
