import { BatchServiceClient } from "@azure/batch";
import {
  AzureIdentityCredentialAdapter,
  type HttpOperationResponse,
  type WebResourceLike,
} from "@azure/ms-rest-js";
import type { TokenCredential } from "@azure/identity";
import { readOnlyRequestPolicyFactory } from "./readOnlyGuard.js";
import { httpsAgent, type TransportOptions } from "./transport.js";

/** Batch data-plane tokens need this scope; the adapter's default would ask for an ARM token. */
export const batchScope = "https://batch.core.windows.net//.default";

export interface BatchClientOptions {
  /** Installs the read-only guard in front of every other policy, so a refused request gets no token. */
  readOnly?: boolean;
}

/**
 * The legacy @azure/batch client with its own retry switched off: it throws on the first 429 and
 * waits ~30 s before retrying a 5xx, so batchtop's throttle owns retries and Retry-After instead.
 */
export function createBatchClient(
  endpoint: string,
  credential: TokenCredential,
  transport: TransportOptions = {},
  options: BatchClientOptions = {},
): BatchServiceClient {
  const agent = httpsAgent(transport);
  return new BatchServiceClient(new AzureIdentityCredentialAdapter(credential, batchScope), endpoint, {
    noRetryPolicy: true,
    ...(agent ? { agentSettings: { https: agent, http: agent } } : {}),
    ...(options.readOnly
      ? {
          requestPolicyFactories: (defaults) => [
            readOnlyRequestPolicyFactory<WebResourceLike, HttpOperationResponse>(),
            ...defaults,
          ],
        }
      : {}),
  });
}
