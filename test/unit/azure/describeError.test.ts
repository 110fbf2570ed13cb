import { test } from "node:test";
import assert from "node:assert/strict";
import { AzureRequestError } from "../../../src/azure/azureError.js";
import { describeError } from "../../../src/azure/describeError.js";

test("Azure's errors lead with status and code; other failures read as their message", () => {
  const throttled = new AzureRequestError("Too many requests", 429, "TooManyRequests", 1000, "req-1");
  assert.equal(describeError(throttled), "HTTP 429 TooManyRequests: Too many requests");
  assert.equal(describeError(new Error("socket hang up")), "socket hang up");
  assert.equal(describeError("plain text"), "plain text");
});
