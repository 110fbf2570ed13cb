import { test } from "node:test";
import assert from "node:assert/strict";
import { createArmService } from "../../../../src/sim/arm/armService.js";
import type { SimRequest, SimResponse, SimService } from "../../../../src/sim/http/service.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { addApplication } from "../../../../src/sim/world/scenarios/identitySetup.js";
import { buildWorld, createWorld } from "../../../../src/sim/world/world.js";

// The ARM service's routing and refusals, called as the listener calls it (auth already checked).

const world = createWorld({ scenario: "identity", seed: 3 });
const service = createArmService(world);
const { subscriptionId, resourceGroup, name } = world.account();
const accountPath = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Batch/batchAccounts/${name}`;

type Json = Record<string, unknown>;

function request(
  method: string,
  target: string,
  options: { body?: unknown; headers?: SimRequest["headers"] } = {},
): SimRequest {
  const url = new URL(target, "https://127.0.0.1:4711");
  if (!url.searchParams.has("api-version") && !target.includes("api-version"))
    url.searchParams.set("api-version", "2023-11-01");
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: options.headers ?? {},
    body: Buffer.from(options.body === undefined ? "" : JSON.stringify(options.body)),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "req-1",
  };
}

/** What the listener would send: the handler's answer, or its SimServiceError rendered. */
function send(simRequest: SimRequest, to: SimService = service): SimResponse {
  try {
    return to.handle(simRequest) as SimResponse;
  } catch (error) {
    if (error instanceof SimServiceError) return to.renderError(error, simRequest);
    throw error;
  }
}

function body(response: SimResponse): Json {
  return (typeof response.body === "string" ? JSON.parse(response.body) : response.body) as Json;
}

function errorOf(response: SimResponse): { status: number; code: string; message: string; target?: string } {
  const error = body(response).error as { code: string; message: string; target?: string };
  return { status: response.status, ...error };
}

test("the service owns /subscriptions paths and asks for management tokens", () => {
  assert.equal(service.audience, "https://management.azure.com/");
  assert.equal(service.owns(accountPath), true);
  assert.equal(service.owns("/SUBSCRIPTIONS/x"), true);
  assert.equal(service.owns("/pools"), false);
  assert.equal(service.owns("/subscriptionsx"), false);
});

test("the api-version is checked first: missing, malformed, or not one the provider serves", () => {
  const missing = errorOf(send(request("GET", `${accountPath}?api-version=`)));
  assert.deepEqual([missing.status, missing.code], [400, "MissingApiVersionParameter"]);
  const malformed = errorOf(send(request("GET", `${accountPath}?api-version=latest`)));
  assert.deepEqual([malformed.status, malformed.code], [400, "InvalidApiVersionParameter"]);
  assert.match(
    malformed.message,
    /The api-version 'latest' is invalid\. The supported versions are '2023-11-01'\./,
  );
  const unserved = errorOf(send(request("GET", `${accountPath}/pools/identity-1-ok?api-version=2099-01-01`)));
  assert.deepEqual([unserved.status, unserved.code], [400, "NoRegisteredProviderFound"]);
  assert.match(unserved.message, /API version '2099-01-01' for type 'batchAccounts\/pools'/);
});

test("unknown subscription, resource group, account and pool answer 404 in ARM's words", () => {
  const cases: [string, number, string][] = [
    ["/subscriptions/other/providers/Microsoft.Batch/batchAccounts", 404, "SubscriptionNotFound"],
    [
      `/subscriptions/${subscriptionId}/resourceGroups/rg-other/providers/Microsoft.Batch/batchAccounts`,
      404,
      "ResourceGroupNotFound",
    ],
    [accountPath.replace(name, "otheracct"), 404, "ResourceNotFound"],
    [`${accountPath.replace(name, "otheracct")}/pools`, 404, "ParentResourceNotFound"],
  ];
  for (const [path, status, code] of cases) {
    const error = errorOf(send(request("GET", path)));
    assert.deepEqual([error.status, error.code], [status, code], path);
    assert.equal(error.target, undefined, path);
  }
  assert.match(
    errorOf(send(request("GET", accountPath.replace(name, "otheracct")))).message,
    /^The Resource 'Microsoft.Batch\/batchAccounts\/otheracct' under resource group 'rg-batchtop-demo' was not found\./,
  );
  // The pool itself is the Batch service's to refuse; the provider relays its words.
  const pool = errorOf(send(request("GET", `${accountPath}/pools/nope`)));
  assert.deepEqual([pool.status, pool.code, pool.target], [404, "PoolNotFound", "BatchAccount"]);
  assert.match(
    pool.message,
    /^The specified pool does not exist\.\nRequestId:[0-9a-f-]{36}\nTime:\d{4}-\d\d-\d\dT[\d:.]+Z$/,
  );
});

test("paths are matched without regard to case", () => {
  const lower = send(request("GET", `${accountPath.toLowerCase()}/POOLS/identity-1-ok`));
  assert.equal(lower.status, 200);
  assert.equal(body(lower).name, "identity-1-ok");
});

test("operations the demo account does not implement are refused by name, not answered wrongly", () => {
  for (const [method, path] of [
    ["DELETE", `${accountPath}/pools/identity-1-ok`],
    ["GET", `${accountPath}/certificates`],
    ["POST", `${accountPath}/pools/identity-1-ok/stopResize`],
  ]) {
    const error = errorOf(send(request(method!, path!)));
    assert.deepEqual([error.status, error.code], [400, "NotSupported"], `${method} ${path}`);
  }
  const filtered = errorOf(send(request("GET", `${accountPath}/pools?$filter=name eq 'x'`)));
  assert.equal(filtered.code, "NotSupported");
});

test("maxresults pages the pool list with a nextLink that carries the api-version", () => {
  const first = body(send(request("GET", `${accountPath}/pools?maxresults=3`)));
  assert.equal((first.value as Json[]).length, 3);
  const next = new URL(first.nextLink as string);
  assert.equal(next.searchParams.get("api-version"), "2023-11-01");
  const second = body(send(request("GET", `${next.pathname}${next.search}`)));
  assert.equal((second.value as Json[]).length, 1);
  assert.equal(second.nextLink, undefined);
});

test("If-Match: the current ETag or * goes through; an old one is refused with 412", () => {
  const path = `${accountPath}/pools/identity-1-ok`;
  const current = send(request("GET", path)).headers?.etag;
  assert.match(current ?? "", /^W\/"0x[0-9A-F]+"$/);
  const patch = { properties: { metadata: [{ name: "owner", value: "data-platform" }] } };
  const updated = send(request("PATCH", path, { body: patch, headers: { "if-match": current } }));
  assert.equal(updated.status, 200);
  assert.notEqual(updated.headers?.etag, current);
  const stale = errorOf(send(request("PATCH", path, { body: patch, headers: { "if-match": current } })));
  assert.deepEqual([stale.status, stale.code], [412, "ConditionNotMet"]);
  assert.equal(send(request("PATCH", path, { body: patch, headers: { "if-match": "*" } })).status, 200);
});

test("a refused update changes nothing: an unknown application package leaves the identity alone", () => {
  const path = `${accountPath}/pools/identity-4-not-on-pool`;
  const before = body(send(request("GET", path)));
  const nodes = Object.keys((before.identity as { userAssignedIdentities: Json }).userAssignedIdentities);
  const error = errorOf(
    send(
      request("PATCH", path, {
        body: {
          identity: { type: "UserAssigned", userAssignedIdentities: { [nodes[0]!]: {} } },
          properties: { applicationPackages: [{ id: "no-such-app" }] },
        },
      }),
    ),
  );
  assert.deepEqual([error.status, error.code], [409, "InvalidApplicationPackageReferences"]);
  assert.deepEqual(body(send(request("GET", path))), before);
});

test("an application package for an unknown application is the service's 404", () => {
  const error = errorOf(send(request("PUT", `${accountPath}/applications/nope/versions/1.0`)));
  assert.deepEqual([error.status, error.code], [404, "ApplicationNotFound"]);
});

test("a new package is Pending; its storage URL carries a SAS only when autostorage uses storage keys", () => {
  const keys = buildWorld("keys", {
    description: "an application, storage keys",
    leadTimeMs: 0,
    build: (builder) => addApplication(builder, "etl-tool", ["2.4.0"]),
  });
  const keysPath = accountPath.replace(name, keys.account().name);
  const withSas = body(
    send(request("PUT", `${keysPath}/applications/etl-tool/versions/2.5.0`), createArmService(keys)),
  );
  const sasProperties = withSas.properties as Json;
  assert.equal(sasProperties.state, "Pending");
  assert.match(
    sasProperties.storageUrl as string,
    /^https:\/\/stbatchtopdemo\.blob\.core\.windows\.net\/app-etl-tool-[0-9a-f]+\/etl-tool-2\.5\.0-[0-9a-f-]+\?sv=.*&sig=/,
  );

  const managed = createWorld({ scenario: "identity", seed: 3 });
  const { identity } = managed.account();
  assert.equal(identity.type, "SystemAssigned");
  if (identity.type === "SystemAssigned") managed.assignStorageRole(identity.principalId);
  const created = body(
    send(request("PUT", `${accountPath}/applications/etl-tool/versions/2.5.0`), createArmService(managed)),
  );
  assert.equal(created.type, "Microsoft.Batch/batchAccounts/applications/versions");
  assert.equal(created.name, "2.5.0");
  assert.doesNotMatch((created.properties as Json).storageUrl as string, /\?/);
});

test("401s: a missing header, a token for another audience and a bad token, each with ARM's challenge", () => {
  const missing = service.renderAuthFailure(
    request("GET", accountPath),
    "The request has no bearer token.",
    "tenant",
  );
  assert.equal(missing.status, 401);
  assert.deepEqual(body(missing), {
    error: {
      code: "AuthenticationFailed",
      message: "Authentication failed. The 'Authorization' header is missing.",
    },
  });
  assert.equal(
    missing.headers?.["www-authenticate"],
    `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`,
  );
  const claims = Buffer.from(JSON.stringify({ aud: "https://batch.core.windows.net/" })).toString(
    "base64url",
  );
  const wrongAudience = service.renderAuthFailure(
    request("GET", accountPath, { headers: { authorization: `Bearer e30.${claims}.sig` } }),
    "The access token has an invalid audience: https://batch.core.windows.net/; expected https://management.azure.com/.",
    "tenant",
  );
  assert.equal(errorOf(wrongAudience).code, "InvalidAuthenticationTokenAudience");
  assert.match(
    errorOf(wrongAudience).message,
    /wrong audience or resource 'https:\/\/batch.core.windows.net\/'/,
  );
  const forged = service.renderAuthFailure(
    request("GET", accountPath, { headers: { authorization: "Bearer x.y.z" } }),
    "The access token signature is invalid.",
    "tenant",
  );
  assert.deepEqual(errorOf(forged), {
    status: 401,
    code: "InvalidAuthenticationToken",
    message: "The access token is invalid.",
  });
});
