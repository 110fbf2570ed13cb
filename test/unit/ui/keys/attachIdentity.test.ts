import assert from "node:assert/strict";
import { test } from "node:test";
import { createPoolIdentities, type PoolIdentities } from "../../../../src/actions/poolIdentities.js";
import { openAttachIdentityDialog } from "../../../../src/ui/keys/identityKeys.js";
import { identityId } from "../../../helpers/fakeIdentityReader.js";
import { fakePoolArm } from "../../../helpers/fakePoolArm.js";
import { keyHarness, named } from "../../../helpers/fakeKeyContext.js";
import { keyAccount } from "./keyAccount.js";

const nodes = identityId("id-nodes");
const keyVault = identityId("id-keyvault");

function harness(poolIdentities?: Pick<PoolIdentities, "catalogue">) {
  const arm = fakePoolArm({ "etl-a": [keyVault], "etl-b": [] });
  return keyHarness({
    account: keyAccount(),
    poolIdentities: poolIdentities ?? createPoolIdentities({ management: arm.management }),
  });
}

test("opened pre-filled (the doctor's one key), it goes straight to the confirmation with the whole set", async () => {
  const keys = harness();
  openAttachIdentityDialog(keys.ctx, "etl-a", nodes);
  const reading = keys.ui.dialog;
  assert.equal(reading?.kind, "identity-picker", "reading the pool first");
  await keys.settle();
  const dialog = keys.ui.dialog;
  assert.ok(dialog?.kind === "confirm");
  assert.deepEqual(dialog.plan, {
    kind: "attach-identity",
    poolId: "etl-a",
    identity: nodes,
    before: [keyVault],
  });
  assert.equal(dialog.focus, 0, "Cancel first");
  assert.deepEqual(keys.sent, []);
});

test("pre-filled with what the pool has, or with a malformed id, it is refused and journalled", async () => {
  const keys = harness();
  openAttachIdentityDialog(keys.ctx, "etl-a", keyVault);
  await keys.settle();
  assert.equal(keys.ui.dialog, undefined);
  assert.match(keys.flashes.at(-1)?.text ?? "", /id-keyvault is already on pool etl-a; nothing to attach/);
  openAttachIdentityDialog(keys.ctx, "etl-a", "id-nodes");
  await keys.settle();
  assert.match(keys.flashes.at(-1)?.text ?? "", /not a user-assigned identity's resource id/);
  assert.deepEqual(
    keys.journal.map((entry) => [entry.action, entry.outcome]),
    [
      ["attach-identity", "refused"],
      ["attach-identity", "refused"],
    ],
  );
});

test("Esc while the pool is being read closes the picker, and the late answer opens nothing", async () => {
  let answer: (() => void) | undefined;
  const arm = fakePoolArm({ "etl-a": [keyVault] });
  const slow = createPoolIdentities({ management: arm.management });
  const keys = harness({
    catalogue: (poolId) =>
      new Promise((resolve) => {
        answer = () => resolve(slow.catalogue(poolId));
      }),
  });
  openAttachIdentityDialog(keys.ctx, "etl-a", nodes);
  keys.press(...named.esc);
  assert.equal(keys.ui.dialog, undefined);
  answer?.();
  await keys.settle();
  assert.equal(keys.ui.dialog, undefined);
});

test("a failed read shows in the picker; only Esc leaves it", async () => {
  const keys = harness({ catalogue: () => Promise.reject(new Error("403 AuthorizationFailed")) });
  openAttachIdentityDialog(keys.ctx, "etl-a");
  await keys.settle();
  const dialog = keys.ui.dialog;
  assert.equal(dialog?.kind === "identity-picker" ? dialog.loadError : undefined, "403 AuthorizationFailed");
  keys.press(...named.enter);
  assert.equal(keys.ui.dialog?.kind, "identity-picker");
  keys.press(...named.esc);
  assert.equal(keys.ui.dialog, undefined);
});
