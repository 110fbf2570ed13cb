import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoInPty } from "../helpers/ptyScreen.js";

// `batchtop demo` in a real pseudo-terminal, driven as an operator would, reading the screen through
// a terminal emulator. One demo serves both parts (each start of the demo account costs about 7 s of
// CPU): first the tour, pools → nodes → the tasks of a node → a task's log tail → help; then the
// incident as an operator triages it, keys typed as tmux send-keys and slow SSH links deliver them
// (a command and its Enter in one read): the pipeline context Log Analytics knows, then a resize
// that the core quota stops short, reported as failed and journaled as such; then q.

test("the incident demo in a terminal: a tour of pools, nodes, tasks, a log tail and help; keys in one read count, :runs lists the pipeline runs, a resize stopped by the quota fails; q gives the terminal back", async () => {
  const state = await mkdtemp(join(tmpdir(), "batchtop-e2e-state-"));
  const demo = startDemoInPty("--scenario incident --seed 2", {
    // As on a CI runner or a jump host that sets it: the dashboard must draw all the same.
    CI: "true",
    XDG_STATE_HOME: state,
  });
  try {
    let screen = await demo.waitFor(/tvmps_/, "the first pool's nodes");
    assert.equal(demo.buffer(), "alternate", "the dashboard draws on the alternate screen");
    assert.match(screen, /^batchtop batchtopdemo \(demo: incident\)/);
    assert.match(screen, /▸ Pools \(4\)/);
    assert.match(screen, /etl-highmem-e8 /);
    assert.match(screen, /Jobs \(\d+\)/);
    assert.match(screen, /\d+s ago/);

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
    // The triage, from the log pane the tour ended on.
    // `:` alone, then the command and its Enter in one read.
    demo.type(":");
    await demo.waitFor(/^:▏/m, "the command prompt");
    demo.type("jobs\r");
    await demo.waitFor(/▸ Jobs \(\d+\)/, "the command ran on the Enter that came with it");
    // A filter and Enter in one read, then Enter on the only job left: its tasks.
    demo.type("/etl-linux\r");
    await demo.waitFor(/▸ Jobs \(1 of \d+\) · \/etl-linux/, "the filter kept");
    demo.type("\r");
    await demo.waitFor(/▸ Tasks of adfv2-etl-linux-d4 \(\d+\)/, "the job's tasks");

    // The pipeline context fills in once the tasks are there (it used to stay at its first, empty answer).
    demo.type(":runs\r");
    await demo.waitFor(
      /[1-9]\d* activity runs of the latest tasks of adfv2-etl-linux-d4/,
      "the pipeline runs Log Analytics knows",
      20_000,
    );
    await demo.waitFor(/transform_customers_hourly \/ \S+ +[0-9a-f-]{36}/, "a run of the transform pipeline");

    // Resize etl-linux-d4 (the second pool) from 6 to 9: the quota has room for two nodes only.
    demo.type("\u001b");
    await demo.waitFor(/▸ Tasks of/, "back on the tasks");
    demo.type(":pools\r");
    await demo.waitFor(/▸ Pools \(4\)/, "the pools again");
    demo.type("gjS");
    await demo.waitFor(/Resize pool etl-linux-d4/, "the resize dialog");
    await demo.waitFor(/Dedicated nodes +\[6▏\] +now 6, target 6/, "what the pool has and targets");
    demo.type("\u007f9\t\t\t\r");
    await demo.waitFor(/Resize pool etl-linux-d4: (sent|accepted)/, "sent");
    const failed = await demo.waitFor(
      /Resize pool etl-linux-d4: failed, stopped at dedicated \d+ of 9: AccountCoreQuotaReached/,
      "the resize's real outcome",
      30_000,
    );
    assert.doesNotMatch(failed, /done, /);
    demo.type(":audit\r");
    await demo.waitFor(/FAILED +rescale pool etl-linux-d4.*AccountCoreQuota/, "the journal's ending");

    demo.type("q");
    assert.equal(await demo.exitCode("q"), 0);
    assert.equal(demo.buffer(), "normal", "the alternate screen was left");
    const raw = demo.raw();
    assert.ok(raw.lastIndexOf("\u001b[?25h") > raw.lastIndexOf("\u001b[?25l"), "the cursor is shown again");
    const journal = (await readFile(join(state, "batchtop", "audit.jsonl"), "utf8")).trim().split("\n");
    assert.deepEqual(
      journal.map((line) => (JSON.parse(line) as { outcome: string }).outcome),
      ["sent", "failed"],
    );
  } finally {
    demo.kill();
    await rm(state, { recursive: true, force: true });
  }
});
