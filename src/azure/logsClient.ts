import type { TokenCredential } from "@azure/identity";
import { LogsQueryClient } from "@azure/monitor-query-logs";
import { installBatchtopPolicies } from "./pipelinePolicies.js";
import { defaultLogsScope } from "./tokenScopes.js";
import type { TransportOptions } from "./transport.js";

export interface LogsClientOptions {
  /** The query endpoint including its version, e.g. https://api.loganalytics.io/v1. */
  endpoint: string;
  credential: TokenCredential;
  transport?: TransportOptions;
  /** Installs the read-only guard; the query POST is on its allow-list. */
  readOnly: boolean;
  /** The token scope; by default the cloud's Log Analytics audience (see tokenScopes.ts). */
  scope?: string;
}

/**
 * The Log Analytics query client. @azure/monitor-query-logs 1.0.0 uses `endpoint` exactly as given
 * and ignores its `audience` option, so the scope is set through `credentials.scopes`. Its retries
 * are off for the same reason as ARM's: the throttle owns them.
 */
export function createLogsClient(options: LogsClientOptions): LogsQueryClient {
  const client = new LogsQueryClient(options.credential, {
    endpoint: options.endpoint,
    credentials: { scopes: [options.scope ?? defaultLogsScope(options.endpoint)] },
    retryOptions: { maxRetries: 0 },
  });
  installBatchtopPolicies(client.pipeline, options.transport ?? {}, options.readOnly);
  return client;
}
