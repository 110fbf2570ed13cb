import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

const paneTitles = {
  pools: /Pools \(/,
  nodes: /Nodes of /,
  jobs: /Jobs \(/,
  tasks: /Tasks of /,
  log: /Log of /,
  details: /Details/,
};

function shownPanes(frame: string): string[] {
  return Object.entries(paneTitles)
    .filter(([, title]) => title.test(frame))
    .map(([pane]) => pane);
}

test("on 160x48 pools, nodes, jobs, tasks and the log tail show at once, under the header and above the keys", async () => {
  harness = draw();
  const frame = await harness.terminal.waitFor(/Log of /);
  assert.deepEqual(shownPanes(frame), ["pools", "nodes", "jobs", "tasks", "log"]);
  const lines = frame.split("\n");
  assert.equal(lines.length, 48, "the screen is filled exactly, nothing scrolls");
  assert.match(lines[0] ?? "", /batchtop contoso-batch · westeurope · sub sub-123 +every 2s/);
  assert.match(lines.at(-2) ?? "", /<Enter> open +<\/> filter +<f> faults/);
});

test("on 80x24 fewer panes show, and Tab reaches every one of them", async () => {
  harness = draw({ columns: 80, rows: 24 });
  const first = await harness.terminal.waitFor(/Pools \(/);
  assert.deepEqual(shownPanes(first), ["pools", "nodes"]);
  const reached = new Set<string>();
  for (let press = 0; press < 6; press += 1) {
    await harness.terminal.press(keys.tab);
    for (const pane of shownPanes(harness.terminal.frame())) reached.add(pane);
    assert.ok(harness.terminal.frame().split("\n").length <= 24);
  }
  assert.deepEqual([...reached].sort(), ["details", "jobs", "log", "nodes", "pools", "tasks"]);
});

test("Shift-Tab goes the other way round", async () => {
  harness = draw({ columns: 80, rows: 24 });
  await harness.terminal.waitFor(/Pools \(/);
  await harness.terminal.press(keys.shiftTab);
  assert.match(harness.terminal.frame(), /▸ Details/);
});

test("below the usable minimum a notice replaces the panes, and growing the window brings them back", async () => {
  harness = draw({ columns: 50, rows: 12 });
  const small = await harness.terminal.waitFor(/too small/);
  assert.match(small, /need at least 60x16\s+\(now 50x12\)/);
  assert.doesNotMatch(small, /Pools \(/);
  await harness.terminal.resize(160, 48);
  await harness.terminal.waitFor(/Log of /, "the full layout after the resize");
});

test("a resize re-lays out at once: wide to small and back", async () => {
  harness = draw();
  await harness.terminal.waitFor(/Log of /);
  await harness.terminal.resize(80, 24);
  assert.deepEqual(shownPanes(harness.terminal.frame()), ["pools", "nodes"]);
  assert.ok(
    harness.terminal
      .frame()
      .split("\n")
      .every((line) => line.length <= 80),
  );
  await harness.terminal.resize(160, 48);
  assert.deepEqual(shownPanes(harness.terminal.frame()), ["pools", "nodes", "jobs", "tasks", "log"]);
});

test("the focused pane is marked in its title, without relying on colour", async () => {
  harness = draw();
  await harness.terminal.waitFor(/▸ Pools/);
  await harness.terminal.press(keys.tab);
  const frame = harness.terminal.frame();
  assert.match(frame, /▸ Nodes of /);
  assert.doesNotMatch(frame, /▸ Pools/);
});

test("at 80 columns the footer keeps whole hints and always ends with ? help and q quit", async () => {
  harness = draw({ columns: 80, rows: 24 });
  const { terminal } = harness;
  for (const press of [
    [],
    [keys.tab],
    [keys.tab, keys.tab, keys.tab],
    [keys.tab, keys.tab, keys.tab, keys.enter],
  ]) {
    if (press.length > 0) await terminal.press(...press);
    const footer = terminal.frame().split("\n").at(-2) ?? "";
    assert.match(footer, /<\?> help +<q> quit\s*$/, footer);
    assert.doesNotMatch(footer, /…/, "no hint is cut");
  }
});

test("an empty column gives its room to one whose values are being cut", async () => {
  const account = incidentAccount();
  account.pools = account.pools.map((pool) => ({
    ...pool,
    id: `${pool.id}-with-a-long-name`,
    resizeErrors: [],
  }));
  account.nodeCounts = [];
  harness = draw({ account, columns: 160, rows: 48 });
  const frame = await harness.terminal.waitFor(/Pools \(2\)/);
  assert.match(frame, /┃etl-bad-with-a-long-name /, "the whole name in the pools table");
});
