import { test } from "node:test";
import assert from "node:assert/strict";
import type { ManagedIdentity } from "../../../../src/sim/world/identityDirectory.js";
import { MINUTE_MS } from "../../../../src/sim/world/time.js";
import { createWorld, type World } from "../../../../src/sim/world/world.js";
import { advanceUntil } from "./worldFixture.js";

// The identity scenario through the world's own API: each pool shows its row of the seed's tables,
// and fixing the cause heals it only for nodes allocated afterwards.

function identityWorld(): World {
  return createWorld({ scenario: "identity", seed: 5 });
}

function identity(world: World, name: string): ManagedIdentity {
  const found = world.findIdentity(
    `/subscriptions/${world.account().subscriptionId}/resourceGroups/${world.account().resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  );
  assert.ok(found, name);
  return found;
}

/** Node states, idle and running both shown as "started" (which one depends on the moment). */
function nodeStates(world: World, poolId: string): string[] {
  return world.listNodes(poolId).map((node) => {
    if (node.errors) return `${node.state}:${node.errors[0]?.code}`;
    return node.state === "idle" || node.state === "running" ? "started" : node.state;
  });
}

/** Failure codes (or "success") of tasks that completed after `sinceMs`. */
function outcomesSince(world: World, poolId: string, sinceMs: number): Set<string> {
  return new Set(
    world
      .listTasks(`adfv2-${poolId}`)
      .filter((task) => task.state === "completed" && Date.parse(task.stateTransitionTime) > sinceMs)
      .map((task) => task.executionInfo?.failureInfo?.code ?? task.executionInfo?.result ?? "?"),
  );
}

function cycle(world: World, poolId: string, nodes: number): void {
  world.updatePool(poolId, { scale: { kind: "fixed", resize: { targetDedicatedNodes: 0 } } });
  advanceUntil(
    world,
    () => world.getPool(poolId)?.allocationState === "steady" && world.listNodes(poolId).length === 0,
  );
  world.updatePool(poolId, { scale: { kind: "fixed", resize: { targetDedicatedNodes: nodes } } });
  advanceUntil(world, () => world.getPool(poolId)?.allocationState === "steady");
  world.advance(5 * MINUTE_MS);
}

test("each pool shows its row: node states and the codes its tasks fail with", () => {
  const world = identityWorld();
  const since = 0;
  assert.deepEqual(nodeStates(world, "identity-1-ok"), ["started", "started"]);
  assert.deepEqual([...outcomesSince(world, "identity-1-ok", since)], ["success"]);
  assert.deepEqual(nodeStates(world, "identity-2-no-permission"), ["started", "started"]);
  assert.deepEqual(
    [...outcomesSince(world, "identity-2-no-permission", since)],
    ["ResourceContainerAccessDenied"],
  );
  assert.deepEqual(nodeStates(world, "identity-3-not-referenced"), [
    "started",
    "started",
    "starting",
    "starting",
  ]);
  assert.deepEqual(
    [...outcomesSince(world, "identity-3-not-referenced", since)],
    ["ResourceContainerAccessDenied"],
  );
  assert.deepEqual(nodeStates(world, "identity-4-not-on-pool"), [
    "started",
    "started",
    "unusable:ApplicationPackageError",
    "unusable:ApplicationPackageError",
  ]);
  assert.deepEqual(
    [...outcomesSince(world, "identity-4-not-on-pool", since)],
    ["ResourceContainerListMiscError"],
  );
  // Stuck is stuck: an hour later the nodes have not moved.
  world.advance(60 * MINUTE_MS);
  assert.deepEqual(nodeStates(world, "identity-3-not-referenced").slice(2), ["starting", "starting"]);
});

test("the account's autostorage uses its managed identity with id-batchtop-nodes as node identity reference", () => {
  const world = identityWorld();
  const { autoStorage, identity: accountIdentity } = world.account();
  assert.equal(autoStorage.authenticationMode, "BatchAccountManagedIdentity");
  assert.equal(autoStorage.nodeIdentityReference, identity(world, "id-batchtop-nodes").resourceId);
  assert.equal(accountIdentity.type, "SystemAssigned");
  assert.equal(world.accountCanReachAutoStorage(), false);
});

test("row 2 heals when the identity is granted a storage role, without cycling nodes", () => {
  const world = identityWorld();
  const etl = identity(world, "id-batchtop-etl");
  world.assignStorageRole(etl.principalId);
  const since = world.now().getTime();
  world.advance(15 * MINUTE_MS);
  assert.deepEqual([...outcomesSince(world, "identity-2-no-permission", since)], ["success"]);
});

for (const poolId of ["identity-3-not-referenced", "identity-4-not-on-pool"]) {
  test(`${poolId}: attaching the reference identity without cycling heals nothing`, () => {
    const world = identityWorld();
    const before = nodeStates(world, poolId);
    world.updatePool(poolId, {
      identities: [identity(world, "id-batchtop-keyvault"), identity(world, "id-batchtop-nodes")],
    });
    const since = world.now().getTime();
    world.advance(15 * MINUTE_MS);
    assert.deepEqual(nodeStates(world, poolId), before);
    assert.ok(!outcomesSince(world, poolId, since).has("success"));
  });

  test(`${poolId}: the full identity set plus a scale to 0 and back heals it`, () => {
    const world = identityWorld();
    world.updatePool(poolId, {
      identities: [identity(world, "id-batchtop-keyvault"), identity(world, "id-batchtop-nodes")],
    });
    cycle(world, poolId, 4);
    assert.deepEqual(nodeStates(world, poolId), ["started", "started", "started", "started"]);
    const since = world.now().getTime();
    world.advance(15 * MINUTE_MS);
    assert.deepEqual([...outcomesSince(world, poolId, since)], ["success"]);
  });
}

test("row 3 cycled without attaching the identity moves to row 4: the reference is set now, not on the pool", () => {
  const world = identityWorld();
  cycle(world, "identity-3-not-referenced", 2);
  assert.deepEqual(nodeStates(world, "identity-3-not-referenced"), [
    "unusable:ApplicationPackageError",
    "unusable:ApplicationPackageError",
  ]);
});
