import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpsServer } from "node:https";
import { createServer, type Server } from "node:net";
import { once } from "node:events";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { createAzureAdapters } from "../../../src/azure/azureAdapters.js";
import { loadSecondaryAdapters } from "../../../src/cli/secondaryAdapters.js";
import { describeAzureError, EndpointUnreachableError } from "../../../src/azure/azureError.js";
import { createLoopbackCertificates } from "../../../src/sim/tls/certificates.js";

// batchtop's real adapters and SDK clients against endpoints that cannot be reached: a loopback port
// nobody listens on, and a server whose certificate nobody told batchtop to trust.

/** A token is at hand, as after sign-in: what fails is reaching the account. */
const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: "token",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

function portOf(server: Server): number {
  const address = server.address();
  assert.ok(address !== null && typeof address === "object");
  return address.port;
}

/** A port that was just free: bound, then closed, so a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = portOf(server);
  server.close();
  await once(server, "close");
  return port;
}

async function failure(read: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await read();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  return assert.fail("the read succeeded against an endpoint that cannot be reached");
}

test("every adapter against a closed port fails at once: 'unreachable: connection refused' and the endpoint tried", async (t) => {
  const endpoint = `https://127.0.0.1:${await closedPort()}`;
  const secondary = loadSecondaryAdapters();
  // Loaded before the clock starts: what is timed below is the refusal alone.
  await secondary;
  const adapters = createAzureAdapters({
    secondary,
    batchEndpoint: endpoint,
    credential,
    readOnly: true,
    storageUrl: endpoint,
    arm: { endpoint, subscriptionId: "sub", resourceGroup: "rg", accountName: "acct" },
    logs: { endpoint: `${endpoint}/v1`, workspaceId: "workspace" },
  });
  const reads: [string, () => Promise<unknown>][] = [
    ["Batch", () => adapters.reader.listPools()],
    ["ARM", () => adapters.poolManagement!.listPools()],
    ["Log Analytics", () => adapters.runHistory!.latestActivityRuns({ durationMs: 3_600_000 })],
    ["Storage", () => adapters.outputStore!.outputProperties("run-1", "stdout")],
  ];
  for (const [service, read] of reads) {
    const { error, ms } = await failure(read);
    assert.ok(error instanceof EndpointUnreachableError, `${service}: ${String(error)}`);
    assert.equal(
      describeAzureError(error),
      `unreachable: connection refused (ECONNREFUSED) at ${endpoint}`,
      service,
    );
    // One attempt, no retries inside the read: a refused connection on loopback takes milliseconds.
    assert.ok(ms < 1_000, `${service} took ${ms.toFixed(0)} ms to report the refusal`);
    t.diagnostic(`${service}: first error after ${ms.toFixed(0)} ms`);
  }
  const batch = adapters.throttles.batch.state();
  assert.equal(batch.blockedBy, "unreachable");
  assert.equal(batch.lastFailure, "unreachable");
  assert.equal(batch.consecutiveFailures, 1);
});

test("a server whose certificate is not trusted is 'unreachable: TLS: certificate not trusted'", async () => {
  const certificates = await createLoopbackCertificates();
  const server = createHttpsServer({ cert: certificates.certPem, key: certificates.keyPem }, (_, response) =>
    response.end("{}"),
  ).listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    const endpoint = `https://127.0.0.1:${portOf(server)}`;
    // Without `transport.ca`: the demo CA is not trusted, as it would not be outside `batchtop demo`.
    const adapters = createAzureAdapters({
      secondary: loadSecondaryAdapters(),
      batchEndpoint: endpoint,
      credential,
      readOnly: true,
    });
    const { error, ms } = await failure(() => adapters.reader.listPools());
    assert.ok(error instanceof EndpointUnreachableError, String(error));
    assert.match(
      describeAzureError(error),
      new RegExp(`^unreachable: TLS: certificate not trusted \\([A-Z_]+\\) at ${endpoint}$`),
    );
    assert.ok(ms < 1_000, `took ${ms.toFixed(0)} ms`);
  } finally {
    server.close();
  }
});
