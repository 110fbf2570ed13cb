import { test, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { loadTheme } from "../../../src/cli/config/loadTheme.js";
import type { Theme } from "../../../src/model/theme/theme.js";
import { incidentAccount, renderDashboard, type DashboardHarness } from "../../helpers/dashboardFixture.js";

let theme: Theme;
let harness: DashboardHarness | undefined;
before(async () => {
  theme = await loadTheme("dark", { XDG_CONFIG_HOME: "/nonexistent" });
});
afterEach(() => harness?.terminal.unmount());

test("a pool's details list its identities by name, not only the IDS count", async () => {
  const account = incidentAccount();
  account.pools = account.pools.map((pool) =>
    pool.id === "etl-bad"
      ? { ...pool, identityCount: 2, identityNames: ["id-batchtop-nodes", "id-etl-storage"] }
      : pool,
  );
  harness = renderDashboard(theme, { account });
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
  harness = renderDashboard(theme, { account });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press("d");
  const frame = terminal.frame();
  assert.match(frame, /"authenticationMode": "BatchAccountManagedIdentity"/);
  assert.match(frame, /"nodeIdentityReference": "id-batchtop-nodes"/);
  assert.match(frame, /"nodeIdentityReferenceOnThisPool": false/);
});
