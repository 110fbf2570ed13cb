import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { describeAzureError, innermostMessage, toAzureRequestError } from "../../../src/azure/azureError.js";

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
