import { test } from "node:test";
import assert from "node:assert/strict";
import { errorMessage } from "../../../src/model/errorMessage.js";

test("an Error gives its message; anything else thrown is shown as text", () => {
  assert.equal(errorMessage(new TypeError("bad input")), "bad input");
  assert.equal(errorMessage("a library threw a string"), "a library threw a string");
  assert.equal(errorMessage(42), "42");
  assert.equal(errorMessage(undefined), "undefined");
});
