import { test } from "node:test";
import assert from "node:assert/strict";
import type { CyclePlan } from "../../../../src/model/actions/cyclePlan.js";
import {
  judgeDown,
  judgeUp,
  unfinishedCycles,
  type CycleJournalLine,
  type CyclePoolReading,
  type CycleStep,
} from "../../../../src/model/actions/cycleSteps.js";

const plan: CyclePlan = {
  kind: "cycle",
  poolId: "etl",
  route: "arm",
  before: { dedicated: 6, spot: 0 },
  targets: { dedicated: 6, spot: 0 },
  deallocation: "requeue",
  runningTasks: 0,
};

const account = "contoso https://contoso.westeurope.batch.azure.com";
let clock = 0;

function line(
  id: string,
  step: CycleStep,
  outcome: string,
  extra: Partial<CycleJournalLine> = {},
): CycleJournalLine {
  clock += 1;
  return {
    time: new Date(clock * 1000).toISOString(),
    account,
    outcome,
    cycle: { id, step, plan: extra.cycle === undefined ? plan : extra.cycle },
    ...(extra.error ? { error: extra.error } : {}),
  };
}

/** The journal reads newest first. */
const newestFirst = (...lines: CycleJournalLine[]) => [...lines].reverse();

test("a cycle with its scale to 0 sent and no end is unfinished; its last step says where it stopped", () => {
  const found = unfinishedCycles(
    newestFirst(line("a", "down", "sent"), line("a", "down-settled", "done")),
    account,
  );
  assert.equal(found.length, 1);
  assert.equal(found[0]?.plan.poolId, "etl");
  assert.equal(found[0]?.step, "down-settled");
  assert.equal(found[0]?.downSettled, true);
  assert.equal(found[0]?.upSent, false);
});

test("settled, abandoned, or refused at its first request: nothing to finish", () => {
  for (const lines of [
    [
      line("b", "down", "sent"),
      line("b", "down-settled", "done"),
      line("b", "up", "sent"),
      line("b", "settled", "done"),
    ],
    [line("c", "down", "sent"), line("c", "abandon", "done")],
    [line("d", "down", "failed", { error: "409 PoolNotSteady" })],
    [line("e", "down", "sent"), line("e", "up", "sent"), line("e", "settled", "failed", { error: "quota" })],
  ])
    assert.deepEqual(unfinishedCycles(newestFirst(...lines), account), []);
});

test("a failed scale back leaves it unfinished, with the service's words", () => {
  const [found] = unfinishedCycles(
    newestFirst(
      line("f", "down", "sent"),
      line("f", "down-settled", "done"),
      line("f", "up", "failed", { error: "lost" }),
    ),
    account,
  );
  assert.equal(found?.error, "lost");
  assert.equal(found?.upSent, false);
});

test("only the newest cycle of a pool counts, only this account's, and a malformed line is skipped", () => {
  const older = [line("g", "down", "sent")];
  const newer = [line("h", "down", "sent"), line("h", "settled", "done")];
  assert.deepEqual(unfinishedCycles(newestFirst(...older, ...newer), account), []);
  const other = { ...line("i", "down", "sent"), account: "another" };
  assert.deepEqual(unfinishedCycles([other], account), []);
  const broken = line("j", "down", "sent", { cycle: { ...plan, route: "telnet" } as unknown as CyclePlan });
  const noPool = line("k", "down", "sent", { cycle: { ...plan, poolId: "" } });
  assert.deepEqual(unfinishedCycles([broken, noPool, { time: "", account, outcome: "sent" }], account), []);
});

const reading = (extra: Partial<CyclePoolReading>): CyclePoolReading => ({
  allocationState: "steady",
  current: { dedicated: 0, spot: 0 },
  targets: { dedicated: 0, spot: 0 },
  autoscale: false,
  resizeErrors: [],
  ...extra,
});

test("down is done at steady with no nodes, failed steady with nodes left at a 0 target", () => {
  assert.equal(judgeDown(reading({})).kind, "done");
  assert.deepEqual(judgeDown(reading({ allocationState: "resizing", current: { dedicated: 4, spot: 0 } })), {
    kind: "waiting",
    progress: "to 0, 4 left",
  });
  assert.deepEqual(
    judgeDown(
      reading({
        current: { dedicated: 1, spot: 0 },
        resizeErrors: [{ code: "ResizeTimedOut", message: "t" }],
      }),
    ),
    { kind: "failed", reason: "steady with 1 nodes left: ResizeTimedOut: t" },
  );
});

test("up is done at steady on the targets; the steady state from before the request is not its end", () => {
  const targets = { dedicated: 6, spot: 0 };
  assert.deepEqual(
    judgeUp(plan, reading({ allocationState: "resizing", current: { dedicated: 2, spot: 0 }, targets })),
    {
      kind: "waiting",
      progress: "2 of 6",
    },
  );
  assert.deepEqual(judgeUp(plan, reading({ allocationStateTransitionTime: 5, targets }), 5), {
    kind: "waiting",
    progress: "0 of 6",
  });
  assert.deepEqual(
    judgeUp(plan, reading({ current: targets, targets, allocationStateTransitionTime: 9 }), 5),
    {
      kind: "done",
      detail: "steady at 6 of 6",
    },
  );
  assert.deepEqual(
    judgeUp(
      plan,
      reading({
        current: { dedicated: 4, spot: 0 },
        targets,
        resizeErrors: [{ code: "AccountCoreQuotaReached", message: "q" }],
      }),
    ),
    { kind: "failed", reason: "steady at 4 of 6: AccountCoreQuotaReached: q" },
  );
  const auto = { ...plan, autoscale: { formula: "f" } };
  assert.equal(judgeUp(auto, reading({})).kind, "waiting");
  assert.equal(judgeUp(auto, reading({ autoscale: true, current: { dedicated: 3, spot: 0 } })).kind, "done");
});
