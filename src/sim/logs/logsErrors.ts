/**
 * Log Analytics' error bodies: `{"error": {"message", "code", "correlationId", "innererror"}}`.
 * A rejected query is 400 BadArgumentError with a nested innererror, as recorded from the live
 * service in the Azure SDK for JS tests (recording_querylogs_bad_query,
 * recording_queryresource_bad_query_with_invalid_table):
 *   SyntaxError   "A recognition error occurred in the query." → {code: "SYN0002", message:
 *                 "Query could not be parsed at 'invalid' on line [1,11]", line, pos, token}
 *   SemanticError "A semantic error occurred."                 → {code: "SEM0100", message:
 *                 "'summarize' operator: Failed to resolve table or column expression named 'resource'"}
 * The innermost code here is the Kusto.Language diagnostic code (KS142, ...) or NotSupported, since
 * the simulator's parser is not the service's engine.
 */
import type { SimRequest, SimResponse } from "../http/service.js";
import { SimServiceError } from "../http/serviceError.js";
import type { KqlError } from "./kql/kqlError.js";

export interface InnerError {
  code: string;
  message: string;
  line?: number;
  pos?: number;
  token?: string;
  innererror?: InnerError;
}

/** A SimServiceError that also carries Log Analytics' nested `innererror`. */
export class LogsApiError extends SimServiceError {
  constructor(
    statusCode: number,
    code: string,
    message: string,
    readonly innererror?: InnerError,
  ) {
    super(statusCode, code, message);
    this.name = "LogsApiError";
  }
}

const INVALID_PROPERTIES = "The request had some invalid properties";

export function badArgument(innererror: InnerError): LogsApiError {
  return new LogsApiError(400, "BadArgumentError", INVALID_PROPERTIES, innererror);
}

export function queryRejected(error: KqlError): LogsApiError {
  const detail: InnerError = { code: error.code, message: error.message };
  if (error.kind === "syntax" && error.location) {
    return badArgument({
      code: "SyntaxError",
      message: "A recognition error occurred in the query.",
      innererror: { ...detail, ...error.location },
    });
  }
  return badArgument({ code: "SemanticError", message: "A semantic error occurred.", innererror: detail });
}

export function renderLogsError(error: SimServiceError, request: SimRequest): SimResponse {
  return {
    status: error.statusCode,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: {
      error: {
        message: error.message,
        code: error.code,
        correlationId: request.requestId,
        ...(error instanceof LogsApiError && error.innererror ? { innererror: error.innererror } : {}),
      },
    },
  };
}

/**
 * Answers to a missing or refused bearer token, in the shapes the Log Analytics API error reference
 * documents (learn.microsoft.com/azure/azure-monitor/logs/api/errors): 401 AuthenticationFailed when there is no Authorization header (with the challenge
 * naming the tenant to sign in to), 403 InvalidAuthenticationToken for a token it will not accept.
 */
export function renderLogsAuthFailure(request: SimRequest, reason: string, tenantId: string): SimResponse {
  const json = { "content-type": "application/json; charset=utf-8" };
  if (request.headers.authorization === undefined) {
    return {
      status: 401,
      headers: {
        ...json,
        "www-authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/${tenantId}/oauth2/authorize"`,
      },
      body: {
        error: {
          code: "AuthenticationFailed",
          message: "Authentication failed. The 'Authorization' header is missing.",
        },
      },
    };
  }
  return {
    status: 403,
    headers: json,
    body: {
      error: { code: "InvalidAuthenticationToken", message: `The access token is invalid. ${reason}` },
    },
  };
}
