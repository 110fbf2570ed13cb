import type { PipelinePolicy } from "@azure/core-rest-pipeline";
import { AzureRequestError } from "./azureError.js";

/**
 * POSTs that only read, each named:
 * - the Log Analytics query (`POST {endpoint}/workspaces/{id}/query`, the endpoint usually ending in
 *   /v1). The query client's `$batch` is not here: batchtop does not use it.
 * - Data Factory's run queries (api-version 2018-06-01), which are POSTs because the filter travels
 *   in the body: `factories/{f}/queryPipelineRuns` (PipelineRuns_QueryByFactory) and
 *   `factories/{f}/pipelineruns/{runId}/queryActivityruns` (ActivityRuns_QueryByPipelineRun). ARM
 *   paths are case-insensitive, so these are too. `pipelines/{p}/createRun` and
 *   `pipelineruns/{runId}/cancel` are POSTs that act, and stay refused.
 * - Synapse's run queries (data plane, api-version 2020-12-01) on a workspace's endpoint, whose path
 *   may carry a prefix (a proxy's, the demo account's `/synapse/{workspace}`) but never an ARM
 *   `/providers/` segment (an ARM path of that name is some other provider's action):
 *   `{endpoint}/queryPipelineRuns` (PipelineRun_QueryPipelineRunsByWorkspace) and
 *   `{endpoint}/pipelines/{p}/pipelineruns/{runId}/queryActivityruns` (PipelineRun_QueryActivityRuns).
 *   Synapse's `pipelines/{p}/createRun` and `pipelineruns/{runId}/cancel` stay refused too.
 * - Batch's Pool_EvaluateAutoScale (`POST {account}/pools/{id}/evaluateautoscale`): it returns what
 *   a formula would do and changes nothing (the service says so). Its neighbours
 *   `enableautoscale` and `disableautoscale` act, and stay refused. Batch paths start at the
 *   account's root, so the pattern is anchored there.
 */
const readOnlyPosts: readonly RegExp[] = [
  /^\/pools\/[^/]+\/evaluateautoscale$/,
  /\/workspaces\/[^/]+\/query$/,
  /\/providers\/Microsoft\.DataFactory\/factories\/[^/]+\/queryPipelineRuns$/i,
  /\/providers\/Microsoft\.DataFactory\/factories\/[^/]+\/pipelineruns\/[^/]+\/queryActivityruns$/i,
  /^(?!.*\/providers\/)(?:\/[^/]+)*\/queryPipelineRuns$/i,
  /^(?!.*\/providers\/)(?:\/[^/]+)*\/pipelines\/[^/]+\/pipelineruns\/[^/]+\/queryActivityruns$/i,
];

export type GuardDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * The path (what the allow-list matches) and the URL without its query (what a refusal names: the
 * query can carry a SAS signature, and always carries api-version noise).
 */
function splitUrl(url: string): { path: string; withoutQuery: string } {
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname, withoutQuery: `${parsed.origin}${parsed.pathname}` };
  } catch {
    const withoutQuery = url.split("?")[0] ?? url;
    return { path: withoutQuery, withoutQuery };
  }
}

/** What read-only mode lets through: GET, HEAD and the allow-listed read-only POSTs. */
export function readOnlyDecision(method: string, url: string): GuardDecision {
  const verb = method.toUpperCase();
  if (verb === "GET" || verb === "HEAD") return { allowed: true };
  const { path, withoutQuery } = splitUrl(url);
  if (verb === "POST" && readOnlyPosts.some((pattern) => pattern.test(path))) return { allowed: true };
  return { allowed: false, reason: `read-only mode: refused ${verb} ${withoutQuery}` };
}

/** A request the read-only guard stopped inside this process; it never reached the network. */
export class ReadOnlyRefusalError extends AzureRequestError {
  constructor(message: string) {
    super(message, undefined, "ReadOnlyMode", undefined, undefined);
    this.name = "ReadOnlyRefusalError";
  }
}

function refuseUnlessReadOnly(method: string, url: string): void {
  const decision = readOnlyDecision(method, url);
  if (!decision.allowed) throw new ReadOnlyRefusalError(decision.reason);
}

/** For core-rest-pipeline clients (ARM, Log Analytics): add with `position: "perCall"`. */
export function readOnlyPipelinePolicy(): PipelinePolicy {
  return {
    name: "batchtopReadOnlyGuard",
    sendRequest: async (request, next) => {
      refuseUnlessReadOnly(request.method, request.url);
      return next(request);
    },
  };
}

interface RequestLike {
  method: string;
  url: string;
}

interface PolicyLike<Request, Response> {
  sendRequest(request: Request): Promise<Response>;
}

/**
 * For the request-policy-factory pipelines: @azure/ms-rest-js (the Batch client) and
 * @azure/storage-blob's `Pipeline`. Both chain `{create(next) → {sendRequest}}` objects with the
 * same shape but their own types, hence the type parameters.
 */
export function readOnlyRequestPolicyFactory<Request extends RequestLike, Response>(): {
  create(next: PolicyLike<Request, Response>): PolicyLike<Request, Response>;
} {
  return {
    create: (next) => ({
      sendRequest: async (request) => {
        refuseUnlessReadOnly(request.method, request.url);
        return next.sendRequest(request);
      },
    }),
  };
}
