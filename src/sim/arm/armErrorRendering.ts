/**
 * Azure Resource Manager's error shape, `{"error": {"code", "message", "target"?}}` (the Swagger's
 * CloudError). ARM's and the resource provider's own errors keep their words; the Batch service's
 * refusals are relayed with the request id and time appended and `BatchAccount` as target.
 */
import { randomUUID } from "node:crypto";
import type { SimRequest, SimResponse } from "../http/service.js";
import type { SimServiceError } from "../http/serviceError.js";
import { ArmError } from "./armErrors.js";

/** The service stamps times with seven fractional digits (.NET ticks); ISO strings have three. */
function serviceTime(now: Date): string {
  return now.toISOString().replace("Z", "0000Z");
}

const json = { "content-type": "application/json; charset=utf-8" };

export function renderArmError(error: SimServiceError, request: SimRequest): SimResponse {
  const body =
    error instanceof ArmError
      ? {
          code: error.code,
          message: error.message,
          ...(error.target !== undefined ? { target: error.target } : {}),
        }
      : {
          code: error.code,
          message: `${error.message}\nRequestId:${randomUUID()}\nTime:${serviceTime(new Date())}`,
          target: "BatchAccount",
        };
  return {
    status: error.statusCode,
    headers: { ...json, "x-ms-correlation-request-id": request.requestId },
    body: { error: body },
  };
}

const allowedAudiences =
  "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'";

/** The `aud` claim of a bearer token, read without checking it (for the error message only). */
function tokenAudience(request: SimRequest): string | undefined {
  const payload = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(String(request.headers.authorization ?? ""))?.[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const aud = (claims as { aud?: unknown }).aud;
    return typeof aud === "string" ? aud : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ARM's 401s: AuthenticationFailed without an Authorization header, InvalidAuthenticationTokenAudience
 * for a token minted for another service, ExpiredAuthenticationToken and InvalidAuthenticationToken
 * otherwise, each with ARM's `WWW-Authenticate` challenge (which names the common authority, not a
 * tenant).
 */
export function renderArmAuthFailure(request: SimRequest, reason: string): SimResponse {
  let code = "InvalidAuthenticationToken";
  let message = "The access token is invalid.";
  if (request.headers.authorization === undefined) {
    code = "AuthenticationFailed";
    message = "Authentication failed. The 'Authorization' header is missing.";
  } else if (reason.includes("audience")) {
    code = "InvalidAuthenticationTokenAudience";
    message = `The access token has been obtained for wrong audience or resource '${tokenAudience(request) ?? ""}'. It should exactly match with one of the allowed audiences ${allowedAudiences}.`;
  } else if (reason.includes("expiry")) {
    code = "ExpiredAuthenticationToken";
    message = "The access token expiry UTC time is earlier than current UTC time.";
  }
  const description =
    request.headers.authorization === undefined
      ? "The authentication failed because of missing 'Authorization' header."
      : message;
  return {
    status: 401,
    headers: {
      ...json,
      "www-authenticate": `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description.replace(/["\\\r\n]/g, " ")}"`,
    },
    body: { error: { code, message } },
  };
}
