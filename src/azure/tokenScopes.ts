/**
 * Token scopes for the management (ARM) and Log Analytics endpoints. The SDKs derive a scope from
 * the endpoint (`<endpoint>/.default`), which is right for the public and sovereign clouds' own
 * hosts but wrong behind a private link or a proxy: the service there still expects a token for the
 * cloud's audience, not for the host the request goes to. So a known cloud host gets its own
 * audience and any other host the public cloud's; the caller can still name a scope.
 */

const armAudiences = ["management.azure.com", "management.chinacloudapi.cn", "management.usgovcloudapi.net"];
const logsAudiences = ["api.loganalytics.io", "api.loganalytics.azure.cn", "api.loganalytics.us"];

function scopeFor(endpoint: string, knownHosts: readonly string[], fallbackHost: string): string {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    host = fallbackHost;
  }
  return `https://${knownHosts.includes(host) ? host : fallbackHost}/.default`;
}

/** `https://management.azure.com/.default` unless the endpoint is another cloud's ARM host. */
export function defaultArmScope(armEndpoint: string): string {
  return scopeFor(armEndpoint, armAudiences, "management.azure.com");
}

/** `https://api.loganalytics.io/.default` unless the endpoint is another cloud's Log Analytics host. */
export function defaultLogsScope(logsEndpoint: string): string {
  return scopeFor(logsEndpoint, logsAudiences, "api.loganalytics.io");
}
