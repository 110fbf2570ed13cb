import { test } from "node:test";
import assert from "node:assert/strict";
import { startDemoInPty } from "../helpers/ptyScreen.js";

// Faults-only on the identity demo, as an operator meets it: three of the four pools are broken in
// three different ways (tasks that all fail, nodes stuck starting, unusable nodes), and `f` must
// keep all three and only them, in the pools pane and in the jobs pane.

test("faults-only keeps every broken pool of the identity demo, and only the jobs with failed tasks", async () => {
  const demo = startDemoInPty("--scenario identity --seed 1");
  try {
    await demo.waitFor(/▸ Pools \(4\)/, "the four pools");
    // The jobs' task counts and the lingering nodes arrive with the first health check.
    demo.type("f");
    await demo.waitFor(/▸ Pools \(3 of 4\) · faults only/, "three faulty pools");
    // The rows as a whole, in one match: a frame can reach the emulator in more than one piece.
    await demo.waitFor(
      /┃identity-2-no-permission .*┃.*\n┃identity-3-not-referenced .*┃.*\n┃identity-4-not-on-pool .*┃.*\n┃ +┃/,
      "exactly the three faulty pools, identity-1-ok left out",
    );
    // Every job's task counts are known: the one without failures is not kept "just in case".
    demo.type("\t\t");
    await demo.waitFor(/▸ Jobs \(4\)/, "focus on the jobs");
    demo.type("f");
    await demo.waitFor(/▸ Jobs \(3 of 4\) · faults only/, "the three jobs with failed tasks");
    demo.type("q");
    assert.equal(await demo.exitCode("q"), 0);
  } finally {
    demo.kill();
  }
});
