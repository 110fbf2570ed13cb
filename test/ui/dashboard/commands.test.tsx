import { test, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import type { Theme } from "../../../src/model/theme/theme.js";
import {
  incidentAccount,
  renderDashboard,
  runIds,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

let dark: Theme;
let light: Theme;
let harness: DashboardHarness | undefined;
before(async () => {
  dark = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
  light = await loadTheme("light", { XDG_CONFIG_HOME: "/nonexistent" });
});
afterEach(() => harness?.terminal.unmount());

async function start(options: Parameters<typeof renderDashboard>[1] = {}): Promise<DashboardHarness> {
  harness = renderDashboard(dark, options);
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return harness;
}

/** Typed as one burst, as a paste or a fast typist delivers it: the prompt takes it whole. */
const type = (text: string) => [text];

test(": opens the command line; Tab completes a command, and lists the candidates when several fit", async () => {
  const { terminal } = await start({ themes: { dark, light } });
  await terminal.press(":", "j", "o", keys.tab);
  assert.match(terminal.frame(), /:jobs▏/);
  await terminal.press(keys.backspace, keys.backspace, keys.backspace, keys.backspace, "t", keys.tab);
  assert.match(terminal.frame(), /:t▏ +tasks +timeline +theme/);
  await terminal.press("h", keys.tab, "l", keys.tab);
  assert.match(terminal.frame(), /:theme light▏/);
});

test(":jobs, :tasks and :logs move the focus there", async () => {
  const { terminal } = await start();
  await terminal.press(":", ...type("jobs"), keys.enter);
  assert.match(terminal.frame(), /▸ Jobs \(3\)/);
  await terminal.press(":", ...type("logs"), keys.enter);
  assert.match(terminal.frame(), /▸ Log of /);
  await terminal.press(":", ...type("pools"), keys.enter);
  assert.match(terminal.frame(), /▸ Pools \(2\)/);
});

test("a mistyped command is answered in the flash line with a suggestion", async () => {
  const { terminal } = await start();
  await terminal.press(":", ...type("tsks"), keys.enter);
  assert.match(terminal.frame(), /unknown command :tsks; did you mean :tasks\?/);
});

test(":theme switches the theme at once and says so", async () => {
  const { terminal } = await start({ themes: { dark, light } });
  await terminal.press(":", ...type("theme light"), keys.enter);
  await terminal.waitFor(/theme light/);
  await terminal.press(":", ...type("theme neon"), keys.enter);
  assert.match(terminal.frame(), /unknown theme neon; try dark, light/);
});

test(":find with an activity run id lands on the task with its log open", async () => {
  const { terminal, store } = await start();
  await terminal.press(":", ...type(`find ${runIds.failedAccess}`), keys.enter);
  const frame = await terminal.waitFor(new RegExp(`▸ Log of ${runIds.failedAccess}`));
  assert.match(frame, new RegExp(`found task ${runIds.failedAccess} of adfv2-etl-bad: its log is open`));
  assert.equal(store.getSnapshot().focus.taskId, runIds.failedAccess);
});

test(":find asks the jobs whose tasks are not loaded, ADF jobs first, and lands there", async () => {
  const { terminal, store } = await start();
  await terminal.press(":", ...type(`find ${runIds.elsewhere}`), keys.enter);
  await terminal.waitFor(new RegExp(`▸ Log of ${runIds.elsewhere}`));
  assert.equal(store.getSnapshot().focus.jobId, "adfv2-etl-ok");
  assert.equal(store.getSnapshot().focus.poolId, "etl-ok", "the pool of an ADF job comes along");
});

test(":find of an id nobody has says what was searched", async () => {
  const { terminal } = await start();
  await terminal.press(":", ...type("find no-such-thing"), keys.enter);
  await terminal.waitFor(/no pool, node, job or task has the id no-such-thing/);
});

test(":find of a node lands on it in its pool", async () => {
  const { terminal } = await start();
  await terminal.press(":", ...type("find tvm-bad-stuck"), keys.enter);
  const frame = await terminal.waitFor(/found node tvm-bad-stuck of etl-bad/);
  assert.match(frame, /▸ Nodes of etl-bad/);
});

test("batchtop --find lands on the row as soon as the account has been read", async () => {
  harness = renderDashboard(dark, { find: runIds.failedExit });
  await harness.terminal.waitFor(new RegExp(`▸ Log of ${runIds.failedExit}`));
});

test("batchtop --since 30m opens on :changes for that window once the account has been read", async () => {
  harness = renderDashboard(dark, { since: 30 * 60_000 });
  const frame = await harness.terminal.waitFor(/changes since .* \(30m\)|nothing changed since .* \(30m\)/);
  assert.match(frame, /▸ Details of what changed in the last 30m/);
});

test(":q quits", async () => {
  const { terminal } = await start();
  await terminal.press(":", "q", keys.enter);
  await terminal.exited;
});

test("q quits", async () => {
  const { terminal } = await start();
  await terminal.press("q");
  await terminal.exited;
});

test("? shows every key from the command table, and Esc closes the help", async () => {
  const { terminal } = await start();
  await terminal.press("?");
  const frame = terminal.frame();
  assert.match(frame, /Help: keys as bound for you/);
  assert.match(frame, /Navigation/);
  assert.match(frame, /↓ j +move the selection down/);
  assert.match(frame, /S +resize the selected pool/);
  await terminal.press(keys.esc);
  assert.doesNotMatch(terminal.frame(), /Help: keys/);
});

test("in read-only mode the mutating keys are absent from footer and help, and pressing one says read-only", async () => {
  const { terminal } = await start({ readOnlySource: "policy /etc/batchtop/policy.json" });
  let frame = terminal.frame();
  assert.match(frame, /READ-ONLY \(policy \/etc\/batchtop\/policy\.json\)/);
  assert.doesNotMatch(frame, /<S> scale/);
  await terminal.press("S");
  assert.match(terminal.frame(), /read-only: scale is off \(policy \/etc\/batchtop\/policy\.json\)/);
  await terminal.press("?");
  frame = terminal.frame();
  assert.match(frame, /read-only: actions that change Azure are off/);
  assert.doesNotMatch(frame, /resize the selected pool/);
  assert.doesNotMatch(frame, /re-run the selected \(or marked\) failed tasks/);
  // A's dialog opens in read-only mode too (its Evaluate changes nothing), so the dialog keys are listed.
  assert.match(frame, /A +an autoscaled pool's formula/);
  assert.match(frame, /press the focused button of a dialog/);
});

test("keys rebound in the config file work, and the help shows them", async () => {
  const { terminal } = await start({ keys: { "app.help": ["h"], "nav.down": ["down"] } });
  await terminal.press("j");
  assert.match(terminal.frame(), /Nodes of etl-bad/, "j no longer moves");
  await terminal.press("h");
  assert.match(terminal.frame(), /↓ +move the selection down/);
  // The app's keys come last in the help.
  await terminal.press("G");
  assert.match(terminal.frame(), /h +show every key, as bound for you/);
});

test("r polls now and says so", async () => {
  const { terminal, store } = await start();
  await terminal.press("r");
  assert.equal(store.refreshes, 1);
  assert.match(terminal.frame(), /polling now/);
});

test("d shows the selected task as JSON, live; Esc goes back", async () => {
  const { terminal } = await start();
  await terminal.press(keys.tab, keys.tab, keys.tab, "j", "d");
  const frame = terminal.frame();
  assert.match(frame, new RegExp(`▸ Details of task ${runIds.failedAccess}`));
  assert.match(frame, /"code": "ResourceContainerAccessDenied"/);
  assert.match(frame, /"nodeId": "tvm-bad-broken"/);
  await terminal.press(keys.esc);
  assert.match(terminal.frame(), /▸ Tasks of adfv2-etl-bad/);
});

test("stale data says so in the pane titles and the header", async () => {
  const { terminal, store } = await start();
  store.account.error = "429 Too many requests";
  store.poll();
  const frame = await terminal.waitFor(/stale 60s: 429 Too many requests/);
  assert.match(frame.split("\n")[0] ?? "", /stale 60s: 429 Too many requests/);
});

test("an activity run id pasted anywhere finds it, as :find would", async () => {
  const { terminal } = await start();
  await terminal.press(runIds.failedAccess);
  await terminal.waitFor(new RegExp(`▸ Log of ${runIds.failedAccess}`));
});

test(":runs lists the pipeline runs Log Analytics knows for the job's tasks, with their errors", async () => {
  const account = incidentAccount();
  account.runs = [
    {
      source: "adf",
      pipelineName: "transform_customers_hourly",
      pipelineRunId: "p-1",
      activityName: "transform",
      activityRunId: runIds.failedExit,
      activityType: "Custom",
      status: "Failed",
      updated: new Date("2026-11-22T03:01:00Z"),
      start: new Date("2026-11-22T03:00:00Z"),
      end: new Date("2026-11-22T03:01:00Z"),
      error: { code: "2500", message: "Operation on target transform failed" },
      outputUrls: [],
    },
  ];
  const { terminal } = await start({ account });
  await terminal.press(":", "runs", keys.enter);
  const frame = terminal.frame();
  assert.match(frame, /▸ Details of the pipeline runs of adfv2-etl-bad/);
  assert.match(frame, /Failed +transform_customers_hourly \/ transform/);
  assert.match(frame, /2500: Operation on target transform failed/);
});

test(":runs without a Log Analytics workspace says which setting turns it on", async () => {
  const { terminal } = await start();
  await terminal.press(":", "runs", keys.enter);
  assert.match(terminal.frame(), /no Log Analytics workspace is set: --workspace-id/);
});

test(":changes without a workspace says how to configure one and still lists what Batch tells", async () => {
  const { terminal } = await start();
  await terminal.press(":", "changes 1d", keys.enter);
  const frame = await terminal.waitFor(/changes since .* \(1d\)|nothing changed since/);
  assert.match(frame, /▸ Details of what changed in the last 1d/);
  assert.match(
    frame,
    /note: no Log Analytics workspace: set workspaceId \(--workspace-id or BATCHTOP_WORKSPACE_ID\)/,
  );
});

test(":runs all without a workspace says how to configure one", async () => {
  const { terminal } = await start();
  await terminal.press(":", "runs all", keys.enter);
  await terminal.waitFor(
    /no Log Analytics workspace: set workspaceId .* to list the account's ADF and Synapse activity runs/,
  );
});

test("keys that arrive in one read each count, Enter and Tab included, in every prompt and dialog", async () => {
  const { terminal, sent } = await start();
  // A command typed after `:` and its Enter in one chunk, as tmux send-keys or a coalescing SSH link sends them.
  await terminal.press(":", "jobs\r");
  assert.match(terminal.frame(), /▸ Jobs \(3\)/, "the command ran");
  // The whole command line and what follows it, in one chunk: the keys after Enter are the panes'.
  await terminal.press(":pools\rj");
  assert.match(terminal.frame(), /▸ Pools \(2\)/);
  // A filter and its Enter: kept, and the prompt closed.
  await terminal.press("/", "etl-ok\r");
  let frame = terminal.frame();
  assert.match(frame, /▸ Pools \(1 of 2\) · \/etl-ok/);
  assert.doesNotMatch(frame, /Enter keeps it/, "the filter prompt is closed");
  // Completion by Tab inside a chunk.
  await terminal.press(keys.esc, ":ta\t");
  assert.match(terminal.frame(), /:tasks▏/);
  await terminal.press(keys.esc);
  // A dialog answered in one chunk: Tab past the four fields to Cancel, Enter.
  await terminal.press("S\t\t\t\t\r");
  frame = terminal.frame();
  assert.match(frame, /cancelled: nothing was changed/);
  assert.deepEqual(sent, []);
  // A log search and its Enter.
  await terminal.press(":logs\r", "/", "demand\r");
  frame = terminal.frame();
  assert.match(frame, /▸ Log of .* · \/demand no matches/, "the search ran");
  assert.doesNotMatch(frame, /Enter searches/, "the search prompt is closed");
});
