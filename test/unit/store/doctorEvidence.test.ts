import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import type { PoolManagement } from "../../../src/azure/poolManagement.js";
import type { BatchAccountInfo } from "../../../src/model/account.js";
import { diagnosePool } from "../../../src/model/doctor/diagnose.js";
import type { ManagedPool } from "../../../src/model/pools.js";
import type { TaskRow } from "../../../src/model/tasks.js";
import { createDashboardStore } from "../../../src/store/dashboardStore.js";
import { gatherDoctorEvidence, type DoctorPorts } from "../../../src/store/doctorEvidence.js";
import { fakeBatchReader } from "../../helpers/fakeBatchReader.js";
import { fakeRbacReader } from "../../helpers/fakeIdentityReader.js";
import { settle } from "../../helpers/manualClock.js";
import { ManualTimers } from "../../helpers/manualTimers.js";
import { nodeSummary } from "../../helpers/modelFixtures.js";

const id = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const storageId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";

const account: BatchAccountInfo = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/contoso",
  name: "contoso",
  location: "westeurope",
  identity: { type: "SystemAssigned", principalId: "p-account", userAssignedIdentities: [] },
  autoStorage: {
    storageAccountId: storageId,
    authenticationMode: "BatchAccountManagedIdentity",
    nodeIdentityResourceId: id("id-nodes"),
  },
};

function managedPool(poolId: string, identities: string[]): ManagedPool {
  return {
    id: poolId,
    resourceId: `${account.id}/pools/${poolId}`,
    vmSize: "standard_d2s_v3",
    allocationState: "steady",
    currentDedicatedNodes: 1,
    currentSpotNodes: 0,
    identities: identities.map((name) => ({ resourceId: id(name), principalId: `p-${name}` })),
    applicationPackages: ["etl-tool"],
    lastModified: new Date("2026-12-07T09:00:00Z"),
    scale: { mode: "fixed", targetDedicatedNodes: 1, targetSpotNodes: 0 },
  };
}

const denied = (taskId: string, nodeId: string, identity: string): TaskRow => ({
  id: taskId,
  state: "completed",
  result: "failure",
  retryCount: 0,
  requeueCount: 0,
  nodeId,
  stateTransitionTime: new Date("2026-12-07T11:50:00Z"),
  failure: {
    category: "usererror",
    code: "ResourceContainerAccessDenied",
    details: [{ name: "IdentityReference", value: id(identity) }],
  },
});

function setup(identityReader?: DoctorPorts["identityReader"], laterTasks: TaskRow[] = []) {
  const calls: string[] = [];
  const pools = [managedPool("etl", ["id-nodes", "id-etl"]), managedPool("idle", ["id-nodes"])];
  const poolManagement: PoolManagement = {
    getAccount: async () => (calls.push("arm:account"), account),
    listPools: async () => (calls.push("arm:pools"), pools),
    getPool: async (poolId) => {
      calls.push(`arm:pool:${poolId}`);
      const pool = pools.find((candidate) => candidate.id === poolId);
      if (!pool) throw new AzureRequestError("not found", 404, "PoolNotFound", undefined, undefined);
      return pool;
    },
  };
  const reader = fakeBatchReader({
    listNodes: async (poolId) => (calls.push(`nodes:${poolId}`), [nodeSummary(`${poolId}-1`, "idle")]),
    listTaskPages: (jobId, options) => {
      assert.ok(options?.changedAfter, "only the window's, or those after the latest failure");
      if (!options?.failedOnly)
        return (async function* () {
          calls.push(`after:${jobId}:${options?.changedAfter?.toISOString()}`);
          yield laterTasks;
        })();
      return (async function* () {
        calls.push(`failed:${jobId}`);
        if (jobId === "adfv2-idle")
          throw new AzureRequestError("no job", 404, "JobNotFound", undefined, undefined);
        yield [denied("t1", "etl-1", "id-etl"), denied("t2", "etl-1", "id-etl")];
        calls.push(`failed:${jobId}:page 2`);
        yield [];
      })();
    },
  });
  return { calls, ports: { poolManagement, reader, ...(identityReader ? { identityReader } : {}) } };
}

test("the doctor's reads are bounded: per pool its nodes and one page of failed tasks; roles once", async () => {
  const identities = fakeRbacReader({
    assignments: {
      [storageId]: [
        {
          principalId: "p-id-nodes",
          roleDefinitionId: "/x/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
          scope: storageId,
        },
      ],
    },
  });
  const { calls, ports } = setup(identities);
  const evidence = await gatherDoctorEvidence(ports, { now: new Date("2026-12-07T12:00:00Z") });
  assert.deepEqual(calls.sort(), [
    "after:adfv2-etl:2026-12-07T11:50:00.000Z",
    "arm:account",
    "arm:pools",
    "failed:adfv2-etl",
    "failed:adfv2-idle",
    "nodes:etl",
    "nodes:idle",
  ]);
  assert.deepEqual(identities.calls.roleAssignmentsAt, [storageId], "the autostorage account's scope, once");
  assert.equal(identities.calls.listUserAssignedIdentities, 0);
  const [etl, idle] = evidence.pools;
  assert.equal(etl?.tasks.kind, "read");
  assert.deepEqual(idle?.tasks, { kind: "no-job", jobId: "adfv2-idle" });
  assert.equal(etl?.identitiesChanged?.source, "pool lastModified");

  const verdict = diagnosePool(etl!);
  assert.equal(verdict.case, "identity-without-storage-role");
  assert.ok(
    verdict.observed.includes(
      "id-etl on autostorage: holds none of Storage Blob Data Reader, Storage Blob Data Contributor, Storage Blob Data Owner",
    ),
  );
  assert.equal(verdict.fix[0]?.kind, "grant");
  assert.equal(diagnosePool(idle!).case, "healthy");
});

test("one pool asked for is one ARM GET, not the list", async () => {
  const { calls, ports } = setup();
  const evidence = await gatherDoctorEvidence(ports, { poolId: "idle" });
  assert.deepEqual(calls.sort(), ["arm:account", "arm:pool:idle", "failed:adfv2-idle", "nodes:idle"]);
  assert.deepEqual(
    evidence.pools.map((pool) => pool.poolId),
    ["idle"],
  );
});

test("without an identity reader, or one refused with 403, the roles are unknown and say why", async () => {
  const without = await gatherDoctorEvidence(setup().ports, {});
  assert.deepEqual(without.account.storageRoles, {
    kind: "unreadable",
    scope: storageId,
    reason: "not read (no identity reader)",
  });
  const forbidden = await gatherDoctorEvidence(setup(fakeRbacReader({ forbidden: true })).ports, {});
  const verdict = diagnosePool(forbidden.pools[0]!);
  assert.equal(verdict.case, "identity-without-storage-role", "the symptoms decide");
  assert.ok(
    verdict.observed.some((line) =>
      /id-etl on autostorage: role unknown: 403 AuthorizationFailed/.test(line),
    ),
    verdict.observed.join("\n"),
  );
});

test("the dashboard asks the doctor only while its verdicts are on screen", async () => {
  const { calls, ports } = setup();
  const timers = new ManualTimers();
  const reader = fakeBatchReader({
    ...ports.reader,
    listPools: async () => [],
    poolNodeCounts: async () => [],
    listJobs: async () => [],
  });
  const store = createDashboardStore({ reader, doctor: { ...ports, reader } }, { refreshMs: 2000, timers });
  store.setFocus({});
  await settle();
  assert.equal(calls.length, 0);
  store.setFocus({ doctor: { poolId: "etl" } });
  await settle();
  assert.deepEqual(calls.sort(), [
    "after:adfv2-etl:2026-12-07T11:50:00.000Z",
    "arm:account",
    "arm:pool:etl",
    "failed:adfv2-etl",
    "nodes:etl",
  ]);
  assert.equal(store.getSnapshot().doctor.data?.pools[0]?.verdict.case, "identity-without-storage-role");
  calls.length = 0;
  store.setFocus({});
  assert.equal(store.getSnapshot().doctor.data, undefined, "cleared when it leaves the screen");
  timers.advance(60_000);
  await settle();
  assert.deepEqual(calls, [], "and no longer asked");
  store.stop();
});

test("failures on a node where a task has succeeded since are over: a role granted heals without a cycle", async () => {
  const success: TaskRow = {
    id: "t3",
    state: "completed",
    result: "success",
    retryCount: 0,
    requeueCount: 0,
    nodeId: "etl-1",
  };
  const evidence = await gatherDoctorEvidence(setup(undefined, [success]).ports, { poolId: "etl" });
  const pool = evidence.pools[0]!;
  assert.deepEqual(pool.tasks.kind === "read" && pool.tasks.laterSuccesses, [
    { taskId: "t3", nodeId: "etl-1" },
  ]);
  const verdict = diagnosePool(pool);
  assert.equal(verdict.case, "healthy");
  assert.ok(
    verdict.observed.includes(
      "2 failed tasks ran on nodes where a task has succeeded since (etl-1): not counted",
    ),
    verdict.observed.join("\n"),
  );
});
