import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createArmClient } from "../../../src/azure/armClient.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { createIdentityClients } from "../../../src/azure/identityReader.js";
import { createPoolManager, type PoolManager } from "../../../src/azure/poolManager.js";
import { ReadOnlyRefusalError } from "../../../src/azure/readOnlyGuard.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { simTargets, startManagedSimAccount } from "../../helpers/simManagement.js";

// Read-only mode for the ARM adapters: no pool writer, and a guarded ARM pipeline as the second line
// of defence. runHistory.test.ts runs read-only too: the Log Analytics query POST passes the guard.

let account: SimAccount;

before(async () => {
  account = await startManagedSimAccount({ scenario: "healthy", seed: 4, readOnly: true });
});
after(() => account.sim.stop());

/** Every PoolManager method. None may reach the service. */
function everyWrite(manager: PoolManager): [string, () => Promise<unknown>][] {
  return [
    ["setPoolIdentities", () => manager.setPoolIdentities("any-pool", [])],
    [
      "setScaleSettings",
      () =>
        manager.setScaleSettings("any-pool", { mode: "fixed", targetDedicatedNodes: 1, targetSpotNodes: 0 }),
    ],
  ];
}

test("read-only mode builds no pool writer, and a guarded ARM pipeline refuses a PATCH locally", async () => {
  const { sim, adapters, credential } = account;
  assert.equal(adapters.poolManager, undefined, "the factory does not construct the writer");
  assert.ok(adapters.poolManagement, "the read side is there");

  // The second line of defence: a writer built around a read-only client anyway still cannot write.
  const { arm } = simTargets(sim);
  const guarded = createArmClient({
    endpoint: arm.endpoint,
    subscriptionId: arm.subscriptionId,
    credential,
    transport: { ca: sim.certificates.caPem },
    readOnly: true,
  });
  const manager = createPoolManager(guarded, arm, new AccountThrottle());
  const mark = sim.requestLog.mark();
  for (const [name, write] of everyWrite(manager)) {
    await assert.rejects(write(), (error: unknown) => {
      assert.ok(error instanceof ReadOnlyRefusalError, name);
      assert.ok(error instanceof AzureRequestError);
      assert.match(
        error.message,
        /^read-only mode: refused PATCH https:\/\/127\.0\.0\.1:\d+\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Batch\/batchAccounts\/[^/]+\/pools\/any-pool$/,
      );
      return true;
    });
  }
  assert.deepEqual(sim.requestLog.since(mark), [], "no request reached the account");
});

test("in read-only mode ARM reads pass, and no mutating request ever reached the account", async () => {
  const { sim, adapters } = account;
  const mark = sim.requestLog.mark();
  assert.ok((await adapters.poolManagement!.getAccount()).name);
  assert.ok((await adapters.poolManagement!.listPools()).length > 0);
  assert.deepEqual(
    sim.requestLog.since(mark).map((entry) => [entry.method, entry.status]),
    [
      ["GET", 200],
      ["GET", 200],
    ],
  );
  const mutating = sim.requestLog.all().filter((entry) => entry.method !== "GET" && entry.method !== "HEAD");
  assert.deepEqual(mutating, []);
});

test("read-only mode keeps the identity reads, and a guarded Authorization client cannot grant or remove a role", async () => {
  const { sim, adapters, credential } = account;
  assert.ok(adapters.identityReader, "it only reads, so it is there in read-only mode");
  const mark = sim.requestLog.mark();
  const { subscriptionId, resourceGroup, storageAccountName } = sim.world.account();
  const storage = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${storageAccountName}`;
  assert.equal((await adapters.identityReader.roleAssignmentsAt(storage)).kind, "read");
  await adapters.identityReader.listUserAssignedIdentities();
  const reads = sim.requestLog.since(mark);
  assert.ok(reads.length >= 2);
  assert.ok(reads.every((entry) => entry.method === "GET" && entry.status === 200));

  // The second line of defence: the same clients, asked to write anyway, refuse before any token.
  let tokens = 0;
  const counting = {
    getToken: async (scopes: string | string[]) => {
      tokens += 1;
      return credential.getToken(scopes);
    },
  };
  const { arm } = simTargets(sim);
  const { authorization } = createIdentityClients({
    endpoint: arm.endpoint,
    subscriptionId: arm.subscriptionId,
    credential: counting,
    transport: { ca: sim.certificates.caPem },
    readOnly: true,
  });
  const name = "6f1c2b7e-5d0a-4c1e-9a35-2b1f0e4d7c13";
  const writeMark = sim.requestLog.mark();
  for (const [method, write] of [
    [
      "PUT",
      () =>
        authorization.roleAssignments.create(storage.slice(1), name, {
          roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
          principalId: "00000000-0000-4000-8000-000000000042",
        }),
    ],
    ["DELETE", () => authorization.roleAssignments.delete(storage.slice(1), name)],
  ] as const) {
    await assert.rejects(write(), (error: unknown) => {
      assert.ok(error instanceof ReadOnlyRefusalError, method);
      assert.match(
        error.message,
        new RegExp(`^read-only mode: refused ${method} https://127\\.0\\.0\\.1:\\d+/`),
      );
      return true;
    });
  }
  assert.equal(tokens, 0, "a refused request does not even fetch a token");
  assert.deepEqual(sim.requestLog.since(writeMark), [], "no request reached the account");
});
