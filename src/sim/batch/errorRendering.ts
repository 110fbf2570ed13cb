import type { SimRequest, SimResponse } from "../http/service.js";
import type { SimServiceError } from "../http/serviceError.js";
import { authenticationFailed, missingAuthorizationHeader } from "./batchErrors.js";
import { headerValue, jsonResponse, metadataUrl } from "./wire.js";

/** The service stamps times with seven fractional digits (.NET ticks); ISO strings have three. */
function serviceTime(now: Date): string {
  return now.toISOString().replace("Z", "0000Z");
}

/**
 * Batch's error shape: an OData error element whose `message` is an object and whose text ends with the
 * request id and time, exactly as the live service words it. `values` is left out when empty, as the
 * service does.
 */
export function renderBatchError(error: SimServiceError, request: SimRequest): SimResponse {
  const body = {
    "odata.metadata": metadataUrl(
      request,
      "Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
    ),
    code: error.code,
    message: {
      lang: "en-US",
      value: `${error.message}\nRequestId:${request.requestId}\nTime:${serviceTime(new Date())}`,
    },
    ...(error.values.length > 0 ? { values: error.values } : {}),
  };
  return jsonResponse(request, body, {}, error.statusCode);
}

/**
 * What Batch answers when the bearer token is refused. A request with no Authorization header at all is
 * a 400 MissingRequiredHeader on the live service (recorded in azure-sdk-for-python's Batch tests), not
 * a 401. The WWW-Authenticate challenge follows the Entra ID resource convention ARM uses; the Batch
 * service's own challenge text could not be confirmed from public material.
 */
export function renderBatchAuthError(request: SimRequest, detail: string, tenantId = "common"): SimResponse {
  if (headerValue(request, "authorization") === undefined)
    return renderBatchError(missingAuthorizationHeader(), request);
  const rendered = renderBatchError(authenticationFailed(detail), request);
  const description = detail.replace(/["\\\r\n]/g, " ");
  return {
    ...rendered,
    headers: {
      ...rendered.headers,
      "www-authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}/oauth2/authorize", error="invalid_token", error_description="${description}"`,
    },
  };
}
