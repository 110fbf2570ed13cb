import { test } from "node:test";
import assert from "node:assert/strict";
import { startDemoInPty } from "../helpers/ptyScreen.js";

// `batchtop demo` in a real pseudo-terminal, driven as an operator would: pools → nodes → the tasks
// of a node → a task's log tail → help → quit, reading the screen through a terminal emulator.

test("the demo in a terminal: pools, nodes, tasks, a log tail and help, and q gives the terminal back", async () => {
  const demo = startDemoInPty("--scenario incident --seed 2", {
    // As on a CI runner or a jump host that sets it: the dashboard must draw all the same.
    CI: "true",
  });
  try {
    let screen = await demo.waitFor(/tvmps_/, "the first pool's nodes");
    assert.equal(demo.buffer(), "alternate", "the dashboard draws on the alternate screen");
    assert.match(screen, /^batchtop batchtopdemo \(demo: incident\)/);
    assert.match(screen, /▸ Pools \(4\)/);
    assert.match(screen, /etl-highmem-e8 /);
    assert.match(screen, /Jobs \(\d+\)/);
    assert.match(screen, /every \d+s/);

    demo.type("\r");
    screen = await demo.waitFor(/▸ Nodes of etl-highmem-e8/, "focus on the nodes");
    assert.match(screen, /● running \d+/, "the heatmap's legend");

    // A running node has run tasks; nodes the pool is still adding have not, and sort first.
    demo.type("/running\r");
    await demo.waitFor(/▸ Nodes of etl-highmem-e8 \((\d+ of )?\d+\) · \/running/, "only the running nodes");
    demo.type("\r");
    await demo.waitFor(
      /▸ Tasks of adfv2-etl-highmem-e8 on tvmps_\S+ \([1-9]\d*\)/,
      "the tasks that ran on that node",
    );

    demo.type("\r");
    await demo.waitFor(/▸ Log of [0-9a-f-]{36} · stdout · follow/, "focus on the task's log tail");
    await demo.waitFor(
      /node file: .*stdout\.txt · byte [\d,]+ of [\d,]+/,
      "where the log is read from, how far",
    );

    demo.type("?");
    screen = await demo.waitFor(/Help: keys as bound for you/, "the help");
    assert.match(screen, /move the selection down/);

    demo.type("\u001b");
    await demo.waitFor(/▸ Log of /, "the log again");
    demo.type("q");
    assert.equal(await demo.exitCode("q"), 0);
    assert.equal(demo.buffer(), "normal", "the alternate screen was left");
    const raw = demo.raw();
    assert.ok(raw.lastIndexOf("\u001b[?25h") > raw.lastIndexOf("\u001b[?25l"), "the cursor is shown again");
  } finally {
    demo.kill();
  }
});
