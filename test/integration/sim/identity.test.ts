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

test("a client id picks the restricted reader's identity; an unknown one is refused", async () => {
  const token = await new ManagedIdentityCredential({ clientId: issuer.restrictedReader.clientId }).getToken(
    "https://management.azure.com/.default",
  );
  const check = issuer.check(token.token, "https://management.azure.com/");
  assert.ok(check.ok);
  assert.equal(check.claims.oid, issuer.restrictedReader.principalId);
  assert.notEqual(check.claims.oid, issuer.principalId);
  assert.match(check.claims.xms_mirid, /\/userAssignedIdentities\/i-reader$/);
  const operator = issuer.check(
    (await new ManagedIdentityCredential().getToken("https://management.azure.com/.default")).token,
    "https://management.azure.com/",
  );
  assert.equal(operator.ok && operator.claims.oid, issuer.principalId);
  const unknown = await fetch(
    `${endpoint.url}?api-version=2019-08-01&resource=https://management.azure.com/&client_id=00000000-0000-4000-8000-000000000000`,
    { headers: { "x-identity-header": endpoint.secret } },
  );
  assert.equal(unknown.status, 400);
});
