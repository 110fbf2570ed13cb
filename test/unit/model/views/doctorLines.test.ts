import { test } from "node:test";
import assert from "node:assert/strict";
import {
  doctorLines,
  doctorPane,
  poolVerdictLine,
  selectedVerdict,
} from "../../../../src/model/views/doctorLines.js";
import type { DoctorReport } from "../../../../src/model/doctor/report.js";

const report: DoctorReport = {
  account: "contoso",
  takenAt: new Date("2026-12-07T12:00:00Z"),
  accountVerdict: { case: "healthy", summary: "fine", observed: ["a"], inferred: ["b"], fix: [] },
  pools: [
    {
      poolId: "etl",
      verdict: {
        case: "nodes-before-reference",
        summary: "2 nodes stuck in starting",
        observed: ["nodes: 2 starting (of 2)"],
        inferred: ["row 3"],
        fix: [{ kind: "cycle", poolId: "etl" }],
      },
    },
  ],
  needsAttention: true,
};

test("the doctor pane says it is checking until the first answer, then the verdicts, pools before the account", () => {
  assert.deepEqual(doctorLines({ poolId: "etl" }, { loading: true }), [
    "checking the managed identities of pool etl…",
  ]);
  assert.deepEqual(doctorLines({}, { loading: false, error: "403 \u001b]0;x\u0007Forbidden" }), [
    "the identity doctor could not read every pool: 403 Forbidden",
  ]);
  const lines = doctorLines({}, { loading: false, data: report, error: "timeout" });
  assert.match(lines[0]!, /^every pool: 1 of 1 need attention, checked 2026-12-07T12:00:00.000Z/);
  assert.equal(lines[1], "the last check failed, showing the one before: timeout");
  // The only pool is the one the fix keys act on: marked.
  const pool = lines.indexOf("▸ ✗ pool etl  nodes-before-reference: 2 nodes stuck in starting");
  const account = lines.indexOf("  ✓ account contoso  healthy: fine");
  assert.ok(pool > 0 && account > pool, lines.join("\n"));
  assert.ok(
    lines.includes(
      "      1. cycle the nodes of pool etl: scale to 0 and back (C on the pool or its :doctor verdict)",
    ),
  );
});

test("a pool's one-line verdict: its case, checking, or why not", () => {
  assert.equal(poolVerdictLine("etl", undefined), undefined);
  assert.equal(poolVerdictLine("etl", { loading: true }), "checking…");
  assert.equal(poolVerdictLine("etl", { loading: false, error: "ARM said no" }), "not checked: ARM said no");
  assert.equal(
    poolVerdictLine("etl", { loading: false, data: report }),
    "nodes-before-reference: 2 nodes stuck in starting",
  );
});

test("the cursor: a chosen pool, else the first that needs attention, drawn first; the blocks say where each verdict is", () => {
  const healthy = { case: "healthy" as const, summary: "fine", observed: ["a"], inferred: ["b"], fix: [] };
  const two: DoctorReport = {
    ...report,
    pools: [{ poolId: "ok", verdict: healthy }, ...report.pools],
  };
  const view = { loading: false, data: two };
  const pane = doctorPane({}, view);
  assert.equal(pane.selected?.poolId, "etl", "the first that needs attention");
  assert.deepEqual(
    pane.blocks.map((block) => [block.poolId, pane.lines[block.start]]),
    [
      ["etl", "▸ ✗ pool etl  nodes-before-reference: 2 nodes stuck in starting"],
      ["ok", "  ✓ pool ok  healthy: fine"],
    ],
  );
  assert.equal(doctorPane({ selected: "ok" }, view).selected?.poolId, "ok");
  assert.equal(doctorPane({ selected: "gone" }, view).selected?.poolId, "etl", "a pool no longer reported");
  assert.equal(selectedVerdict({ poolId: "ok" }, two)?.poolId, "ok", "one pool's pane: that pool");
  assert.equal(selectedVerdict({ poolId: "other" }, two), undefined);
  assert.equal(doctorPane({}, { loading: true }).selected, undefined);
});
