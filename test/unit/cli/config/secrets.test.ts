import { test } from "node:test";
import assert from "node:assert/strict";
import { signInEnvironment } from "../../../../src/cli/config/authEnvironment.js";
import { maskSecretsInText, maskUrl } from "../../../../src/cli/config/secrets.js";

test("a SAS URL keeps its parameter names and loses every value", () => {
  assert.equal(
    maskUrl("https://acct.blob.core.windows.net/adfjobs?sv=2022-11-02&se=2030-01-01&sig=abc%2Bdef"),
    "https://acct.blob.core.windows.net/adfjobs?sv=***&se=***&sig=***",
  );
});

test("credentials in a URL are masked; a clean URL is left as it is", () => {
  assert.equal(maskUrl("https://user:hunter2@example.com/path"), "https://***:***@example.com/path");
  assert.equal(maskUrl("https://management.azure.com"), "https://management.azure.com");
  assert.equal(maskUrl("not a url"), "not a url");
});

test("free text loses URL secrets and connection-string keys", () => {
  const text =
    'failed to GET https://a.blob.core.windows.net/c?sig=SECRET1 with "DefaultEndpointsProtocol=https;AccountKey=SECRET2;" and client_secret=SECRET3';
  const masked = maskSecretsInText(text);
  for (const secret of ["SECRET1", "SECRET2", "SECRET3"]) assert.doesNotMatch(masked, new RegExp(secret));
  assert.match(masked, /sig=\*\*\*/);
  assert.match(masked, /AccountKey=\*\*\*/);
});

test("sign-in variables: secrets are shown only as set, others as they are", () => {
  const shown = signInEnvironment({
    AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
    AZURE_CLIENT_SECRET: "very-secret",
    IDENTITY_ENDPOINT: "http://127.0.0.1:41234/msi/token",
    IDENTITY_HEADER: "header-secret",
    MSI_SECRET: "msi-secret",
    AZURE_CLIENT_CERTIFICATE_PASSWORD: "cert-secret",
    AZURE_TENANT_ID: "",
    UNRELATED: "x",
  });
  assert.deepEqual(shown, [
    ["AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555"],
    ["AZURE_CLIENT_SECRET", "set (hidden)"],
    ["AZURE_CLIENT_CERTIFICATE_PASSWORD", "set (hidden)"],
    ["IDENTITY_ENDPOINT", "http://127.0.0.1:41234/msi/token"],
    ["IDENTITY_HEADER", "set (hidden)"],
    ["MSI_SECRET", "set (hidden)"],
  ]);
});

test("access tokens are masked: JWTs anywhere and whatever follows Bearer", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln";
  assert.equal(maskSecretsInText(`token ${jwt} refused`), "token *** refused");
  assert.equal(maskSecretsInText("Authorization: Bearer abc.def"), "Authorization: Bearer ***");
});
