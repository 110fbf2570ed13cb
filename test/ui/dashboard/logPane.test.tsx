import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  runIds,
  tail,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

/** Lands on the failed task's log through `:find`, as an operator with an alert would. */
async function openFailedLog(options: HarnessOptions = {}): Promise<DashboardHarness> {
  harness = draw({ find: runIds.failedExit, ...options });
  await harness.terminal.waitFor(new RegExp(`▸ Log of ${runIds.failedExit}`));
  await harness.terminal.waitFor(/node file: .* · byte /, "the first read of the log");
  return harness;
}

test("the log shows the task's output, where it is read from and how far", async () => {
  const { terminal } = await openFailedLog();
  const frame = terminal.frame();
  assert.match(frame, /stdout · follow · cut/);
  assert.match(frame, /node file: adfv2-etl\/task\/stdout\.txt · byte 52 of 52/);
  assert.match(frame, /loading rows\s*┃\n┃ERROR: column demand_id missing\s*┃\n┃exit 1/);
});

test("e switches to stderr, read from the adfjobs copy once the node has no file", async () => {
  const { terminal, store } = await openFailedLog();
  await terminal.press("e");
  const frame = terminal.frame();
  assert.match(frame, /stderr · follow/);
  assert.match(frame, new RegExp(`adfjobs blob: adfjobs/${runIds.failedExit}/output/stderr\\.txt`));
  assert.match(frame, /KeyError: 'demand_id'/);
  assert.equal(store.getSnapshot().focus.stream, "stderr", "the store now tails stderr");
});

test("/ searches the log and highlights the match; n and N step through the matches", async () => {
  const { terminal } = await openFailedLog();
  await terminal.press("/", "d", "e", "m", "a", "n", "d", keys.enter);
  let frame = terminal.frame();
  assert.match(frame, /\/demand 1\/1/);
  assert.match(frame, /1 matches: n next, N previous/);
  await terminal.press(
    "/",
    keys.backspace,
    keys.backspace,
    keys.backspace,
    keys.backspace,
    keys.backspace,
    keys.backspace,
    "o",
    keys.enter,
  );
  frame = terminal.frame();
  assert.match(frame, /\/o 1\/\d/, "the first match at or below the top of the view");
  await terminal.press("n");
  assert.match(terminal.frame(), /\/o 2\/\d/);
  await terminal.press("N");
  assert.match(terminal.frame(), /\/o 1\/\d/);
});

test("a search without a match says so", async () => {
  const { terminal } = await openFailedLog();
  await terminal.press("/", "z", "z", "z", keys.enter);
  assert.match(terminal.frame(), /no match for zzz in the 3 lines held/);
});

test("f stops following, G follows again; w wraps long lines instead of cutting them", async () => {
  const long = `${"x".repeat(200)}END`;
  const account = incidentAccount();
  account.tails = { [`adfv2-etl-bad/${runIds.failedExit}/stdout`]: tail(["first", long]) };
  const { terminal } = await openFailedLog({ account });
  assert.match(terminal.frame(), /x…┃/, "cut with an ellipsis");
  assert.doesNotMatch(terminal.frame(), /END/);
  await terminal.press("w");
  assert.match(terminal.frame(), /END/, "the end of the line is on the next row");
  assert.match(terminal.frame(), /follow · wrap/);
  await terminal.press("f");
  assert.match(terminal.frame(), /paused · wrap/);
  await terminal.press("G");
  assert.match(terminal.frame(), /follow · wrap/);
});

test("g jumps to the top of a long log and j scrolls it", async () => {
  const account = incidentAccount();
  account.tails = {
    [`adfv2-etl-bad/${runIds.failedExit}/stdout`]: tail(
      Array.from({ length: 300 }, (_, n) => `line ${n + 1}`),
    ),
  };
  const { terminal } = await openFailedLog({ account });
  assert.match(terminal.frame(), /line 300/, "following shows the end");
  assert.doesNotMatch(terminal.frame(), /┃line 1\s/);
  await terminal.press("g");
  assert.match(terminal.frame(), /┃line 1\s/);
  assert.match(terminal.frame(), /paused/);
  await terminal.press("j");
  assert.doesNotMatch(terminal.frame(), /┃line 1\s/);
  assert.match(terminal.frame(), /┃line 2\s/);
});

test("Ctrl-S saves the log and the flash says where", async () => {
  const { terminal, saved } = await openFailedLog();
  await terminal.press(keys.ctrlS);
  await terminal.waitFor(/saved 3 lines to ~\/\.local\/state\/batchtop\//);
  assert.equal(saved.length, 1);
  assert.match(saved[0]?.name ?? "", new RegExp(`^${runIds.failedExit}-stdout-.*\\.log$`));
  assert.deepEqual(saved[0]?.lines, ["loading rows", "ERROR: column demand_id missing", "exit 1"]);
});

test("a running task whose stdout stays empty gets the buffering hint", async () => {
  const account = incidentAccount();
  account.tails = {
    [`adfv2-etl-bad/${runIds.running}/stdout`]: tail([], { offset: 0, size: 0, bytesRead: 0 }),
  };
  harness = draw({ account, find: runIds.running });
  const frame = await harness.terminal.waitFor(/may be buffering its output/);
  assert.match(frame, /for Python, run with -u or PYTHONUNBUFFERED=1/);
});

test("output from the task cannot drive the terminal", async () => {
  const account = incidentAccount();
  account.tails = {
    [`adfv2-etl-bad/${runIds.failedExit}/stdout`]: tail(["plain", "\u001b]8;;http://evil\u0007link"]),
  };
  const { terminal } = await openFailedLog({ account });
  assert.ok(!terminal.frame().includes("\u001b"), "no escape character reaches the screen");
});
