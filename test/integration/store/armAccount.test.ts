import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { poolDetailsObject } from "../../../src/model/views/detailsView.js";
import { createDashboardStore, type DashboardStore } from "../../../src/store/dashboardStore.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// The account as ARM shows it, through the real store and adapters, on the identity scenario: its
// node identity reference, and which pool lacks it (identity-4-not-on-pool).

let account: SimAccount;
let store: DashboardStore;

before(async () => {
  account = await startManagedSimAccount({ scenario: "identity", seed: 1, readOnly: true });
  const { adapters } = account;
  assert.ok(adapters.poolManagement);
  store = createDashboardStore(
    { reader: adapters.reader, management: adapters.poolManagement },
    { refreshMs: 2000, timers: new ManualTimers() },
  );
});
after(async () => {
  store.stop();
  await account.sim.stop();
});

test("a pool's details say whether it has the account's node identity reference", async () => {
  store.setFocus({});
  for (let i = 0; i < 500 && !(store.getSnapshot().account.data && store.getSnapshot().overview.data); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const { account: arm, overview } = store.getSnapshot();
  assert.ok(arm.data && overview.data, "ARM and the data plane answered");
  const details = (poolId: string) => {
    const pool = overview.data?.pools.find((candidate) => candidate.id === poolId);
    assert.ok(pool, poolId);
    return poolDetailsObject(pool, arm.data) as { accountAutoStorage?: Record<string, unknown> };
  };
  assert.deepEqual(details("identity-1-ok").accountAutoStorage, {
    authenticationMode: "BatchAccountManagedIdentity",
    nodeIdentityReference: "id-batchtop-nodes",
    nodeIdentityReferenceOnThisPool: true,
  });
  assert.equal(details("identity-4-not-on-pool").accountAutoStorage?.nodeIdentityReferenceOnThisPool, false);
});
