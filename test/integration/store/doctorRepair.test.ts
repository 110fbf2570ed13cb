import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ManagedIdentityCredential } from "@azure/identity";
import { createAzureAdapters, type AzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { diagnosePool } from "../../../src/model/doctor/diagnose.js";
import type { Verdict } from "../../../src/model/doctor/verdict.js";
import { identitySetUnion } from "../../../src/model/poolIdentity.js";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";
import { gatherDoctorEvidence } from "../../../src/store/doctorEvidence.js";

// The doctor's verdicts through a repair of the `identity` scenario, as the operator would do it with
// batchtop's own adapters: the verdict names the fix; after each step the next verdict names what is
// left, and once the pool is healed it says healthy. Role assignments are not read here (no identity
// reader yet), so the doctor decides on the symptoms.

const MINUTE = 60_000;

let sim: Simulator;
let adapters: AzureAdapters;

before(async () => {
  sim = await startSimulator({
    scenario: "identity",
    seed: 4,
    speed: 0,
    storage: false,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
  process.env.IDENTITY_ENDPOINT = sim.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sim.env.IDENTITY_HEADER;
  adapters = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential: new ManagedIdentityCredential(),
    readOnly: false,
    transport: { ca: sim.certificates.caPem },
    arm: {
      endpoint: sim.env.BATCHTOP_ARM_ENDPOINT,
      subscriptionId: sim.env.AZURE_SUBSCRIPTION_ID,
      resourceGroup: sim.env.AZURE_RESOURCE_GROUP,
      accountName: sim.env.AZURE_BATCH_ACCOUNT,
    },
  });
});
after(() => sim.stop());

async function verdict(poolId: string): Promise<Verdict> {
  const evidence = await gatherDoctorEvidence(
    { poolManagement: adapters.poolManagement!, reader: adapters.reader },
    { poolId, now: sim.world.now() },
  );
  return diagnosePool(evidence.pools[0]!);
}

async function advanceUntil(done: () => Promise<boolean>, limitMinutes = 30): Promise<void> {
  for (let minute = 0; !(await done()); minute++) {
    assert.ok(minute < limitMinutes, `not reached within ${limitMinutes} simulated minutes`);
    sim.world.advance(MINUTE);
  }
}

/** The doctor's fix applied as batchtop's actions do it: the union of identities, then scale to 0 and back. */
async function repair(poolId: string, fix: Verdict["fix"]): Promise<void> {
  const manager = adapters.poolManager!;
  for (const step of fix) {
    if (step.kind === "attach") {
      const pool = await adapters.poolManagement!.getPool(poolId);
      const union = identitySetUnion(
        pool.identities.map((identity) => identity.resourceId),
        [step.identityResourceId],
      );
      await manager.setPoolIdentities(poolId, union);
    }
    if (step.kind === "cycle") {
      const pool = await adapters.poolManagement!.getPool(poolId);
      const target = pool.scale.mode === "fixed" ? pool.scale.targetDedicatedNodes : 0;
      await manager.setScaleSettings(poolId, { mode: "fixed", targetDedicatedNodes: 0, targetSpotNodes: 0 });
      await advanceUntil(async () => (await adapters.reader.listNodes(poolId)).length === 0);
      await manager.setScaleSettings(poolId, {
        mode: "fixed",
        targetDedicatedNodes: target,
        targetSpotNodes: 0,
      });
      await advanceUntil(async () => {
        const nodes = await adapters.reader.listNodes(poolId);
        return (
          nodes.length === target && nodes.every((node) => node.state === "idle" || node.state === "running")
        );
      });
    }
  }
}

test("the doctor only reads: every request it sends is a GET", async () => {
  const mark = sim.requestLog.mark();
  await gatherDoctorEvidence(
    { poolManagement: adapters.poolManagement!, reader: adapters.reader },
    { now: sim.world.now() },
  );
  const requests = sim.requestLog.since(mark).filter((request) => request.service !== "identity");
  assert.deepEqual([...new Set(requests.map((request) => request.method))], ["GET"]);
  // The account and the pools from ARM; per pool its nodes and failed tasks, and for the three
  // failing pools the tasks after their latest failure.
  assert.equal(
    requests.length,
    2 + 4 * 2 + 3,
    requests.map((request) => `${request.service} ${request.path}`).join("\n"),
  );
});

test("row 4: attach alone leaves the cycle to do; the cycle heals the pool and the verdict turns healthy", async () => {
  const pool = "identity-4-not-on-pool";
  const first = await verdict(pool);
  assert.equal(first.case, "reference-not-on-pool");
  const attach = first.fix.filter((step) => step.kind === "attach");
  assert.equal(attach.length, 1);

  await repair(pool, attach);
  sim.world.advance(MINUTE);
  const attached = await verdict(pool);
  assert.equal(attached.case, "reference-not-on-pool", JSON.stringify(attached));
  assert.deepEqual(attached.fix, [{ kind: "cycle", poolId: pool }], "only the cycle is left");
  assert.ok(attached.inferred.some((line) => /allocated before the pool last changed/.test(line)));

  await repair(pool, attached.fix);
  sim.world.advance(15 * MINUTE);
  const healed = await verdict(pool);
  assert.equal(healed.case, "healthy", JSON.stringify(healed));
});

test("row 3: attach and cycle as the verdict says, and the verdict turns healthy", async () => {
  const pool = "identity-3-not-referenced";
  const first = await verdict(pool);
  assert.equal(first.case, "nodes-before-reference");
  assert.deepEqual(
    first.fix.map((step) => step.kind),
    ["attach", "cycle"],
  );
  await repair(pool, first.fix);
  sim.world.advance(15 * MINUTE);
  const healed = await verdict(pool);
  assert.equal(healed.case, "healthy", JSON.stringify(healed));
});

test("row 2: once the role is granted, tasks succeed on the same nodes and the verdict turns healthy", async () => {
  const pool = "identity-2-no-permission";
  const first = await verdict(pool);
  assert.equal(first.case, "identity-without-storage-role");
  const grant = first.fix[0];
  assert.equal(grant?.kind, "grant");
  // batchtop never grants roles: the demo account's drill does what `az role assignment create` would.
  sim.world.assignStorageRole(grant?.kind === "grant" ? grant.principalId : "");
  sim.world.advance(15 * MINUTE);
  const healed = await verdict(pool);
  assert.equal(healed.case, "healthy", JSON.stringify(healed));
});
