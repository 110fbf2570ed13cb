import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startDemoDashboard, type DemoDashboard } from "../../helpers/demoDashboard.js";
import { keys, type Terminal } from "../../helpers/renderTerminal.js";

// `:changes` and `:runs all` from the keyboard against the demo account's incident, wired as
// `batchtop demo` wires it. The world is laid out 25 minutes before now and stepped to now, so the
// dashboard's clock and the account's agree and etl-highmem-e8's resize has run into the core quota.

const MINUTE = 60_000;

let demo: DemoDashboard;
let terminal: Terminal;

before(async () => {
  demo = await startDemoDashboard({
    scenario: "incident",
    seed: 3,
    readOnly: true,
    startTime: new Date(Date.now() - 25 * MINUTE),
    prepare: (started) => started.sim.world.advance(25 * MINUTE),
    columns: 200,
    rows: 60,
  });
  ({ terminal } = demo);
});
after(() => demo.stop());

/** The selected row's line in the details pane. */
const selectedLine = (frame: string) => /› ([^\n║│]*)/.exec(frame)?.[1] ?? "";

test(":changes 1h lists the resize error, then the pipeline that started failing and its new failure code; Enter lands", async () => {
  await terminal.waitFor(/Jobs \(/);
  await terminal.press(":", "changes 1h", keys.enter);
  const frame = await terminal.waitFor(/\d+ changes since .* \(1h\), newest first/);
  const at = (pattern: RegExp) => frame.search(pattern);
  const resize = at(/pool etl-highmem-e8 \w+, resize error AccountCoreQuotaReached/);
  const failing = at(
    /pipeline transform_customers_hourly started failing \(\d+ failed runs\): transform_customers \(Custom\) with 2500/,
  );
  const code = at(/new failure code FailureExitCode: \d+ tasks/);
  assert.ok(resize >= 0 && failing >= 0 && code >= 0, frame);
  assert.ok(
    resize < failing && failing < code,
    "newest first: the resize error, then the failure and its code",
  );
  // The first row is the newest: the resize's end, a pool.
  assert.match(selectedLine(frame), /etl-highmem-e8/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/found pool etl-highmem-e8/);

  // Back in :changes, down to the new failure code: Enter opens the newest task that failed with it.
  await terminal.press(":", "changes 1h", keys.enter);
  await terminal.waitFor(/changes since/);
  for (
    let step = 0;
    step < 40 && !/new failure code FailureExitCode/.test(selectedLine(terminal.frame()));
    step++
  )
    await terminal.press("j");
  assert.match(selectedLine(terminal.frame()), /new failure code FailureExitCode/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/found task [0-9a-f-]+ of adfv2-etl-(linux-d4|spot-d2): its log is open/);
});

test(":runs widened by a, or :runs all, lists every activity run of the workspace, filtered by words: a Web activity shows its error, a Custom one jumps to its task", async () => {
  // A job is selected (the last test landed on a task): `:runs` shows its runs, and `a` widens it.
  await terminal.press(":", "runs", keys.enter);
  await terminal.waitFor(/Details of the pipeline runs of adfv2-/);
  await terminal.press("a");
  await terminal.waitFor(/\d+ activity runs of the workspace, latest status each, newest first;/);

  await terminal.press(":", "runs all WebActivity", keys.enter);
  let frame = await terminal.waitFor(
    /activity runs of the workspace, latest status each, newest first, \d+ matching "WebActivity"/,
  );
  assert.match(selectedLine(frame), /WebActivity\s+score_churn_batch \/ invoke_batch_endpoint/);
  await terminal.press(keys.enter);
  await terminal.waitFor(/WebActivity invoke_batch_endpoint has no Batch task; pipeline run [0-9a-f-]+/);

  await terminal.press(":", "runs all transform Custom Failed", keys.enter);
  frame = await terminal.waitFor(/matching "transform Custom Failed"/);
  assert.match(
    selectedLine(frame),
    /Failed\s+Custom\s+transform_customers_hourly \/ transform_customers .*2500/,
  );
  await terminal.press(keys.enter);
  await terminal.waitFor(/found task [0-9a-f-]+ of adfv2-etl-linux-d4: its log is open/);
});
