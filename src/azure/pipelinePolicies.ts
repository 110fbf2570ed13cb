import { bearerTokenAuthenticationPolicyName, type Pipeline } from "@azure/core-rest-pipeline";
import { readOnlyPipelinePolicy } from "./readOnlyGuard.js";
import { trustPolicy, type TransportOptions } from "./transport.js";

/**
 * Adds batchtop's policies to a core-pipeline client (ARM, Log Analytics) once it is built. The
 * read-only guard is placed before the token policy explicitly: the clients add that policy at
 * different moments (@azure/arm-batch replaces it after construction, the Log Analytics client adds
 * `additionalPolicies` after it), and a refused request should not even fetch a token.
 */
export function installBatchtopPolicies(
  pipeline: Pipeline,
  transport: TransportOptions,
  readOnly: boolean,
): void {
  if (readOnly) {
    pipeline.addPolicy(readOnlyPipelinePolicy(), { beforePolicies: [bearerTokenAuthenticationPolicyName] });
  }
  const trust = trustPolicy(transport);
  if (trust) pipeline.addPolicy(trust);
}
