import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";
import { runCliAsync } from "../../helpers/runCli.js";

// The demo-only drill that ends the incident: `batchtop sim fix-pipeline` deploys the fix for
// transform_customers_hourly in a running demo account, after which a recovery run of a failed run
// succeeds where before the fix it failed again.

const MINUTE = 60_000;
let sim: Simulator;

before(async () => {
  sim = await startSimulator({
    scenario: "incident",
    seed: 4,
    speed: 0,
    storage: false,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
});
after(() => sim.stop());

function env(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...sim.env, ...overrides };
}

/** Recovers the latest failed transform_customers_hourly run in the world and lets it finish. */
function recoverLatestFailure(): string {
  const factory = sim.world.factories()[0]!.resourceId;
  const reference = sim.world
    .pipelineRuns(factory)
    .filter(
      (run) => run.spec.name === "transform_customers_hourly" && run.status === "Failed" && run.isLatest,
    )
    .at(-1);
  assert.ok(reference);
  const run = sim.world.startPipelineRun(reference.spec, {
    parameters: reference.parameters,
    startIndex: reference.failedActivityIndex ?? 0,
    reference,
  });
  for (let minute = 0; minute < 30 && (run.status === "Queued" || run.status === "InProgress"); minute++)
    sim.world.advance(MINUTE);
  return run.status;
}

test("fix-pipeline deploys the fix: a recovery run that failed before succeeds after", async () => {
  assert.equal(recoverLatestFailure(), "Failed", "before the fix the schema change fails it again");
  const result = await runCliAsync(["sim", "fix-pipeline", "transform_customers_hourly"], env());
  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    result.stdout,
    "deployed the fix for adf-contoso-etl/transform_customers_hourly: runs from now on succeed; re-run the failed ones from the failed activity\n",
  );
  assert.equal(recoverLatestFailure(), "Succeeded");

  const again = await runCliAsync(["sim", "fix-pipeline", "transform_customers_hourly"], env());
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /has nothing to fix/);
});

test("fix-pipeline refuses bad input with exit 2 and an unknown pipeline with exit 1, in one line", async () => {
  const runs = await Promise.all([
    runCliAsync(["sim", "fix-pipeline"], env()),
    runCliAsync(["sim", "fix-pipeline", "a", "b"], env()),
    runCliAsync(
      ["sim", "fix-pipeline", "transform_customers_hourly"],
      env({ BATCHTOP_ARM_ENDPOINT: "https://management.azure.com" }),
    ),
    runCliAsync(["sim", "fix-pipeline", "transform_customers_hourly"], env({ IDENTITY_HEADER: undefined })),
    runCliAsync(["sim", "fix-pipeline", "nope"], env()),
  ]);
  const expected: [number, RegExp][] = [
    [2, /sim fix-pipeline needs the pipeline's name/],
    [2, /unexpected argument "b" for sim fix-pipeline/],
    [2, /only talks to the demo account on loopback, not https:\/\/management\.azure\.com/],
    [2, /no running demo account in this shell \(IDENTITY_HEADER not set\)/],
    [1, /no pipeline of the demo account is named "nope"/],
  ];
  for (const [index, run] of runs.entries()) {
    const [status, message] = expected[index]!;
    assert.equal(run.status, status, run.stderr);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
});
