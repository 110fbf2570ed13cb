import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { createAzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { createBatchClient } from "../../../src/azure/batchClient.js";
import { createBatchWriter, type BatchWriter } from "../../../src/azure/batchWriter.js";
import { outputContainerClient } from "../../../src/azure/outputStore.js";
import { ReadOnlyRefusalError } from "../../../src/azure/readOnlyGuard.js";
import { AccountThrottle } from "../../../src/azure/throttle.js";
import { startSimAccount, type SimAccount } from "../../helpers/simAdapters.js";

let account: SimAccount;

before(async () => {
  account = await startSimAccount({ scenario: "incident", seed: 3, readOnly: true });
});
after(() => account.sim.stop());

/** Every writer method. None may reach the service, so the node and task need not exist. */
function everyWrite(writer: BatchWriter): [string, () => Promise<void>][] {
  return [
    ["resizePool", () => writer.resizePool("etl-linux-d4", { targetDedicatedNodes: 2, targetSpotNodes: 0 })],
    ["stopPoolResize", () => writer.stopPoolResize("etl-highmem-e8")],
    ["rebootNode", () => writer.rebootNode("etl-linux-d4", "any-node", "requeue")],
    ["reimageNode", () => writer.reimageNode("etl-linux-d4", "any-node", "requeue")],
    ["disableNodeScheduling", () => writer.disableNodeScheduling("etl-linux-d4", "any-node", "requeue")],
    ["enableNodeScheduling", () => writer.enableNodeScheduling("etl-linux-d4", "any-node")],
    ["removeNodes", () => writer.removeNodes("etl-linux-d4", ["any-node"], "requeue")],
    ["reactivateTask", () => writer.reactivateTask("adfv2-etl-linux-d4", "any-task")],
  ];
}

test("read-only mode builds no writer, and a guarded Batch pipeline refuses every write locally", async () => {
  const { sim, adapters, credential } = account;
  assert.equal(adapters.writer, undefined, "the factory does not construct the writer");

  // The second line of defence: a writer built around the guard anyway still cannot write.
  const guarded = createBatchClient(
    sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    { ca: sim.certificates.caPem },
    {
      readOnly: true,
    },
  );
  const writer = createBatchWriter(guarded, new AccountThrottle());
  const mark = sim.requestLog.mark();
  for (const [name, write] of everyWrite(writer)) {
    await assert.rejects(write(), (error: unknown) => {
      assert.ok(error instanceof ReadOnlyRefusalError, name);
      assert.ok(error instanceof AzureRequestError);
      assert.match(error.message, /^read-only mode: refused POST https:\/\/127\.0\.0\.1:\d+\/(pools|jobs)\//);
      return true;
    });
  }
  assert.deepEqual(sim.requestLog.since(mark), [], "no request reached the account");

  // Reads pass the guard.
  assert.ok((await adapters.reader.listPools()).length > 0);
  const mutating = sim.requestLog.all().filter((entry) => entry.method !== "GET" && entry.method !== "HEAD");
  assert.deepEqual(mutating, []);
});

test("the guarded storage pipeline refuses a write before it leaves the process", async () => {
  const { sim, credential } = account;
  const container = outputContainerClient({
    storageUrl: sim.env.BATCHTOP_STORAGE_URL,
    credential,
    transport: { ca: sim.certificates.caPem },
    readOnly: true,
  });
  const blob = container.getBlockBlobClient("batchtop-was-here.txt");
  await assert.rejects(blob.upload("x", 1), (error: unknown) => {
    assert.ok(error instanceof ReadOnlyRefusalError);
    assert.match(
      error.message,
      /^read-only mode: refused PUT https:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/adfjobs\/batchtop-was-here\.txt$/,
    );
    return true;
  });
  assert.equal(await blob.exists(), false, "reads pass, and show nothing was written");
});

test("with read-only off the writer reaches the service, which answers in its own words", async () => {
  const { sim, credential } = account;
  const { writer } = createAzureAdapters({
    secondary: loadSecondaryAdapters(),
    batchEndpoint: sim.env.AZURE_BATCH_ENDPOINT,
    credential,
    readOnly: false,
    transport: { ca: sim.certificates.caPem },
  });
  assert.ok(writer);
  const mark = sim.requestLog.mark();
  await writer.resizePool("etl-linux-d4", {
    targetDedicatedNodes: 7,
    targetSpotNodes: 0,
    resizeTimeoutMinutes: 20,
  });
  assert.equal(sim.world.getPool("etl-linux-d4")?.targetDedicatedNodes, 7);
  await assert.rejects(
    writer.resizePool("etl-linux-d4", { targetDedicatedNodes: 3, targetSpotNodes: 0 }),
    (error: unknown) => {
      assert.ok(error instanceof AzureRequestError);
      assert.equal(error.statusCode, 409);
      assert.equal(error.code, "PoolBeingResized");
      return true;
    },
  );
  assert.deepEqual(
    sim.requestLog.since(mark).map((entry) => [entry.method, entry.path, entry.status]),
    [
      ["POST", "/pools/etl-linux-d4/resize", 202],
      ["POST", "/pools/etl-linux-d4/resize", 409],
    ],
    "each write was sent once",
  );
});
