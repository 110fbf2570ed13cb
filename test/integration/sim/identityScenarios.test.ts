import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Pool } from "@azure/arm-batch";
import type { BatchServiceModels } from "@azure/batch";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";
import { demoClients, identityResourceId, type DemoClients } from "../../helpers/demoClients.js";

// The four rows of seed 001's identity tables as living pools of the `identity` scenario, observed
// the way an operator would: node states and errors and task failure codes through @azure/batch,
// pool identities through @azure/arm-batch. Then each is healed as the source documents say: a
// storage role for row 2; for rows 3 and 4 the full identity set through ARM and a scale to 0 and
// back, since identities reach only nodes allocated after the change.
//
// One demo account serves the whole file (tokens are cached per process, so a second account's
// issuer would refuse them): the observations come first, then each row is fixed in turn. Rows are
// separate pools, so fixing one leaves the others as they were.

const MINUTE = 60_000;

let sim: Simulator;
let clients: DemoClients;

before(async () => {
  sim = await startSimulator({
    scenario: "identity",
    seed: 4,
    speed: 0,
    storage: false,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
  clients = demoClients(sim);
});
after(() => sim.stop());

const identityId = (name: string) => identityResourceId(sim, name);

/** Node states as an operator reads them; idle and running both mean the node started. */
async function nodeStates(poolId: string): Promise<string[]> {
  const nodes = await clients.batch.computeNode.list(poolId);
  return nodes.map((node) => {
    if (node.errors?.length) return `${node.state}:${node.errors[0]?.code}`;
    return node.state === "idle" || node.state === "running" ? "started" : String(node.state);
  });
}

async function completedTasks(poolId: string): Promise<BatchServiceModels.CloudTask[]> {
  return clients.batch.task.list(`adfv2-${poolId}`, { taskListOptions: { filter: "state eq 'completed'" } });
}

/** Failure codes ("success" for none) of the tasks that completed after `since`. */
async function outcomesSince(poolId: string, since: Date): Promise<string[]> {
  const tasks = await completedTasks(poolId);
  const codes = tasks
    .filter((task) => (task.stateTransitionTime?.getTime() ?? 0) > since.getTime())
    .map((task) => task.executionInfo?.failureInfo?.code ?? String(task.executionInfo?.result));
  return [...new Set(codes)];
}

async function poolIdentities(poolId: string): Promise<string[]> {
  const pool = await clients.arm.poolOperations.get(clients.resourceGroup, clients.accountName, poolId);
  return Object.keys(pool.identity?.userAssignedIdentities ?? {});
}

async function advanceUntil(done: () => Promise<boolean>, limitMinutes = 30): Promise<void> {
  for (let minute = 0; !(await done()); minute++) {
    assert.ok(minute < limitMinutes, `not reached within ${limitMinutes} simulated minutes`);
    sim.world.advance(MINUTE);
  }
}

async function scaleThroughArm(poolId: string, nodes: number): Promise<Pool> {
  return clients.arm.poolOperations.update(clients.resourceGroup, clients.accountName, poolId, {
    scaleSettings: { fixedScale: { targetDedicatedNodes: nodes } },
  });
}

async function steady(poolId: string): Promise<boolean> {
  return (await clients.batch.pool.get(poolId)).allocationState === "steady";
}

/** Attaches the node identity reference next to the pool's identity: the full set, as ARM needs it. */
async function attachReferenceIdentity(poolId: string): Promise<void> {
  const existing = await poolIdentities(poolId);
  const full = [...existing, identityId("id-batchtop-nodes")];
  const updated = await clients.arm.poolOperations.update(
    clients.resourceGroup,
    clients.accountName,
    poolId,
    {
      identity: {
        type: "UserAssigned",
        userAssignedIdentities: Object.fromEntries(full.map((id) => [id, {}])),
      },
    },
  );
  assert.deepEqual(Object.keys(updated.identity?.userAssignedIdentities ?? {}), full);
}

test("the account's autostorage uses its managed identity, with id-batchtop-nodes as node identity reference", async () => {
  const account = await clients.arm.batchAccountOperations.get(clients.resourceGroup, clients.accountName);
  assert.equal(account.autoStorage?.authenticationMode, "BatchAccountManagedIdentity");
  assert.equal(account.autoStorage?.nodeIdentityReference?.resourceId, identityId("id-batchtop-nodes"));
});

test("row 1, reference identity on the pool with a storage role: nodes start, tasks succeed", async () => {
  assert.ok((await poolIdentities("identity-1-ok")).includes(identityId("id-batchtop-nodes")));
  assert.deepEqual(await nodeStates("identity-1-ok"), ["started", "started"]);
  assert.deepEqual(await outcomesSince("identity-1-ok", new Date(0)), ["success"]);
});

test("row 2, identity without a storage role: nodes idle, tasks fail with ResourceContainerAccessDenied", async () => {
  assert.ok((await poolIdentities("identity-2-no-permission")).includes(identityId("id-batchtop-etl")));
  assert.deepEqual(await nodeStates("identity-2-no-permission"), ["started", "started"]);
  const tasks = await completedTasks("identity-2-no-permission");
  const failure = tasks[0]?.executionInfo?.failureInfo;
  assert.equal(failure?.code, "ResourceContainerAccessDenied");
  assert.equal(failure?.message, "Access for one of the specified Azure Blob container(s) is denied");
  assert.equal(failure?.category, "usererror");
  // ADF passed the storage linked service's identity on as the resource files' identity reference.
  assert.equal(tasks[0]?.resourceFiles?.[0]?.identityReference?.resourceId, identityId("id-batchtop-etl"));
  assert.deepEqual(await outcomesSince("identity-2-no-permission", new Date(0)), [
    "ResourceContainerAccessDenied",
  ]);
});

test("row 3, no node identity reference when allocated: nodes stuck in starting, tasks denied", async () => {
  assert.deepEqual(await nodeStates("identity-3-not-referenced"), [
    "started",
    "started",
    "starting",
    "starting",
  ]);
  assert.deepEqual(await outcomesSince("identity-3-not-referenced", new Date(0)), [
    "ResourceContainerAccessDenied",
  ]);
});

test("row 4, reference identity not on the pool: nodes unusable with ApplicationPackageError, listing fails", async () => {
  assert.ok(!(await poolIdentities("identity-4-not-on-pool")).includes(identityId("id-batchtop-nodes")));
  const nodes = await clients.batch.computeNode.list("identity-4-not-on-pool");
  const unusable = nodes.filter((node) => node.state === "unusable");
  assert.equal(unusable.length, 2);
  assert.deepEqual(unusable[0]?.errors, [
    {
      code: "ApplicationPackageError",
      message: "One or more application packages specified for the pool are invalid",
    },
  ]);
  const failure = (await completedTasks("identity-4-not-on-pool"))[0]?.executionInfo?.failureInfo;
  assert.equal(failure?.code, "ResourceContainerListMiscError");
  assert.equal(
    failure?.message,
    "Miscellaneous error encountered while listing one of the specified Azure Blob container(s)",
  );
});

test("row 2 heals once the identity holds a storage role (Azure RBAC), without cycling nodes", async () => {
  const pool = await clients.arm.poolOperations.get(
    clients.resourceGroup,
    clients.accountName,
    "identity-2-no-permission",
  );
  const etl = pool.identity?.userAssignedIdentities?.[identityId("id-batchtop-etl")];
  assert.ok(etl?.principalId);
  sim.world.assignStorageRole(etl.principalId);
  const since = sim.world.now();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(await outcomesSince("identity-2-no-permission", since), ["success"]);
});

test("row 4: attaching the identity without cycling the nodes heals nothing", async () => {
  const before = await nodeStates("identity-4-not-on-pool");
  await attachReferenceIdentity("identity-4-not-on-pool");
  const since = sim.world.now();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(await nodeStates("identity-4-not-on-pool"), before);
  assert.deepEqual(await outcomesSince("identity-4-not-on-pool", since), ["ResourceContainerListMiscError"]);
});

test("row 4 then heals with a scale to 0 and back through ARM: new nodes get the attached identity", async () => {
  // The full identity set was attached through ARM by the previous test.
  assert.ok((await poolIdentities("identity-4-not-on-pool")).includes(identityId("id-batchtop-nodes")));
  await scaleThroughArm("identity-4-not-on-pool", 0);
  await advanceUntil(
    async () =>
      (await steady("identity-4-not-on-pool")) && (await nodeStates("identity-4-not-on-pool")).length === 0,
  );
  await scaleThroughArm("identity-4-not-on-pool", 4);
  await advanceUntil(
    async () => (await nodeStates("identity-4-not-on-pool")).join() === "started,started,started,started",
  );
  const since = sim.world.now();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(await outcomesSince("identity-4-not-on-pool", since), ["success"]);
});

test("row 3 heals with the full identity set through ARM and a scale to 0 and back through the data plane", async () => {
  await attachReferenceIdentity("identity-3-not-referenced");
  await clients.batch.pool.resize("identity-3-not-referenced", { targetDedicatedNodes: 0 });
  await advanceUntil(
    async () =>
      (await steady("identity-3-not-referenced")) &&
      (await nodeStates("identity-3-not-referenced")).length === 0,
  );
  await clients.batch.pool.resize("identity-3-not-referenced", { targetDedicatedNodes: 2 });
  await advanceUntil(
    async () => (await nodeStates("identity-3-not-referenced")).join() === "started,started",
  );
  const since = sim.world.now();
  sim.world.advance(15 * MINUTE);
  assert.deepEqual(await outcomesSince("identity-3-not-referenced", since), ["success"]);
});
