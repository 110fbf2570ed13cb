import { BatchManagementClient } from "@azure/arm-batch";
import type { BatchServiceClient } from "@azure/batch";
import { ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import { createBatchClient } from "../../src/azure/batchClient.js";
import { trustPolicy } from "../../src/azure/transport.js";
import type { Simulator } from "../../src/sim/simulator.js";

// Real SDK clients for a running demo account, signed in through its managed identity endpoint and
// trusting its CA only, as batchtop's own clients do.

export interface DemoClients {
  credential: TokenCredential;
  arm: BatchManagementClient;
  batch: BatchServiceClient;
  resourceGroup: string;
  accountName: string;
}

export interface ArmClientOptions {
  /** The api-version to send instead of the SDK's own 2023-11-01. */
  apiVersion?: string;
  /** The token scope to ask for; ARM's unless a test wants a token for another audience. */
  scope?: string;
}

export function createArmClient(
  sim: Simulator,
  credential: TokenCredential,
  options: ArmClientOptions = {},
): BatchManagementClient {
  const policy = trustPolicy({ ca: sim.certificates.caPem });
  return new BatchManagementClient(credential, sim.env.AZURE_SUBSCRIPTION_ID, {
    endpoint: sim.env.BATCHTOP_ARM_ENDPOINT,
    // With a custom endpoint the SDK's default scope would be `<endpoint>/.default`.
    credentialScopes: [options.scope ?? "https://management.azure.com/.default"],
    ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
    ...(policy ? { additionalPolicies: [{ policy, position: "perCall" as const }] } : {}),
  });
}

export function demoClients(sim: Simulator): DemoClients {
  // ManagedIdentityCredential reads the App Service variables when it is constructed.
  process.env.IDENTITY_ENDPOINT = sim.env.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = sim.env.IDENTITY_HEADER;
  const credential = new ManagedIdentityCredential();
  return {
    credential,
    arm: createArmClient(sim, credential),
    batch: createBatchClient(sim.env.AZURE_BATCH_ENDPOINT, credential, { ca: sim.certificates.caPem }),
    resourceGroup: sim.env.AZURE_RESOURCE_GROUP,
    accountName: sim.env.AZURE_BATCH_ACCOUNT,
  };
}

/** The ARM resource id of one of the demo account's user-assigned identities. */
export function identityResourceId(sim: Simulator, name: string): string {
  return `/subscriptions/${sim.env.AZURE_SUBSCRIPTION_ID}/resourceGroups/${sim.env.AZURE_RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}
