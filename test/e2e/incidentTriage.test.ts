import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDemoInPty } from "../helpers/ptyScreen.js";

// The incident demo as an operator triages it, keys typed as tmux send-keys and slow SSH links
// deliver them (a command and its Enter in one read): the pipeline context Log Analytics knows, then
// a resize that the core quota stops short, reported as failed and journaled as such.

test("incident triage: keys in one read count, :runs lists the pipeline runs, a resize stopped by the quota fails", async () => {
  const state = await mkdtemp(join(tmpdir(), "batchtop-e2e-state-"));
  const demo = startDemoInPty("--scenario incident --seed 2", { XDG_STATE_HOME: state });
  try {
    await demo.waitFor(/▸ Pools \(4\)/, "the pools");

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
    // Dedicated, then Tab past spot, the removed nodes' option and the timeout, and Cancel, to Resize.
    demo.type("\u007f9\t\t\t\t\t\r");
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
