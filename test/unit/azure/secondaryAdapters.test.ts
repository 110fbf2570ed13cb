import { test } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { createAzureAdapters, type SecondaryModule } from "../../../src/azure/azureAdapters.js";
import type { SecondaryAdapters } from "../../../src/azure/adapterTypes.js";
import type { ManagedPool } from "../../../src/model/pools.js";

// The dashboard's first screen needs Batch alone; the other adapters' SDKs load after it. Until
// their module arrives, a call to one of them waits, then goes to the real adapter.

const pool = { id: "etl-linux-d4" } as ManagedPool;
const arm = {
  endpoint: "https://management.example",
  subscriptionId: "s",
  resourceGroup: "g",
  accountName: "a",
};

function fakeModule(calls: string[]): SecondaryModule {
  return {
    createSecondaryAdapters: () =>
      ({
        poolManagement: {
          getAccount: () => Promise.reject(new Error("not asked")),
          listPools: async () => {
            calls.push("listPools");
            return [pool];
          },
          getPool: async (id: string) => ({ ...pool, id }),
        },
        identityReader: {
          listUserAssignedIdentities: async () => [],
          roleAssignmentsAt: async () => ({ assignments: [], complete: true }),
        },
      }) as unknown as SecondaryAdapters,
  };
}

test("a call to an adapter beyond Batch waits for its module, then reaches the real adapter", async () => {
  const calls: string[] = [];
  let load: (module: SecondaryModule) => void = () => undefined;
  const adapters = createAzureAdapters({
    batchEndpoint: "https://account.westeurope.batch.azure.com",
    credential: new DefaultAzureCredential(),
    readOnly: true,
    arm,
    secondary: new Promise((resolve) => (load = resolve)),
  });
  assert.ok(adapters.throttles.arm, "ARM's throttle exists from the start, for the store to show");
  const listed = adapters.poolManagement!.listPools();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(calls, [], "nothing is asked before the module has loaded");
  load(fakeModule(calls));
  assert.deepEqual(await listed, [pool]);
  assert.deepEqual(calls, ["listPools"]);
  assert.equal(adapters.poolManager, undefined, "read-only: no pool manager, loaded or not");
});

test("a module that fails to load fails each call with its error, and nothing else", async () => {
  const adapters = createAzureAdapters({
    batchEndpoint: "https://account.westeurope.batch.azure.com",
    credential: new DefaultAzureCredential(),
    readOnly: true,
    storageUrl: "https://stbatchtop.blob.core.windows.net",
    secondary: Promise.reject(new Error("Cannot find module '@azure/storage-blob'")),
  });
  assert.equal(
    adapters.outputStore!.outputLocation("3f2a", "stderr"),
    "adfjobs/3f2a/output/stderr.txt",
    "where the copy is needs no SDK",
  );
  await assert.rejects(adapters.outputStore!.outputProperties("3f2a", "stderr"), /storage-blob/);
});

test("a target beyond Batch without the module to serve it is a mistake said at once", () => {
  assert.throws(
    () =>
      createAzureAdapters({
        batchEndpoint: "https://account.westeurope.batch.azure.com",
        credential: new DefaultAzureCredential(),
        readOnly: true,
        arm,
      }),
    /loadSecondaryAdapters/,
  );
});
