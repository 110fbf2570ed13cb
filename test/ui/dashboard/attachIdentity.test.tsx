import { test } from "node:test";
import assert from "node:assert/strict";
import type { BatchAccountInfo } from "../../../src/model/account.js";
import {
  dashboardTestHooks,
  type DashboardHarness,
  type HarnessOptions,
} from "../../helpers/dashboardFixture.js";
import { fakeIdentityReader, identityId, managedIdentity } from "../../helpers/fakeIdentityReader.js";
import { fakePoolArm, type FakePoolArm } from "../../helpers/fakePoolArm.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();

const ids = {
  nodes: identityId("id-nodes"),
  keyVault: identityId("id-keyvault"),
  account: identityId("id-account"),
  spare: identityId("id-spare", "rg-other"),
};

const account: BatchAccountInfo = {
  id: "/subscriptions/s/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/contoso-batch",
  name: "contoso-batch",
  location: "westeurope",
  identity: { type: "UserAssigned", userAssignedIdentities: [{ resourceId: ids.account }] },
  autoStorage: {
    storageAccountId:
      "/subscriptions/s/resourceGroups/rg-batch/providers/Microsoft.Storage/storageAccounts/st",
    authenticationMode: "BatchAccountManagedIdentity",
    nodeIdentityResourceId: ids.nodes,
  },
};

/** etl-ok has id-keyvault; etl-bad has id-nodes, the account's node identity reference. */
function armPools(): FakePoolArm {
  return fakePoolArm({ "etl-ok": [ids.keyVault], "etl-bad": [ids.nodes] }, account);
}

const reader = () =>
  fakeIdentityReader([
    managedIdentity("id-nodes"),
    managedIdentity("id-keyvault"),
    managedIdentity("id-account"),
    managedIdentity("id-spare", "rg-other"),
  ]);

async function start(options: HarnessOptions = {}): Promise<DashboardHarness> {
  const harness = draw(options);
  // The data plane reports the same sets as ARM, by name.
  for (const [poolId, names] of [
    ["etl-ok", ["id-keyvault"]],
    ["etl-bad", ["id-nodes"]],
  ] as const) {
    const pool = harness.store.account.pools.find((candidate) => candidate.id === poolId);
    Object.assign(pool ?? {}, { identityCount: names.length, identityNames: names });
  }
  harness.store.poll();
  await harness.terminal.waitFor(/Tasks of adfv2-etl-bad \(4\)/);
  return harness;
}

/** In the open picker: the filter narrowed to one identity, selected. */
const only = (name: string) => ["/", name, keys.enter] as const;

/** I on etl-ok, once the picker has read ARM. */
async function openPicker(harness: DashboardHarness): Promise<string> {
  await harness.terminal.press("j", "I");
  return harness.terminal.waitFor(/On the pool now: id-keyvault/);
}

test("I lists the identities, each marked where it plays a part; / filters", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools, identityReader: reader() } });
  const frame = await openPicker(harness);
  assert.match(frame, /Attach an identity to pool etl-ok/);
  assert.match(frame, /id-nodes +rg-batch +node identity reference · on etl-bad/);
  assert.match(frame, /id-account +rg-batch +the account's own/);
  assert.match(frame, /id-keyvault +rg-batch +on this pool/);
  assert.match(frame, /id-spare +rg-other/);
  assert.match(frame, /resource id: \[\]/);
  assert.match(frame, /<\/> filter +<Enter> attach +<x> remove +<Esc> cancel/);
  await harness.terminal.press("/", "spa", keys.enter);
  const filtered = harness.terminal.frame();
  assert.match(filtered, /> id-spare/);
  assert.doesNotMatch(filtered, /id-nodes/);
  assert.match(filtered, /filter: spa/);
  await harness.terminal.press(keys.esc);
  assert.match(harness.terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(pools.patches, []);
});

test("the confirmation shows the whole set after the change; Enter on it untouched sends nothing", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools, identityReader: reader() } });
  await openPicker(harness);
  await harness.terminal.press(...only("id-nodes"), keys.enter);
  const frame = harness.terminal.frame();
  assert.match(frame, /Attach id-nodes to pool etl-ok/);
  assert.match(frame, /• keep id-keyvault/);
  assert.match(frame, /• add id-nodes/);
  assert.match(frame, /only nodes allocated after this change carry the new set: once it is done, C cycles/);
  assert.match(frame, /\[ Cancel \]/, "Cancel has focus");
  await harness.terminal.press(keys.enter);
  assert.match(harness.terminal.frame(), /cancelled: nothing was changed/);
  assert.deepEqual(pools.patches, []);
  assert.deepEqual(harness.sent, []);
});

test("Attach reads the pool fresh and sends the union under its etag; the next poll confirms it", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools, identityReader: reader() } });
  await openPicker(harness);
  // Someone adds id-spare after the picker read the pool: the fresh read keeps it too.
  pools.setIdentities("etl-ok", [ids.keyVault, ids.spare]);
  await harness.terminal.press(...only("id-nodes"), keys.enter, keys.tab, keys.enter);
  await harness.terminal.waitFor(/Attach id-nodes to pool etl-ok: sent; waiting for the account to show it/);
  assert.deepEqual(pools.patches, [
    { poolId: "etl-ok", identities: [ids.keyVault, ids.spare, ids.nodes], etag: 'W/"0x2"' },
  ]);
  assert.deepEqual(pools.poolReads, ["etl-ok"]);
  const pool = harness.store.account.pools.find((candidate) => candidate.id === "etl-ok");
  assert.ok(pool);
  Object.assign(pool, { identityCount: 3, identityNames: ["id-keyvault", "id-spare", "id-nodes"] });
  harness.store.poll();
  await harness.terminal.waitFor(
    /done, only nodes allocated from now on carry the new set: press C to cycle the pool.s nodes \(now: id-keyvault, id-spare/,
  );
  assert.deepEqual(
    harness.journal.map((entry) => [entry.action, entry.target, entry.outcome]),
    [
      ["attach-identity", "pool etl-ok", "sent"],
      ["attach-identity", "pool etl-ok", "done"],
    ],
  );
  assert.match(harness.journal.at(-1)?.detail ?? "", /\(now: id-keyvault, id-spare, id-nodes\)$/);
});

test("a pool changed between the fresh read and the PATCH gets 412: said plainly, sent once, journalled", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools, identityReader: reader() } });
  await openPicker(harness);
  pools.betweenReadAndPatch = () => pools.setIdentities("etl-ok", [ids.keyVault, ids.spare]);
  await harness.terminal.press(...only("id-nodes"), keys.enter, keys.tab, keys.enter);
  await harness.terminal.waitFor(
    /changed between batchtop's read and its update \(412\); nothing was changed/,
  );
  assert.equal(pools.patches.length, 1);
  assert.deepEqual(pools.pool("etl-ok").identities, [
    { resourceId: ids.keyVault },
    { resourceId: ids.spare },
  ]);
  assert.equal(harness.journal.at(-1)?.outcome, "failed");
  assert.match(harness.journal.at(-1)?.error ?? "", /412/);
});

test("x removes an identity only once its name is typed", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools, identityReader: reader() } });
  await openPicker(harness);
  await harness.terminal.press(...only("keyv"), "x");
  const frame = harness.terminal.frame();
  assert.match(frame, /Remove id-keyvault from pool etl-ok/);
  assert.match(frame, /• remove id-keyvault/);
  assert.match(frame, /the pool is left with no user-assigned identity/);
  assert.match(frame, /Type id-keyvault to confirm \[▏\]/);
  // Straight to Apply without the name: refused, nothing sent.
  await harness.terminal.press(keys.tab, keys.tab, keys.enter);
  assert.match(harness.terminal.frame(), /type id-keyvault to confirm; nothing was changed/);
  assert.deepEqual(pools.patches, []);
  await harness.terminal.press(keys.tab, "id-keyvault", keys.tab, keys.tab, keys.enter);
  await harness.terminal.waitFor(/Remove id-keyvault from pool etl-ok: sent/);
  assert.deepEqual(pools.patches, [{ poolId: "etl-ok", identities: [], etag: 'W/"0x1"' }]);
  assert.equal(harness.journal.at(-1)?.action, "detach-identity");
});

test("a pasted resource id is checked for its shape; a good one goes to the confirmation", async () => {
  const pools = armPools();
  const harness = await start({ arm: { pools } });
  const frame = await openPicker(harness);
  assert.match(
    frame,
    /this batchtop cannot list managed identities yet: paste the identity's resource id below/,
  );
  await harness.terminal.press("/subscriptions/nope/resourceGroups/x", keys.enter);
  const refused = harness.terminal.frame();
  assert.match(refused, /not a user-assigned identity's resource id: expected/);
  // Wrapped, not cut: the whole expected shape is on screen.
  assert.match(
    refused,
    /\/subscriptions\/<guid>\/resourceGroups\/<rg>\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/<name>/,
  );
  await harness.terminal.press("\u0015", ids.spare.toUpperCase().replace("/PROVIDERS/", "/providers/"));
  await harness.terminal.press(keys.enter);
  assert.match(harness.terminal.frame(), /• keep id-keyvault/);
  assert.match(harness.terminal.frame(), /• add ID-SPARE/);
  assert.deepEqual(pools.patches, []);
});

test("without ARM, I is refused with what to configure, and journalled", async () => {
  const harness = await start();
  await harness.terminal.press("I");
  assert.match(
    harness.terminal.frame(),
    /pool identities are set through ARM: give batchtop the account's subscription/,
  );
  assert.equal(harness.journal[0]?.outcome, "refused");
  assert.equal(harness.journal[0]?.action, "attach-identity");
});

test("read-only: I is not offered, and pressing it is refused and journalled", async () => {
  const pools = armPools();
  const harness = await start({ readOnlySource: "--read-only", arm: { pools, identityReader: reader() } });
  assert.doesNotMatch(harness.terminal.frame(), /<I> identity/);
  await harness.terminal.press("I");
  assert.match(harness.terminal.frame(), /read-only: identity is off \(--read-only\)/);
  assert.doesNotMatch(harness.terminal.frame(), /Attach an identity/);
  await harness.terminal.waitFor(/read-only/);
  assert.equal(harness.journal[0]?.outcome, "refused");
  assert.equal(harness.journal[0]?.action, "attach-identity");
  assert.deepEqual(pools.patches, []);
});
