import { test } from "node:test";
import assert from "node:assert/strict";
import { describePlan, typedConfirmation } from "../../../../src/model/actions/actionPlan.js";
import {
  attachIdentityPlan,
  checkIdentityResourceId,
  detachIdentityPlan,
  identityChangeLines,
  identityMarks,
  nextIdentitySet,
  pickerRows,
  type IdentityCatalogue,
} from "../../../../src/model/actions/identityPlan.js";
import { identityId, managedIdentity } from "../../../helpers/fakeIdentityReader.js";

const nodes = identityId("id-nodes");
const keyVault = identityId("id-keyvault");
const own = identityId("id-account");
const spare = identityId("id-spare", "rg-other");

const catalogue: IdentityCatalogue = {
  poolId: "etl",
  poolIdentities: [keyVault],
  otherPools: [
    { id: "etl-b", identities: [nodes.toUpperCase()] },
    { id: "etl-c", identities: [nodes, keyVault] },
  ],
  account: {
    id: "a",
    name: "contoso",
    location: "westeurope",
    identity: { type: "UserAssigned", userAssignedIdentities: [{ resourceId: own }] },
    autoStorage: {
      storageAccountId: "st",
      authenticationMode: "BatchAccountManagedIdentity",
      nodeIdentityResourceId: nodes,
    },
  },
  identities: [
    managedIdentity("id-spare", "rg-other"),
    managedIdentity("id-nodes"),
    managedIdentity("id-keyvault"),
    managedIdentity("id-account"),
  ],
};

test("a resource id is checked for its shape, case-insensitively; anything else gets one line saying what is expected", () => {
  assert.deepEqual(checkIdentityResourceId(`  ${nodes}\n`), { resourceId: nodes });
  assert.deepEqual(checkIdentityResourceId(nodes.toLowerCase()), { resourceId: nodes.toLowerCase() });
  for (const wrong of [
    "id-nodes",
    "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x",
    nodes.replace("Microsoft.ManagedIdentity", "Microsoft.Storage"),
    nodes.replace("userAssignedIdentities", "identities"),
    `${nodes}/extra`,
  ]) {
    const checked = checkIdentityResourceId(wrong);
    assert.ok("problem" in checked, wrong);
    assert.match(
      checked.problem,
      /^not a user-assigned identity's resource id: expected \/subscriptions\/<guid>\/resourceGroups\/<rg>\//,
    );
    assert.doesNotMatch(checked.problem, /\n/);
  }
  assert.deepEqual(checkIdentityResourceId("  "), {
    problem: "type or paste a user-assigned identity's resource id",
  });
});

test("each identity is marked where it plays a part: reference, the account's own, this pool, other pools by name", () => {
  assert.deepEqual(identityMarks(catalogue, nodes), ["node identity reference", "on etl-b, etl-c"]);
  assert.deepEqual(identityMarks(catalogue, keyVault.toLowerCase()), ["on this pool", "on etl-c"]);
  assert.deepEqual(identityMarks(catalogue, own), ["the account's own"]);
  assert.deepEqual(identityMarks(catalogue, spare), []);
});

test("the picker lists the marked identities first, then by name; the filter matches name, group or mark", () => {
  assert.deepEqual(
    pickerRows(catalogue, "").map((row) => [row.name, row.onPool]),
    [
      ["id-account", false],
      ["id-keyvault", true],
      ["id-nodes", false],
      ["id-spare", false],
    ],
  );
  assert.deepEqual(
    pickerRows(catalogue, "OTHER").map((row) => row.name),
    ["id-spare"],
  );
  assert.deepEqual(
    pickerRows(catalogue, "reference").map((row) => row.name),
    ["id-nodes"],
  );
  const { identities: _listed, ...unlistedCatalogue } = catalogue;
  // Unlisted, the identities the account names are still offered: the reference, its own, the pools'.
  assert.deepEqual(
    pickerRows({ ...unlistedCatalogue, unlisted: "no" }, "").map((row) => [row.name, row.resourceGroup]),
    [
      ["id-account", "rg-batch"],
      ["id-keyvault", "rg-batch"],
      ["id-nodes", "rg-batch"],
    ],
  );
});

test("the set sent is the union for an attach and all but one for a removal, ids compared without case", () => {
  assert.deepEqual(nextIdentitySet([keyVault, spare], { kind: "attach-identity", identity: nodes }), [
    keyVault,
    spare,
    nodes,
  ]);
  assert.deepEqual(
    nextIdentitySet([keyVault], { kind: "attach-identity", identity: keyVault.toLowerCase() }),
    [keyVault],
  );
  assert.deepEqual(
    nextIdentitySet([keyVault, nodes], { kind: "detach-identity", identity: nodes.toLowerCase() }),
    [keyVault],
  );
});

test("an attach shows the complete set after it; attaching what is there or removing what is not is refused", () => {
  const attach = attachIdentityPlan("etl", [keyVault, spare], nodes);
  assert.ok("plan" in attach);
  assert.deepEqual(identityChangeLines(attach.plan), ["keep id-keyvault", "keep id-spare", "add id-nodes"]);
  const description = describePlan(attach.plan);
  assert.equal(description.title, "Attach id-nodes to pool etl");
  assert.equal(description.apply, "Attach");
  assert.match(
    description.note ?? "",
    /only nodes allocated after this change carry the new set: once it is done, C cycles/,
  );
  assert.equal(typedConfirmation(attach.plan), undefined);
  assert.deepEqual(attachIdentityPlan("etl", [keyVault], keyVault.toUpperCase()), {
    problem: "ID-KEYVAULT is already on pool etl; nothing to attach",
  });
  assert.deepEqual(detachIdentityPlan("etl", [keyVault], nodes), {
    problem: "id-nodes is not on pool etl; nothing to remove",
  });
});

test("a removal lists what stays and what goes, warns, and asks for the identity's name", () => {
  const detach = detachIdentityPlan("etl", [keyVault, nodes], nodes);
  assert.ok("plan" in detach);
  assert.deepEqual(identityChangeLines(detach.plan), ["keep id-keyvault", "remove id-nodes"]);
  assert.equal(typedConfirmation(detach.plan), "id-nodes");
  assert.match(describePlan(detach.plan).danger ?? "", /can no longer sign in as id-nodes/);
  const last = detachIdentityPlan("etl", [nodes], nodes);
  assert.ok("plan" in last);
  assert.deepEqual(identityChangeLines(last.plan), [
    "remove id-nodes",
    "the pool is left with no user-assigned identity",
  ]);
});
