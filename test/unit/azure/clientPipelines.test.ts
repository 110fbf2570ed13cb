import { test } from "node:test";
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { bearerTokenAuthenticationPolicyName, type Pipeline } from "@azure/core-rest-pipeline";
import { createArmClient } from "../../../src/azure/armClient.js";
import { createIdentityClients } from "../../../src/azure/identityReader.js";
import { createLogsClient } from "../../../src/azure/logsClient.js";
import { synapseEndpoint, synapseScope } from "../../../src/azure/synapseEndpoint.js";
import { createSynapseClients } from "../../../src/azure/synapseRuns.js";
import { defaultArmScope, defaultLogsScope } from "../../../src/azure/tokenScopes.js";

const credential: TokenCredential = {
  getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

test("ARM scopes: each cloud's own audience; a private link or the demo account gets the public one", () => {
  assert.equal(defaultArmScope("https://management.azure.com"), "https://management.azure.com/.default");
  assert.equal(defaultArmScope("https://management.azure.com/"), "https://management.azure.com/.default");
  assert.equal(
    defaultArmScope("https://management.chinacloudapi.cn"),
    "https://management.chinacloudapi.cn/.default",
  );
  assert.equal(
    defaultArmScope("https://management.usgovcloudapi.net"),
    "https://management.usgovcloudapi.net/.default",
  );
  assert.equal(defaultArmScope("https://127.0.0.1:8443"), "https://management.azure.com/.default");
  assert.equal(defaultArmScope("https://arm.contoso.internal"), "https://management.azure.com/.default");
});

test("Log Analytics scopes: each cloud's own audience, whatever the version path", () => {
  assert.equal(defaultLogsScope("https://api.loganalytics.io/v1"), "https://api.loganalytics.io/.default");
  assert.equal(defaultLogsScope("https://api.loganalytics.us/v1"), "https://api.loganalytics.us/.default");
  assert.equal(
    defaultLogsScope("https://api.loganalytics.azure.cn/v1"),
    "https://api.loganalytics.azure.cn/.default",
  );
  assert.equal(defaultLogsScope("https://127.0.0.1:8443/v1"), "https://api.loganalytics.io/.default");
});

function policyNames(pipeline: Pipeline): string[] {
  return pipeline.getOrderedPolicies().map((policy) => policy.name);
}

function assertGuardBeforeToken(pipeline: Pipeline): void {
  const names = policyNames(pipeline);
  const guard = names.indexOf("batchtopReadOnlyGuard");
  const token = names.indexOf(bearerTokenAuthenticationPolicyName);
  assert.ok(guard >= 0 && token >= 0, names.join(", "));
  assert.ok(guard < token, `a refused request must not fetch a token: ${names.join(", ")}`);
}

test("read-only clients refuse before signing; writable ones carry no guard; the demo CA is trusted", () => {
  const ca = "-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n";
  const arm = (readOnly: boolean) =>
    createArmClient({
      endpoint: "https://management.azure.com",
      subscriptionId: "s",
      credential,
      readOnly,
      transport: { ca },
    });
  const logs = (readOnly: boolean) =>
    createLogsClient({ endpoint: "https://api.loganalytics.io/v1", credential, readOnly, transport: { ca } });
  const identity = (readOnly: boolean) =>
    createIdentityClients({
      endpoint: "https://management.azure.com",
      subscriptionId: "s",
      credential,
      readOnly,
      transport: { ca },
    });
  assertGuardBeforeToken(arm(true).pipeline);
  assertGuardBeforeToken(logs(true).pipeline);
  assertGuardBeforeToken(identity(true).msi.pipeline);
  assertGuardBeforeToken(identity(true).authorization.pipeline);
  for (const pipeline of [
    arm(false).pipeline,
    logs(false).pipeline,
    identity(false).msi.pipeline,
    identity(false).authorization.pipeline,
  ]) {
    assert.ok(!policyNames(pipeline).includes("batchtopReadOnlyGuard"));
    assert.ok(policyNames(pipeline).includes("batchtopTrustedCa"));
  }
});

test("Synapse clients: one per workspace at its templated endpoint, Synapse's audience, the guard before signing", () => {
  const ca = "-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n";
  const workspace = (workspaceName: string) => ({ subscriptionId: "s", resourceGroup: "rg", workspaceName });
  const clientsFor = (readOnly: boolean) =>
    createSynapseClients({
      endpointTemplate: "https://127.0.0.1:4711/synapse/{workspace}/",
      credential,
      readOnly,
      transport: { ca },
    });
  const readOnly = clientsFor(true);
  const client = readOnly(workspace("syn-contoso-analytics"));
  // The SDK appends its paths to the endpoint's, so a path prefix (the demo account's) is kept.
  assert.equal(client.endpoint, "https://127.0.0.1:4711/synapse/syn-contoso-analytics");
  assert.equal(readOnly(workspace("SYN-contoso-analytics")), client, "workspace names are case-insensitive");
  assert.notEqual(readOnly(workspace("syn-other")), client);
  assertGuardBeforeToken(client.pipeline);
  const writable = clientsFor(false)(workspace("syn-contoso-analytics")).pipeline;
  assert.ok(!policyNames(writable).includes("batchtopReadOnlyGuard"));
  assert.ok(policyNames(writable).includes("batchtopTrustedCa"));

  assert.equal(
    synapseEndpoint("https://{workspace}.dev.azuresynapse.net", "syn-a"),
    "https://syn-a.dev.azuresynapse.net",
  );
  assert.equal(synapseScope, "https://dev.azuresynapse.net/.default");
  assert.throws(
    () =>
      createSynapseClients({ endpointTemplate: "http://{workspace}.example", credential, readOnly: true }),
    /^Error: the Synapse endpoint must be an https URL such as https:\/\/\{workspace\}\.dev\.azuresynapse\.net, got "http:\/\/\{workspace\}\.example"$/,
  );
});
