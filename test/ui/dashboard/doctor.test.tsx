import { test } from "node:test";
import assert from "node:assert/strict";
import type { BatchAccountInfo } from "../../../src/model/account.js";
import type { AccountEvidence, PoolEvidence } from "../../../src/model/doctor/evidence.js";
import { doctorReport } from "../../../src/model/doctor/report.js";
import {
  incidentAccount,
  dashboardTestHooks,
  type DashboardHarness,
} from "../../helpers/dashboardFixture.js";
import { identityId } from "../../helpers/fakeIdentityReader.js";
import { fakePoolArm } from "../../helpers/fakePoolArm.js";
import { keys } from "../../helpers/renderTerminal.js";

const draw = dashboardTestHooks();

// Well-formed ids (a GUID subscription): the fix keys check the shape before they open anything.
const id = (name: string) => identityId(name, "rg");
const storageId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";

const armAccount: BatchAccountInfo = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/contoso",
  name: "contoso",
  location: "westeurope",
  identity: { type: "SystemAssigned", principalId: "p-account", userAssignedIdentities: [] },
  autoStorage: {
    storageAccountId: storageId,
    authenticationMode: "BatchAccountManagedIdentity",
    nodeIdentityResourceId: id("id-batchtop-nodes"),
  },
};

/** The incident account's pools as the doctor would read them: etl-bad lacks the reference identity. */
function accountWithDoctor() {
  const now = new Date();
  const account: AccountEvidence = {
    name: "contoso",
    identity: armAccount.identity,
    autoStorage: armAccount.autoStorage!,
    storageRoles: { kind: "unreadable", scope: storageId, reason: "not read (no identity reader)" },
  };
  const pool = (poolId: string, identity: string, nodes: PoolEvidence["nodes"]): PoolEvidence => ({
    observedAt: now,
    poolId,
    account,
    identities: [{ resourceId: id(identity), principalId: `p-${identity}` }],
    applicationPackages: ["etl-tool"],
    nodes,
    tasks: { kind: "read", jobId: `adfv2-${poolId}`, failures: [], truncated: false, laterSuccesses: [] },
  });
  const fake = incidentAccount();
  fake.armAccount = armAccount;
  fake.doctor = doctorReport(
    {
      account,
      pools: [
        pool("etl-bad", "id-batchtop-keyvault", [
          // A service-written error code with an OSC 52 sequence: it must not reach the terminal.
          {
            id: "tvm-bad-broken",
            state: "unusable",
            errorCodes: ["ApplicationPackageError", "X\u001b]52;c;aGk=\u0007"],
          },
        ]),
        pool("etl-ok", "id-batchtop-nodes", [{ id: "tvm-ok-1", state: "idle", errorCodes: [] }]),
      ],
    },
    now,
  );
  return fake;
}

test(":doctor shows the selected pool's case, what was observed apart from what was inferred, and the fix", async () => {
  const harness: DashboardHarness = draw({ account: accountWithDoctor(), rows: 100 });
  const { terminal, store } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press(":", "doctor", keys.enter);
  await terminal.waitFor(/Details of the identity doctor of etl-bad/);
  const frame = terminal.frame();
  assert.match(frame, /✗ pool etl-bad {2}reference-not-on-pool: 1 node unusable \(ApplicationPackageError\)/);
  assert.match(frame, /observed:/);
  assert.match(frame, /pool identities: id-batchtop-keyvault/);
  assert.match(frame, /inferred:/);
  assert.match(
    frame,
    /1\. attach id-batchtop-nodes to pool etl-bad \(I on the pool or its :doctor verdict\)/,
  );
  assert.doesNotMatch(frame, /pool etl-ok/, "only the selected pool");
  assert.ok(!frame.includes("\u001b]52"), "no OSC sequence from the service reaches the screen");
  assert.deepEqual(store.getSnapshot().focus.doctor, { poolId: "etl-bad" });
});

test(":doctor all shows every pool and the account's check; the doctor is polled only while shown", async () => {
  const harness: DashboardHarness = draw({ account: accountWithDoctor(), rows: 100 });
  const { terminal, store } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  assert.equal(
    store.focusHistory.some((focus) => focus.doctor),
    false,
    "nothing asks the doctor before it is shown",
  );
  await terminal.press(":", "doctor all", keys.enter);
  await terminal.waitFor(/Details of the identity doctor \(/);
  const frame = terminal.frame();
  assert.match(frame, /every pool: 1 of 2 need attention/);
  assert.match(frame, /\? account contoso {2}unknown: the account identity's role on autostorage is unknown/);
  assert.match(frame, /✓ pool etl-ok {2}healthy/);
  assert.deepEqual(store.getSnapshot().focus.doctor, {});
  // Looking at another pool's details: the doctor now follows that pool alone.
  await terminal.press(keys.esc, "d");
  await terminal.waitFor(/Details of pool etl-bad/);
  assert.deepEqual(store.getSnapshot().focus.doctor, { poolId: "etl-bad" });
});

test("a pool's details carry the doctor's one-line verdict", async () => {
  const harness: DashboardHarness = draw({ account: accountWithDoctor(), rows: 100 });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press("d");
  await terminal.waitFor(
    /"identityDoctor": "reference-not-on-pool: 1 node unusable \(ApplicationPackageError\)/,
  );
});

test(":doctor without ARM says which settings turn it on", async () => {
  const harness: DashboardHarness = draw({ account: incidentAccount() });
  const { terminal, store } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press(":", "doctor", keys.enter);
  assert.match(
    terminal.frame(),
    /the identity doctor reads the account through ARM: --subscription and --resource-group/,
  );
  assert.equal(store.getSnapshot().focus.doctor, undefined);
});

test("I in a pool's details opens the attach dialog pre-filled with the doctor's fix for that pool", async () => {
  const harness: DashboardHarness = draw({
    account: accountWithDoctor(),
    arm: {
      pools: fakePoolArm(
        { "etl-bad": [id("id-batchtop-keyvault")], "etl-ok": [id("id-batchtop-nodes")] },
        armAccount,
      ),
    },
    rows: 100,
  });
  const { terminal } = harness;
  await terminal.waitFor(/Pools \(2\)/);
  await terminal.press("d");
  await terminal.waitFor(/"identityDoctor": "reference-not-on-pool/);
  assert.match(terminal.frame(), /<I> identity/, "the fix keys are in the details' hints");
  await terminal.press("I");
  const frame = await terminal.waitFor(/Attach id-batchtop-nodes to pool etl-bad/);
  assert.match(frame, /keep id-batchtop-keyvault/);
  assert.match(frame, /add id-batchtop-nodes/);
  await terminal.press(keys.esc);
  await terminal.waitFor(/cancelled: nothing was changed/);
});
