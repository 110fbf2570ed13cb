import { test } from "node:test";
import assert from "node:assert/strict";
import {
  incidentAccount,
  dashboardTestHooks,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";

const draw = dashboardTestHooks();
let harness: DashboardHarness | undefined;

test("a pool's details list its identities by name, not only the IDS count", async () => {
  const account = incidentAccount();
  account.pools = account.pools.map((pool) =>
    pool.id === "etl-bad"
      ? { ...pool, identityCount: 2, identityNames: ["id-batchtop-nodes", "id-etl-storage"] }
      : pool,
  );
  harness = draw({ account });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press("d");
  const frame = terminal.frame();
  assert.match(frame, /▸ Details of pool etl-bad/);
  assert.match(frame, /"identityCount": 2/);
  assert.match(frame, /"identityNames": \[/);
  assert.match(frame, /"id-batchtop-nodes",/);
  assert.match(frame, /"id-etl-storage"/);
});

test("a pool's details show the account's node identity reference and whether this pool has it", async () => {
  const account = incidentAccount();
  account.pools = account.pools.map((pool) =>
    pool.id === "etl-bad" ? { ...pool, identityCount: 1, identityNames: ["id-batchtop-keyvault"] } : pool,
  );
  account.armAccount = {
    id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/contoso",
    name: "contoso",
    location: "westeurope",
    identity: { type: "SystemAssigned", userAssignedIdentities: [] },
    autoStorage: {
      storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityResourceId:
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-batchtop-nodes",
    },
  };
  harness = draw({ account });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press("d");
  const frame = terminal.frame();
  assert.match(frame, /"authenticationMode": "BatchAccountManagedIdentity"/);
  assert.match(frame, /"nodeIdentityReference": "id-batchtop-nodes"/);
  assert.match(frame, /"nodeIdentityReferenceOnThisPool": false/);
});
