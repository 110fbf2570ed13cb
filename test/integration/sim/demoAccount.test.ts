import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ManagedIdentityCredential } from "@azure/identity";
import { BlobServiceClient, type BlobClient } from "@azure/storage-blob";
import { RestError, TokenCredentials } from "@azure/ms-rest-js";
import { BatchServiceClient } from "@azure/batch";
import { Agent, request as httpsRequest } from "node:https";
import { createBatchClient } from "../../../src/azure/batchClient.js";
import { storageClientOptions } from "../../../src/azure/transport.js";
import { startSimulator, type Simulator } from "../../../src/sim/simulator.js";

// The whole demo account, as `batchtop demo` starts it, driven by the real @azure/identity,
// @azure/batch and @azure/storage-blob clients over HTTPS with managed identity tokens.

let sim: Simulator;
let batch: BatchServiceClient;
let blobClient: (path: string) => BlobClient;

before(async () => {
  sim = await startSimulator({
    scenario: "incident",
    seed: 3,
    speed: 0,
    startTime: new Date("2026-11-22T03:00:00Z"),
  });
  process.env.IDENTITY_ENDPOINT = sim.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sim.env.IDENTITY_HEADER;
  const credential = new ManagedIdentityCredential();
  batch = createBatchClient(sim.env.AZURE_BATCH_ENDPOINT, credential, { ca: sim.certificates.caPem });
  const service = new BlobServiceClient(
    sim.env.BATCHTOP_STORAGE_URL,
    credential,
    storageClientOptions({ ca: sim.certificates.caPem }),
  );
  const container = service.getContainerClient("adfjobs");
  blobClient = (path) => container.getBlobClient(path);
});
after(() => sim.stop());

async function adfJobWithCompletedTask(): Promise<{ jobId: string; taskId: string }> {
  const jobs = await batch.job.list();
  for (const job of jobs.filter((candidate) => candidate.id?.startsWith("adfv2-"))) {
    const tasks = await batch.task.list(job.id!, {
      taskListOptions: { filter: "state eq 'completed'", select: "id" },
    });
    if (tasks[0]?.id) return { jobId: job.id!, taskId: tasks[0].id };
  }
  assert.fail("the incident scenario has finished ADF tasks");
}

test("entities carry the demo account's own URLs and ADF jobs are named adfv2-<pool>", async () => {
  const pools = await batch.pool.list();
  assert.ok(pools.length > 0);
  for (const pool of pools)
    assert.ok(pool.url?.startsWith(`${sim.env.AZURE_BATCH_ENDPOINT}/pools/`), pool.url);
  const jobs = await batch.job.list();
  const poolIds = new Set(pools.map((pool) => pool.id));
  for (const job of jobs.filter((candidate) => candidate.id?.startsWith("adfv2-"))) {
    assert.ok(poolIds.has(job.id!.slice("adfv2-".length)), `${job.id} names a pool`);
    assert.equal(job.poolInfo?.poolId, job.id!.slice("adfv2-".length));
  }
});

test("the incident shows a pool stuck resizing that ends with a quota error, and unusable nodes", async () => {
  const pools = await batch.pool.list();
  const stuck = pools.find((pool) => pool.allocationState === "resizing");
  assert.ok(stuck, "a pool is resizing at the start of the incident");
  // The service reports resize errors when the resize settles: at the latest when its timeout passes.
  let settled = stuck;
  for (let minutes = 0; minutes < 120 && settled.allocationState === "resizing"; minutes += 5) {
    sim.world.advance(5 * 60 * 1000);
    settled = await batch.pool.get(stuck.id!);
  }
  assert.equal(settled.allocationState, "steady");
  assert.ok(
    settled.resizeErrors?.some((error) => error.code === "AccountCoreQuotaReached"),
    `the stuck pool reports AccountCoreQuotaReached: ${JSON.stringify(settled.resizeErrors)}`,
  );
  assert.ok((settled.currentDedicatedNodes ?? 0) < (settled.targetDedicatedNodes ?? 0));
  const counts = await batch.account.listPoolNodeCounts();
  assert.ok(
    counts.some((entry) => (entry.dedicated?.unusable ?? 0) + (entry.lowPriority?.unusable ?? 0) > 0),
    "some node is unusable",
  );
});

test("a finished task's output is in adfjobs/<activityRunId>/output, identical to the node's copy", async () => {
  const { jobId, taskId } = await adfJobWithCompletedTask();
  await sim.flushStorage();
  const stdoutBlob = blobClient(`${taskId}/output/stdout.txt`);
  const properties = await stdoutBlob.getProperties();
  const fromBlob = (await stdoutBlob.downloadToBuffer()).toString("utf8");
  assert.equal(properties.contentLength, Buffer.byteLength(fromBlob));
  const fromNode = await batch.file.getFromTask(jobId, taskId, "stdout.txt");
  const nodeText = fromNode.readableStreamBody ? await text(fromNode.readableStreamBody) : "";
  assert.equal(fromBlob, nodeText);
  const stderrBlob = blobClient(`${taskId}/output/stderr.txt`);
  assert.ok(await stderrBlob.exists());
  // Ranged reads: the tail reader's fallback asks only for bytes it has not seen.
  if (fromBlob.length > 10) {
    const tail = await stdoutBlob.downloadToBuffer(5, 5);
    assert.equal(tail.toString("utf8"), fromBlob.slice(5, 10));
  }
});

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

test("a running task's stdout grows, and ocp-range returns only the new bytes", async () => {
  const jobs = (await batch.job.list()).filter((job) => job.id?.startsWith("adfv2-"));
  let found: { jobId: string; taskId: string; length: number } | undefined;
  for (const job of jobs) {
    const running = await batch.task.list(job.id!, {
      taskListOptions: { filter: "state eq 'running'", select: "id" },
    });
    for (const task of running) {
      const properties = await batch.file
        .getPropertiesFromTask(job.id!, task.id!, "stdout.txt")
        .catch(() => undefined);
      if (properties && (properties.contentLength ?? 0) > 0) {
        found = { jobId: job.id!, taskId: task.id!, length: properties.contentLength ?? 0 };
        break;
      }
    }
    if (found) break;
  }
  assert.ok(found, "a running task with output exists");
  let grown = found.length;
  for (let i = 0; i < 120 && grown === found.length; i++) {
    sim.world.advance(5000);
    const properties = await batch.file.getPropertiesFromTask(found.jobId, found.taskId, "stdout.txt");
    grown = properties.contentLength ?? 0;
  }
  assert.ok(grown > found.length, "stdout grew");
  const whole = await text(
    (await batch.file.getFromTask(found.jobId, found.taskId, "stdout.txt")).readableStreamBody!,
  );
  const fresh = await batch.file.getFromTask(found.jobId, found.taskId, "stdout.txt", {
    fileGetFromTaskOptions: { ocpRange: `bytes=${found.length}-${grown - 1}` },
  });
  const freshText = await text(fresh.readableStreamBody!);
  assert.equal(Buffer.byteLength(freshText), grown - found.length);
  assert.equal(freshText, Buffer.from(whole).subarray(found.length, grown).toString("utf8"));
});

test("an injected 429 carries Retry-After to the client and is in the request log", async () => {
  const mark = sim.requestLog.mark();
  sim.faults.injectNext("throttle", 1, 4);
  await assert.rejects(batch.pool.list(), (error: unknown) => {
    assert.ok(error instanceof RestError);
    assert.equal(error.statusCode, 429);
    assert.equal(error.response?.headers.get("retry-after"), "4");
    return true;
  });
  const logged = sim.requestLog.since(mark);
  assert.deepEqual(
    logged.map((entry) => [entry.method, entry.path, entry.status, entry.fault]),
    [["GET", "/pools", 429, "throttle"]],
  );
  assert.equal((await batch.pool.list()).length > 0, true);
});

test("a token the demo identity did not issue is refused with 401", async () => {
  const stranger = new BatchServiceClient(
    new TokenCredentials("eyJhbGciOiJub25lIn0.e30.x"),
    sim.env.AZURE_BATCH_ENDPOINT,
    {
      noRetryPolicy: true,
      agentSettings: {
        https: new Agent({ ca: sim.certificates.caPem }),
        http: new Agent({ ca: sim.certificates.caPem }),
      },
    },
  );
  await assert.rejects(stranger.pool.list(), (error: unknown) => {
    assert.ok(error instanceof RestError);
    assert.equal(error.statusCode, 401);
    assert.equal(error.code, "AuthenticationFailed");
    return true;
  });
});

function storageStatus(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      `${sim.env.BATCHTOP_STORAGE_URL}/adfjobs?restype=container&comp=list`,
      {
        ca: sim.certificates.caPem,
        headers: { authorization: `Bearer ${token}`, "x-ms-version": "2021-08-06" },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end();
  });
}

test("storage accepts a storage token and refuses one for another audience", async () => {
  assert.equal(await storageStatus(sim.issuer.mint("https://storage.azure.com/").token), 200);
  // Azure Storage (and Azurite) answer a refused token with 403 AuthenticationFailed.
  assert.equal(await storageStatus(sim.issuer.mint("https://batch.core.windows.net/").token), 403);
});

test("nothing outside batchtop's own agents trusts the demo certificate", async () => {
  const outcome = await fetch(`${sim.env.AZURE_BATCH_ENDPOINT}/pools`).catch((error: unknown) => error);
  assert.ok(outcome instanceof Error, "Node's default trust store refuses the demo CA");
});
