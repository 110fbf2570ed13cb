import { BatchServiceClient } from "@azure/batch";
import { AzureIdentityCredentialAdapter } from "@azure/ms-rest-js";
import type { TokenCredential } from "@azure/identity";
import { httpsAgent, type TransportOptions } from "./transport.js";

/** Batch data-plane tokens need this scope; the adapter's default would ask for an ARM token. */
export const batchScope = "https://batch.core.windows.net//.default";

/**
 * The legacy @azure/batch client with its own retry switched off: it throws on the first 429 and
 * waits ~30 s before retrying a 5xx, so batchtop's poller owns retries and Retry-After instead.
 */
export function createBatchClient(
  endpoint: string,
  credential: TokenCredential,
  transport: TransportOptions = {},
): BatchServiceClient {
  const agent = httpsAgent(transport);
  return new BatchServiceClient(new AzureIdentityCredentialAdapter(credential, batchScope), endpoint, {
    noRetryPolicy: true,
    ...(agent ? { agentSettings: { https: agent, http: agent } } : {}),
  });
}
