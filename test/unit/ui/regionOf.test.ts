import { test } from "node:test";
import assert from "node:assert/strict";
import { regionOf } from "../../../src/ui/chrome/Header.js";

test("the header reads the region from a Batch account endpoint", () => {
  assert.equal(regionOf("https://acct.westeurope.batch.azure.com"), "westeurope");
  assert.equal(regionOf("https://contoso-prod.eastus2.batch.azure.com/"), "eastus2");
  assert.equal(regionOf("HTTPS://ACCT.WestEurope.Batch.Azure.Com"), "westeurope");
  assert.equal(regionOf("https://acct.privatelink.westeurope.batch.azure.com"), "westeurope", "private link");
});

test("an endpoint that is not a Batch account's shows no region", () => {
  assert.equal(regionOf("http://127.0.0.1:8443"), undefined);
  assert.equal(regionOf("http://localhost:8443"), undefined);
  assert.equal(regionOf("https://acct.westeurope.example.com"), undefined);
  assert.equal(regionOf("https://batch.azure.com"), undefined);
  assert.equal(regionOf("https://acct.batch.azure.com"), undefined);
  assert.equal(regionOf("https://acct.westeurope.batch.azure.com.attacker.example"), undefined);
});

test("text that is not a URL shows no region", () => {
  assert.equal(regionOf(""), undefined);
  assert.equal(regionOf("not a url"), undefined);
});
