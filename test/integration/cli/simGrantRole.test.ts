import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";
import { runCliAsync } from "../../helpers/runCli.js";

// The demo-only drill: `batchtop sim grant-role` grants a role in a running demo account through its
// ARM endpoint (a PUT on Microsoft.Authorization/roleAssignments), and the pool whose identity had
// no storage role heals as on Azure: tasks succeed without a node cycle.

const MINUTE = 60_000;
let sim: Simulator;

before(async () => {
  sim = await startSimulator({
    scenario: "identity",
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

function etlPrincipal(): string {
  const etl = sim.world
    .identityDirectory()
    .list()
    .find((identity) => identity.resourceId.endsWith("/id-batchtop-etl"));
  assert.ok(etl);
  return etl.principalId;
}

/** Failure codes ("success" for none) of identity-2's tasks that completed after `since`. */
function outcomesSince(since: number): string[] {
  const tasks = sim.world
    .listTasks("adfv2-identity-2-no-permission")
    .filter((task) => task.state === "completed" && Date.parse(task.stateTransitionTime) > since);
  return [...new Set(tasks.map((task) => task.executionInfo?.failureInfo?.code ?? "success"))];
}

test("grant-role grants Storage Blob Data Reader on the autostorage account, and identity-2 heals without a cycle", async () => {
  let since = sim.world.now().getTime();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(outcomesSince(since), ["ResourceContainerAccessDenied"]);

  const principal = etlPrincipal();
  const result = await runCliAsync(
    ["sim", "grant-role", "--principal", principal, "--role", "Storage Blob Data Reader"],
    env(),
  );
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    new RegExp(
      `^granted Storage Blob Data Reader to ${principal} on /subscriptions/[^ ]+/providers/Microsoft\\.Storage/storageAccounts/stbatchtopdemo \\(role assignment [0-9a-f-]{36}\\)\\n$`,
    ),
  );
  const put = sim.requestLog.all().filter((entry) => entry.method === "PUT");
  assert.equal(put.length, 1);
  assert.match(put[0]!.path, /\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/);
  assert.equal(put[0]!.status, 201);

  since = sim.world.now().getTime();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(outcomesSince(since), ["success"]);

  const again = await runCliAsync(
    ["sim", "grant-role", "--principal", principal, "--role", "storage blob data reader"],
    env(),
  );
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already holds Storage Blob Data Reader/);
});

test("grant-role refuses bad input and anything but the demo account with one line and exit 2", async () => {
  const runs = await Promise.all([
    runCliAsync(["sim", "grant-role", "--role", "Reader"], env()),
    runCliAsync(["sim", "grant-role", "--principal", etlPrincipal(), "--role", "Storage Queen"], env()),
    runCliAsync(["sim", "grant-role", "--principal", "etl", "--role", "Reader"], env()),
    runCliAsync(
      ["sim", "grant-role", "--principal", etlPrincipal(), "--role", "Reader"],
      env({ BATCHTOP_ARM_ENDPOINT: "https://management.azure.com" }),
    ),
    runCliAsync(
      ["sim", "grant-role", "--principal", etlPrincipal(), "--role", "Reader"],
      env({ IDENTITY_ENDPOINT: undefined }),
    ),
  ]);
  const expected = [
    /needs --principal ID and --role NAME/,
    /unknown role "Storage Queen"; the demo account knows "Owner", /,
    /--principal must be a principal \(object\) id/,
    /only talks to the demo account on loopback, not https:\/\/management\.azure\.com/,
    /no running demo account in this shell \(IDENTITY_ENDPOINT not set\)/,
  ];
  for (const [index, run] of runs.entries()) {
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, expected[index]!);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
});
