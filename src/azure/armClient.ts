import { BatchManagementClient } from "@azure/arm-batch";
import type { TokenCredential } from "@azure/identity";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import { defaultArmScope } from "./tokenScopes.js";
import type { TransportOptions } from "./transport.js";

export interface ArmClientOptions {
  /** The management endpoint, e.g. https://management.azure.com. */
  endpoint: string;
  subscriptionId: string;
  credential: TokenCredential;
  transport?: TransportOptions;
  /** Installs the read-only guard: the second line of defence behind not building the writer. */
  readOnly: boolean;
  /** The token scope; by default the cloud's ARM audience (see tokenScopes.ts). */
  scope?: string;
}

/**
 * The ARM client for Batch accounts and pools. Its own retries are off: batchtop's throttle decides
 * when to try again and honours Retry-After across every request to the endpoint.
 */
export function createArmClient(options: ArmClientOptions): BatchManagementClient {
  const client = new BatchManagementClient(options.credential, options.subscriptionId, {
    endpoint: options.endpoint,
    // Without it the SDK would ask for a token for `<endpoint>/.default`, wrong behind a private link.
    credentialScopes: [options.scope ?? defaultArmScope(options.endpoint)],
    retryOptions: { maxRetries: 0 },
  });
  installBatchtopPolicies(client.pipeline, options.transport ?? {}, options.readOnly);
  return client;
}
