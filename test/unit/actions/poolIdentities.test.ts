import { test } from "node:test";
import assert from "node:assert/strict";
import { createActionRunner } from "../../../src/actions/actionRunner.js";
import { createAttemptLog } from "../../../src/actions/attemptLog.js";
import type { AuditEntry } from "../../../src/actions/auditJournal.js";
import { createPoolIdentities, noIdentityReader } from "../../../src/actions/poolIdentities.js";
import type { BatchWriter } from "../../../src/azure/batchWriter.js";
import type { IdentityChange } from "../../../src/model/actions/identityPlan.js";
import { fakeIdentityReader, identityId, managedIdentity } from "../../helpers/fakeIdentityReader.js";
import { fakePoolArm } from "../../helpers/fakePoolArm.js";

const nodes = identityId("id-nodes");
const keyVault = identityId("id-keyvault");
const spare = identityId("id-spare");

const attach: IdentityChange = {
  kind: "attach-identity",
  poolId: "etl",
  identity: nodes,
  before: [keyVault],
};

test("the catalogue has the pool's set, the other pools' and the listed identities", async () => {
  const arm = fakePoolArm({ etl: [keyVault], other: [nodes] });
  const service = createPoolIdentities({
    management: arm.management,
    identityReader: fakeIdentityReader([managedIdentity("id-nodes")]),
  });
  const catalogue = await service.catalogue("etl");
  assert.deepEqual(catalogue.poolIdentities, [keyVault]);
  assert.deepEqual(catalogue.otherPools, [{ id: "other", identities: [nodes] }]);
  assert.deepEqual(
    catalogue.identities?.map((identity) => identity.name),
    ["id-nodes"],
  );
  assert.equal(catalogue.unlisted, undefined);
  await assert.rejects(service.catalogue("gone"), /ARM does not show pool gone in the account/);
});

test("without a reader, or when listing fails, the catalogue says why and still has the pool's set", async () => {
  const arm = fakePoolArm({ etl: [keyVault] });
  const bare = await createPoolIdentities({ management: arm.management }).catalogue("etl");
  assert.equal(bare.unlisted, noIdentityReader);
  assert.equal(bare.identities, undefined);
  const denied = await createPoolIdentities({
    management: arm.management,
    identityReader: fakeIdentityReader([], { fail: "403 AuthorizationFailed" }),
  }).catalogue("etl");
  assert.equal(denied.unlisted, "the identities could not be listed: 403 AuthorizationFailed");
  assert.deepEqual(denied.poolIdentities, [keyVault]);
});

test("send reads the pool fresh and sends the union of its set now and the new identity, under its etag", async () => {
  const arm = fakePoolArm({ etl: [keyVault] });
  arm.setIdentities("etl", [keyVault, spare]);
  const service = createPoolIdentities({ management: arm.management, manager: arm.manager });
  const pool = await service.send(attach);
  assert.deepEqual(arm.patches, [{ poolId: "etl", identities: [keyVault, spare, nodes], etag: 'W/"0x2"' }]);
  assert.deepEqual(
    pool.identities.map((identity) => identity.resourceId),
    [keyVault, spare, nodes],
  );
});

test("a pool changed between the read and the PATCH answers 412: one PATCH, a plain message", async () => {
  const arm = fakePoolArm({ etl: [keyVault] });
  arm.betweenReadAndPatch = () => arm.setIdentities("etl", [keyVault, spare]);
  const service = createPoolIdentities({ management: arm.management, manager: arm.manager });
  await assert.rejects(
    service.send(attach),
    /^Error: pool etl changed between batchtop's read and its update \(412\); nothing was changed: press I again/,
  );
  assert.equal(arm.patches.length, 1);
});

test("nothing is sent when the change is already there, or without a manager (read-only)", async () => {
  const arm = fakePoolArm({ etl: [keyVault, nodes] });
  const service = createPoolIdentities({ management: arm.management, manager: arm.manager });
  await assert.rejects(service.send(attach), /id-nodes is already on pool etl; nothing was sent/);
  await assert.rejects(
    service.send({ kind: "detach-identity", poolId: "etl", identity: spare, before: [spare] }),
    /id-spare is no longer on pool etl; nothing was sent/,
  );
  await assert.rejects(
    createPoolIdentities({ management: arm.management }).send(attach),
    /read-only: changing a pool's identities is off/,
  );
  assert.deepEqual(arm.patches, []);
});

test("the action runner sends identity changes through ARM and journals them; without ARM it refuses", async () => {
  const entries: AuditEntry[] = [];
  const attempts = createAttemptLog(
    { shownAs: "audit", append: async (entry) => void entries.push(entry), recent: async () => [] },
    "contoso",
  );
  const writer = {} as BatchWriter; // never called for identity changes
  const arm = fakePoolArm({ etl: [keyVault] });
  const service = createPoolIdentities({ management: arm.management, manager: arm.manager });
  await createActionRunner(writer, attempts, service).execute(attach);
  assert.equal(arm.patches.length, 1);
  await assert.rejects(
    createActionRunner(writer, attempts).execute(attach),
    /pool identities are set through ARM/,
  );
  assert.deepEqual(
    entries.map((entry) => [entry.action, entry.target, entry.outcome]),
    [
      ["attach-identity", "pool etl", "sent"],
      ["attach-identity", "pool etl", "failed"],
    ],
  );
  assert.deepEqual(entries[0]?.changes, ["keep id-keyvault", "add id-nodes"]);
});
