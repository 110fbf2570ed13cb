import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import {
  describeAzureError,
  EndpointUnreachableError,
  innermostMessage,
  toAzureRequestError,
} from "../../../src/azure/azureError.js";

function response(status: number, headers: Record<string, string>, body?: unknown): PipelineResponse {
  return {
    status,
    headers: createHttpHeaders(headers),
    request: createPipelineRequest({ url: "https://example.test/" }),
    ...(body === undefined ? {} : { bodyAsText: JSON.stringify(body) }),
  };
}

test("ARM: the service's code and first line, and ARM's request id", () => {
  const body = {
    error: {
      code: "PoolBeingResized",
      message: "The specified pool is being resized\nRequestId:1f0e\nTime:2026-11-22T03:00:00.0000000Z",
      target: "BatchAccount",
    },
  };
  const error = new RestError(body.error.message, {
    statusCode: 409,
    code: "PoolBeingResized",
    response: response(409, { "x-ms-request-id": "arm-req-1" }, body),
  });
  error.details = body;
  const mapped = toAzureRequestError(error);
  assert.equal(describeAzureError(mapped), "HTTP 409 PoolBeingResized: The specified pool is being resized");
  assert.equal(mapped.requestId, "arm-req-1");
});

test("ARM without a parsed body: the message is read from the body text", () => {
  const body = {
    error: { code: "ResourceGroupNotFound", message: "Resource group 'rg-nope' could not be found." },
  };
  const error = new RestError("Unexpected status code: 404", {
    statusCode: 404,
    code: "ResourceGroupNotFound",
    response: response(404, {}, body),
  });
  assert.equal(toAzureRequestError(error).message, "Resource group 'rg-nope' could not be found.");
});

const logsBody = {
  error: {
    message: "The request had some invalid properties",
    code: "BadArgumentError",
    correlationId: "c-1",
    innererror: {
      code: "SyntaxError",
      message: "A recognition error occurred in the query.",
      innererror: { code: "SYN0002", message: "Query could not be parsed at 'invalid' on line [1,11]" },
    },
  },
};

test("Log Analytics: the innermost innererror's words, not 'The request had some invalid properties'", () => {
  // As @azure/monitor-query-logs throws it: the parsed body in `details`, no body text.
  const error = new RestError(logsBody.error.message, { statusCode: 400, code: "BadArgumentError" });
  error.details = logsBody;
  assert.equal(
    describeAzureError(toAzureRequestError(error)),
    "HTTP 400 BadArgumentError: Query could not be parsed at 'invalid' on line [1,11]",
  );
  // The same body as text, as a core-client SDK would leave it.
  const fromText = new RestError(logsBody.error.message, {
    statusCode: 400,
    code: "BadArgumentError",
    response: response(400, {}, logsBody),
  });
  assert.equal(
    toAzureRequestError(fromText).message,
    "Query could not be parsed at 'invalid' on line [1,11]",
  );
});

test("innermostMessage: the deepest non-empty message; a level without one keeps the outer", () => {
  assert.equal(innermostMessage(logsBody.error), "Query could not be parsed at 'invalid' on line [1,11]");
  assert.equal(innermostMessage({ message: "outer", innererror: { code: "X", message: "" } }), "outer");
  assert.equal(innermostMessage({ code: "PartialError" }), undefined);
  assert.equal(innermostMessage("text"), undefined);
});

test("Batch: the {lang, value} message, not '[object Object]'", () => {
  const error = Object.assign(new Error("[object Object]"), {
    statusCode: 404,
    code: "PoolNotFound",
    body: {
      code: "PoolNotFound",
      message: { lang: "en-US", value: "The specified pool does not exist.\nRequestId:x" },
    },
  });
  assert.equal(
    describeAzureError(toAzureRequestError(error)),
    "HTTP 404 PoolNotFound: The specified pool does not exist.",
  );
});

// The shapes below are what each SDK threw against a closed port, a name that does not resolve and a
// self-signed server (Node 20, @azure/batch 10.2.0, core-rest-pipeline).

/** node-fetch under @azure/batch: the URL only in the message, Node's code on the error. */
function fetchError(url: string, reason: string, code: string): Error {
  return Object.assign(new Error(`request to ${url} failed, reason: ${reason}`), {
    name: "FetchError",
    type: "system",
    errno: code,
    code,
  });
}

/** core-client (ARM, Log Analytics, Storage): a RestError with Node's code and the request. */
function restSendError(url: string, message: string, code: string): RestError {
  return new RestError(message, { code, request: createPipelineRequest({ url }) });
}

test("a refused connection is 'unreachable' with the code and the endpoint tried, from every SDK", () => {
  const batch = toAzureRequestError(
    fetchError(
      "https://127.0.0.1:41235/pools?api-version=2022-10-01.16.0&$select=id",
      "connect ECONNREFUSED 127.0.0.1:41235",
      "ECONNREFUSED",
    ),
  );
  const arm = toAzureRequestError(
    restSendError(
      "https://127.0.0.1:41235/subscriptions/s/resourceGroups/rg",
      "connect ECONNREFUSED 127.0.0.1:41235",
      "ECONNREFUSED",
    ),
  );
  for (const error of [batch, arm]) {
    assert.ok(error instanceof EndpointUnreachableError);
    assert.equal(error.code, "ECONNREFUSED");
    assert.equal(error.statusCode, undefined);
    assert.equal(
      describeAzureError(error),
      "unreachable: connection refused (ECONNREFUSED) at https://127.0.0.1:41235",
    );
  }
});

test("a name that does not resolve names the host, also when @azure/batch hides the code in its message", () => {
  const batch = new RestError(
    "request to https://acct.westeurope.batch.azure.com/pools?api-version=x failed, reason: getaddrinfo ENOTFOUND acct.westeurope.batch.azure.com",
    { code: "REQUEST_SEND_ERROR" },
  );
  assert.equal(
    describeAzureError(toAzureRequestError(batch)),
    "unreachable: DNS lookup failed for host acct.westeurope.batch.azure.com (ENOTFOUND)",
  );
  const logs = restSendError(
    "https://api.loganalytics.io/v1/workspaces/w/query",
    "getaddrinfo EAI_AGAIN api.loganalytics.io",
    "EAI_AGAIN",
  );
  assert.equal(
    describeAzureError(toAzureRequestError(logs)),
    "unreachable: DNS lookup failed for host api.loganalytics.io (EAI_AGAIN)",
  );
});

test("TLS failures say what is wrong with the certificate, and never show a URL's query (a SAS)", () => {
  const untrusted = toAzureRequestError(
    restSendError(
      "https://acct.blob.core.windows.net/adfjobs/x?sv=2024&sig=SECRET",
      "self-signed certificate",
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ),
  );
  assert.equal(
    describeAzureError(untrusted),
    "unreachable: TLS: certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT) at https://acct.blob.core.windows.net",
  );
  const expired = toAzureRequestError(
    fetchError("https://10.0.0.4/pools", "certificate has expired", "CERT_HAS_EXPIRED"),
  );
  assert.equal(
    describeAzureError(expired),
    "unreachable: TLS: certificate expired (CERT_HAS_EXPIRED) at https://10.0.0.4",
  );
});

test("a reset or an answered request is not 'unreachable': the service was reached", () => {
  const reset = toAzureRequestError(
    fetchError("https://127.0.0.1:41235/pools", "socket hang up", "ECONNRESET"),
  );
  assert.ok(!(reset instanceof EndpointUnreachableError));
  assert.equal(reset.code, "ECONNRESET");
  const answered = toAzureRequestError(
    Object.assign(new Error("connect ECONNREFUSED mentioned by the service"), { statusCode: 500 }),
  );
  assert.ok(!(answered instanceof EndpointUnreachableError));
});
