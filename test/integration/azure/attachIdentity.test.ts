import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createActionRunner } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import type { AuditEntry } from "../../../src/actions/auditJournal.js";
import { createPoolIdentities, noIdentityReader } from "../../../src/actions/poolIdentities.js";
import type { BatchWriter } from "../../../src/azure/batchWriter.js";
import type { PoolManagement } from "../../../src/azure/poolManagement.js";
import type { PoolManager } from "../../../src/azure/poolManager.js";
import { attachIdentityPlan } from "../../../src/model/actions/identityPlan.js";
import { planOutcome } from "../../../src/model/actions/planOutcome.js";
import type { SimAccount } from "../../helpers/simAdapters.js";
import { startManagedSimAccount } from "../../helpers/simManagement.js";

// `I` end to end below the screen: the PoolIdentities service and the action runner over the real
// ARM and Batch SDK clients, against the demo account's identity scenario.

let account: SimAccount;
let management: PoolManagement;
let manager: PoolManager;
let writer: BatchWriter;

before(async () => {
  account = await startManagedSimAccount({ scenario: "identity", seed: 3, readOnly: false });
  assert.ok(account.adapters.poolManagement && account.adapters.poolManager && account.adapters.writer);
  management = account.adapters.poolManagement;
  manager = account.adapters.poolManager;
  writer = account.adapters.writer;
});
after(() => account.sim.stop());

const identityId = (name: string) =>
  `/subscriptions/${account.sim.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${account.sim.env.AZURE_RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

const lower = (ids: readonly string[]) => ids.map((id) => id.toLowerCase()).sort();

test("attaching id-batchtop-nodes to identity-4-not-on-pool keeps id-batchtop-keyvault, read back through ARM", async () => {
  const service = createPoolIdentities({ management, manager });
  const catalogue = await service.catalogue("identity-4-not-on-pool");
  assert.deepEqual(lower(catalogue.poolIdentities), lower([identityId("id-batchtop-keyvault")]));
  assert.equal(catalogue.account?.autoStorage?.nodeIdentityResourceId, identityId("id-batchtop-nodes"));
  assert.equal(catalogue.unlisted, noIdentityReader);
  assert.ok(catalogue.otherPools.some((pool) => pool.id === "identity-1-ok"));

  const planned = attachIdentityPlan(
    "identity-4-not-on-pool",
    catalogue.poolIdentities,
    identityId("id-batchtop-nodes"),
  );
  assert.ok("plan" in planned);
  const entries: AuditEntry[] = [];
  const attempts = createAttemptLog(
    { shownAs: "audit", append: async (entry) => void entries.push(entry), recent: async () => [] },
    "batchtop-demo",
  );
  const sentAt = Date.now();
  await createActionRunner(writer, attempts, service).execute(planned.plan);
  assert.deepEqual(
    entries.map((entry) => entry.outcome),
    ["sent"],
  );

  const pool = await management.getPool("identity-4-not-on-pool");
  assert.deepEqual(
    lower(pool.identities.map((identity) => identity.resourceId)),
    lower([identityId("id-batchtop-keyvault"), identityId("id-batchtop-nodes")]),
  );
  // The next overview poll (the data plane) confirms it.
  const outcome = planOutcome(
    { plan: planned.plan, sentAt },
    { pools: await account.adapters.reader.listPools() },
  );
  assert.equal(outcome.kind, "done");
  assert.match(outcome.kind === "done" ? outcome.detail : "", /id-batchtop-keyvault/);
});

test("a pool changed between batchtop's read and its PATCH: ARM answers 412 and the other change stands", async () => {
  const poolId = "identity-3-not-referenced";
  const etl = identityId("id-batchtop-etl");
  // Someone else attaches id-batchtop-etl right after batchtop's fresh read.
  const racing: Pick<PoolManagement, "getAccount" | "listPools" | "getPool"> = {
    getAccount: (signal) => management.getAccount(signal),
    listPools: (signal) => management.listPools(signal),
    getPool: async (id, signal) => {
      const read = await management.getPool(id, signal);
      await manager.setPoolIdentities(id, [...read.identities.map((identity) => identity.resourceId), etl]);
      return read;
    },
  };
  const service = createPoolIdentities({ management: racing, manager });
  const current = await management.getPool(poolId);
  const planned = attachIdentityPlan(
    poolId,
    current.identities.map((identity) => identity.resourceId),
    identityId("id-batchtop-nodes"),
  );
  assert.ok("plan" in planned);
  await assert.rejects(
    service.send(planned.plan),
    /changed between batchtop's read and its update \(412\); nothing was changed/,
  );
  const now = await management.getPool(poolId);
  assert.deepEqual(
    lower(now.identities.map((identity) => identity.resourceId)),
    lower([identityId("id-batchtop-keyvault"), etl]),
  );
});
