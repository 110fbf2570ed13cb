import { test } from "node:test";
import assert from "node:assert/strict";
import type { SimRequest } from "../../../../src/sim/http/service.js";
import { SimServiceError } from "../../../../src/sim/http/serviceError.js";
import { durationMs, parseRebootBody, parseResizeBody } from "../../../../src/sim/batch/requestBodies.js";

function post(body: string): SimRequest {
  return {
    method: "POST",
    path: "/pools/p/resize",
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.from(body),
    baseUrl: "https://127.0.0.1:4711",
    requestId: "r",
  };
}

const code = (expected: string) => (error: unknown) =>
  error instanceof SimServiceError && error.code === expected;

test("a resize body is read with its optional fields", () => {
  assert.deepEqual(
    parseResizeBody(
      post(
        '{"targetDedicatedNodes":3,"targetLowPriorityNodes":0,"resizeTimeout":"PT10M","nodeDeallocationOption":"TaskCompletion"}',
      ),
    ),
    {
      targetDedicatedNodes: 3,
      targetLowPriorityNodes: 0,
      resizeTimeout: "PT10M",
      nodeDeallocationOption: "taskcompletion",
    },
  );
  assert.deepEqual(parseResizeBody(post("{}")), {});
});

test("bad resize bodies are refused with the service's codes", () => {
  assert.throws(() => parseResizeBody(post("")), code("InvalidRequestBody"));
  assert.throws(() => parseResizeBody(post("{not json")), code("InvalidRequestBody"));
  assert.throws(() => parseResizeBody(post("[1]")), code("InvalidRequestBody"));
  assert.throws(() => parseResizeBody(post('{"targetDedicatedNodes":-1}')), code("InvalidPropertyValue"));
  assert.throws(() => parseResizeBody(post('{"targetDedicatedNodes":"3"}')), code("InvalidPropertyValue"));
  assert.throws(() => parseResizeBody(post('{"targetDedicatedNodes":1.5}')), code("InvalidPropertyValue"));
  assert.throws(() => parseResizeBody(post('{"resizeTimeout":"PT2M"}')), code("InvalidPropertyValue"));
  assert.throws(() => parseResizeBody(post('{"resizeTimeout":"15 minutes"}')), code("InvalidPropertyValue"));
  assert.throws(
    () => parseResizeBody(post('{"nodeDeallocationOption":"later"}')),
    code("InvalidPropertyValue"),
  );
  assert.throws(() => parseResizeBody(post('{"targetNodes":3}')), code("UnsupportedProperty"));
});

test("a reboot body is optional and names a known option", () => {
  assert.equal(parseRebootBody(post("")), undefined);
  assert.equal(parseRebootBody(post("{}")), undefined);
  assert.equal(parseRebootBody(post('{"nodeRebootOption":"terminate"}')), "terminate");
  assert.throws(() => parseRebootBody(post('{"nodeRebootOption":"now"}')), code("InvalidPropertyValue"));
});

test("ISO 8601 day-time durations convert to milliseconds", () => {
  assert.equal(durationMs("PT15M"), 900_000);
  assert.equal(durationMs("P1DT1H"), 90_000_000);
  assert.equal(durationMs("PT0.5S"), 500);
  assert.equal(durationMs("P"), undefined);
  assert.equal(durationMs("PT"), undefined);
  assert.equal(durationMs("15M"), undefined);
});
