import { test } from "node:test";
import assert from "node:assert/strict";
import type { SimRequest } from "../../../../src/sim/http/service.js";
import { poolNotFound, invalidQueryParameter } from "../../../../src/sim/batch/batchErrors.js";
import { renderBatchAuthError, renderBatchError } from "../../../../src/sim/batch/errorRendering.js";

function request(headers: SimRequest["headers"] = {}): SimRequest {
  return {
    method: "GET",
    path: "/pools/p",
    query: new URLSearchParams(),
    headers,
    body: Buffer.alloc(0),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "5c9a2b6e-0000-4000-8000-000000000001",
  };
}

test("a Batch error has the OData error element shape with message as an object", () => {
  const response = renderBatchError(poolNotFound(), request());
  assert.equal(response.status, 404);
  assert.equal(response.headers?.["content-type"], "application/json;odata=minimalmetadata");
  assert.equal(response.headers?.["request-id"], "5c9a2b6e-0000-4000-8000-000000000001");
  const body = JSON.parse(response.body as string) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["odata.metadata", "code", "message"]);
  assert.equal(
    body["odata.metadata"],
    "https://127.0.0.1:4711/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
  );
  assert.equal(body.code, "PoolNotFound");
  const message = body.message as { lang: string; value: string };
  assert.equal(message.lang, "en-US");
  assert.match(
    message.value,
    /^The specified pool does not exist\.\nRequestId:5c9a2b6e-0000-4000-8000-000000000001\nTime:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/,
  );
});

test("values are listed when the error has details", () => {
  const body = JSON.parse(
    renderBatchError(invalidQueryParameter("$filter", "x", "bad"), request()).body as string,
  ) as {
    values: { key: string; value: string }[];
  };
  assert.deepEqual(body.values, [
    { key: "QueryParameterName", value: "$filter" },
    { key: "QueryParameterValue", value: "x" },
    { key: "Reason", value: "bad" },
  ]);
});

test("client-request-id is echoed only when asked for", () => {
  const asked = renderBatchError(
    poolNotFound(),
    request({ "client-request-id": "abc", "return-client-request-id": "true" }),
  );
  assert.equal(asked.headers?.["client-request-id"], "abc");
  const notAsked = renderBatchError(poolNotFound(), request({ "client-request-id": "abc" }));
  assert.equal(notAsked.headers?.["client-request-id"], undefined);
});

test("a refused token is a 401 AuthenticationFailed with the detail and a bearer challenge", () => {
  const response = renderBatchAuthError(
    request({ authorization: "Bearer nope" }),
    'The token "expired".',
    "tenant-1",
  );
  assert.equal(response.status, 401);
  const body = JSON.parse(response.body as string) as {
    code: string;
    message: { value: string };
    values: unknown;
  };
  assert.equal(body.code, "AuthenticationFailed");
  assert.match(
    body.message.value,
    /^Server failed to authenticate the request\. Make sure the value of Authorization header is formed correctly\.\n/,
  );
  assert.deepEqual(body.values, [{ key: "AuthenticationErrorDetail", value: 'The token "expired".' }]);
  assert.equal(
    response.headers?.["www-authenticate"],
    'Bearer authorization_uri="https://login.microsoftonline.com/tenant-1/oauth2/authorize", error="invalid_token", error_description="The token  expired ."',
  );
});

test("a request with no Authorization header is a 400 MissingRequiredHeader, as the live service answers", () => {
  const response = renderBatchAuthError(request(), "no token");
  assert.equal(response.status, 400);
  const body = JSON.parse(response.body as string) as { code: string; values: unknown };
  assert.equal(body.code, "MissingRequiredHeader");
  assert.deepEqual(body.values, [{ key: "HeaderName", value: "Authorization" }]);
});
