import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import { TokenIssuer } from "../../../src/sim/identity/tokens.js";
import { startTokenEndpoint, type TokenEndpoint } from "../../../src/sim/identity/tokenEndpoint.js";

let issuer: TokenIssuer;
let endpoint: TokenEndpoint;

before(async () => {
  issuer = new TokenIssuer(
    "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i",
  );
  endpoint = await startTokenEndpoint(issuer);
  // @azure/identity picks the App Service source from these two variables, as on App Service.
  process.env.IDENTITY_ENDPOINT = endpoint.url;
  process.env.IDENTITY_HEADER = endpoint.secret;
});
after(() => endpoint.close());

test("ManagedIdentityCredential gets a Batch token the demo services accept", async () => {
  const token = await new ManagedIdentityCredential().getToken("https://batch.core.windows.net//.default");
  assert.ok(token.expiresOnTimestamp > Date.now() + 30 * 60 * 1000);
  const check = issuer.check(token.token, "https://batch.core.windows.net/");
  assert.equal(check.ok, true);
  assert.equal(issuer.check(token.token, "https://management.azure.com/").ok, false);
});

test("DefaultAzureCredential finds the same managed identity", async () => {
  const token = await new DefaultAzureCredential().getToken("https://management.azure.com/.default");
  assert.equal(issuer.check(token.token, "https://management.azure.com/").ok, true);
});

test("a wrong X-IDENTITY-HEADER or an unknown audience is refused", async () => {
  const wrongHeader = await fetch(
    `${endpoint.url}?api-version=2019-08-01&resource=https://batch.core.windows.net/`,
    {
      headers: { "x-identity-header": "nope" },
    },
  );
  assert.equal(wrongHeader.status, 401);
  await assert.rejects(new ManagedIdentityCredential().getToken("https://vault.azure.net/.default"));
});
