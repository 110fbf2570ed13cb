import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createArmClient } from "../../../src/azure/armClient.js";
import { AzureRequestError } from "../../../src/azure/azureError.js";
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
