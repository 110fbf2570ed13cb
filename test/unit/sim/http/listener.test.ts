import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import {
  createLoopbackCertificates,
  type LoopbackCertificates,
} from "../../../../src/sim/tls/certificates.js";
import { TokenIssuer } from "../../../../src/sim/identity/tokens.js";
import { FaultInjector } from "../../../../src/sim/http/faults.js";
import { RequestLog } from "../../../../src/sim/http/requestLog.js";
import { startListener, type Listener } from "../../../../src/sim/http/listener.js";
import type { SimService } from "../../../../src/sim/http/service.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";

/** A service that echoes, fails on demand, and renders errors in a recognisable shape. */
const echoService: SimService = {
  name: "echo",
  audience: "https://batch.core.windows.net/",
  owns: () => true,
  handle(request) {
    if (request.path === "/missing")
      throw new SimServiceError(404, "PoolNotFound", "The specified pool does not exist.");
    if (request.path === "/bug") throw new Error("simulated bug with /secret/path in its stack");
    return {
      status: 200,
      body: { path: request.path, query: request.query.get("a"), bytes: request.body.length },
    };
  },
  renderError: (error) => ({ status: error.statusCode, body: { code: error.code, message: error.message } }),
  renderAuthFailure: (_request, reason, tenantId) => ({
    status: 401,
    headers: {
      "www-authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}"`,
    },
    body: { code: "AuthenticationFailed", message: reason },
  }),
};

let certificates: LoopbackCertificates;
let issuer: TokenIssuer;
let listener: Listener;
const faults = new FaultInjector();
const requestLog = new RequestLog();

before(async () => {
  certificates = await createLoopbackCertificates();
  issuer = new TokenIssuer(
    "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i",
  );
  listener = await startListener({
    port: 0,
    certificates,
    issuer,
    services: [echoService],
    faults,
    requestLog,
  });
});
after(() => listener.close());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, token?: string, method = "GET", body = ""): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${listener.baseUrl}${path}`,
      { method, ca: certificates.caPem, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const batchToken = () => issuer.mint("https://batch.core.windows.net/").token;

test("a valid token for the service's audience reaches the service", async () => {
  const reply = await send("/pools?a=1", batchToken(), "POST", "xyz");
  assert.equal(reply.status, 200);
  assert.deepEqual(JSON.parse(reply.body), { path: "/pools", query: "1", bytes: 3 });
  assert.ok(reply.headers["request-id"]);
});

test("a missing, foreign, tampered or wrong-audience token gets 401 in the service's shape", async () => {
  const other = new TokenIssuer("/x");
  const [missing, foreign, wrongAudience] = await Promise.all([
    send("/pools"),
    send("/pools", other.mint("https://batch.core.windows.net/").token),
    send("/pools", issuer.mint("https://management.azure.com/").token),
  ]);
  for (const reply of [missing, foreign, wrongAudience]) {
    assert.equal(reply.status, 401);
    assert.equal(JSON.parse(reply.body).code, "AuthenticationFailed");
    assert.match(String(reply.headers["www-authenticate"]), /^Bearer authorization_uri=/);
  }
  assert.match(JSON.parse(wrongAudience.body).message, /invalid audience/);
  const [header, payload] = batchToken().split(".");
  const tampered = `${header}.${payload}x.${"A".repeat(43)}`;
  assert.equal((await send("/pools", tampered)).status, 401);
});

test("an expired token is refused", async () => {
  const stale = issuer.mint("https://batch.core.windows.net/", Date.now() - 2 * 60 * 60 * 1000).token;
  const reply = await send("/pools", stale);
  assert.equal(reply.status, 401);
  assert.match(JSON.parse(reply.body).message, /expiry/);
});

test("service errors are rendered; bugs become a 500 without details", async () => {
  const missing = await send("/missing", batchToken());
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.body).code, "PoolNotFound");
  const bug = await send("/bug", batchToken());
  assert.equal(bug.status, 500);
  assert.doesNotMatch(bug.body, /secret|stack/);
});

test("scripted faults answer 429 and 503 with Retry-After, and reset connections", async () => {
  faults.injectNext("throttle", 1, 7);
  faults.injectNext("unavailable", 1, 2);
  faults.injectNext("reset");
  const throttled = await send("/pools", batchToken());
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers["retry-after"], "7");
  const unavailable = await send("/pools", batchToken());
  assert.equal(unavailable.status, 503);
  assert.equal(unavailable.headers["retry-after"], "2");
  await assert.rejects(send("/pools", batchToken()), /socket hang up|ECONNRESET/);
  assert.equal((await send("/pools", batchToken())).status, 200);
});

test("the request log records method, path, query, status, bytes and faults", async () => {
  const mark = requestLog.mark();
  faults.injectNext("throttle");
  await send("/pools?a=2", batchToken());
  await send("/jobs", batchToken(), "POST", "12345");
  const entries = requestLog.since(mark);
  assert.equal(entries.length, 2);
  assert.deepEqual(
    entries.map(({ method, path, query, status, fault, requestBytes }) => ({
      method,
      path,
      query,
      status,
      fault,
      requestBytes,
    })),
    [
      { method: "GET", path: "/pools", query: "a=2", status: 429, fault: "throttle", requestBytes: 0 },
      { method: "POST", path: "/jobs", query: "", status: 200, fault: undefined, requestBytes: 5 },
    ],
  );
  assert.ok((entries[1]?.responseBytes ?? 0) > 0);
});

test("random fault shares are reproducible for a seed", () => {
  const settings = {
    throttle: 0.3,
    unavailable: 0.1,
    reset: 0,
    latencyMs: 0,
    retryAfterSeconds: 1,
    services: [],
  };
  const run = () => {
    const injector = new FaultInjector(settings, 42);
    return Array.from({ length: 200 }, () => injector.next("batch")?.kind ?? "ok");
  };
  const first = run();
  assert.deepEqual(run(), first);
  const throttled = first.filter((kind) => kind === "throttle").length;
  assert.ok(throttled > 35 && throttled < 85, `about 30% throttled, got ${throttled}/200`);
});
