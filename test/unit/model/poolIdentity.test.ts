import { test } from "node:test";
import assert from "node:assert/strict";
import { identitySetUnion } from "../../../src/model/poolIdentity.js";
import { identityName } from "../../../src/model/pools.js";

const id = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

test("the union keeps every existing identity, in order, and adds the new ones once", () => {
  assert.deepEqual(identitySetUnion([id("a"), id("b")], [id("c")]), [id("a"), id("b"), id("c")]);
  assert.deepEqual(identitySetUnion([], [id("c"), id("c")]), [id("c")]);
  assert.deepEqual(identitySetUnion([id("a")], []), [id("a")]);
});

test("ARM ids compare without regard to case: an identity already there is not sent twice", () => {
  assert.deepEqual(identitySetUnion([id("a")], [id("a").toUpperCase()]), [id("a")]);
});

test("an identity's name is the last segment of its resource id, whatever the casing of the path", () => {
  assert.equal(
    identityName(
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-etl",
    ),
    "id-etl",
  );
  assert.equal(
    identityName(
      "/subscriptions/s/resourcegroups/rg/providers/microsoft.managedidentity/userassignedidentities/ID-X/",
    ),
    "ID-X",
  );
  assert.equal(identityName("not-a-resource-id"), "not-a-resource-id");
});
