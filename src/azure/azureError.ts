/**
 * A failed Azure call in batchtop's terms: what the service said, in its own words, plus what the
 * poller needs to back off. Every adapter converts SDK errors into this before they leave src/azure.
 */
export class AzureRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    /** From Retry-After on 429/503, in milliseconds. */
    readonly retryAfterMs: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = "AzureRequestError";
  }
}

/**
 * No answer because the endpoint could not be reached at all: the connection was refused, the host
 * name did not resolve, the TLS handshake failed, or no route led there. Not the service being
 * busy: the message says what was tried, e.g. "unreachable: connection refused (ECONNREFUSED) at
 * https://127.0.0.1:8443", and the code is Node's own.
 */
export class EndpointUnreachableError extends AzureRequestError {
  constructor(message: string, code: string) {
    super(message, undefined, code, undefined, undefined);
    this.name = "EndpointUnreachableError";
  }
}

/** What a TLS verification code means to an operator. */
const tlsProblems: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: "certificate not trusted",
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificate not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificate not trusted",
  UNABLE_TO_GET_ISSUER_CERT: "certificate not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificate not trusted",
  CERT_UNTRUSTED: "certificate not trusted",
  CERT_SIGNATURE_FAILURE: "certificate not trusted",
  CERT_HAS_EXPIRED: "certificate expired",
  CERT_NOT_YET_VALID: "certificate not yet valid",
  CERT_REVOKED: "certificate revoked",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not name this host",
  EPROTO: "handshake failed",
};

/** Socket errors that mean nothing reached the service. ECONNRESET is not one: the service was reached. */
const socketProblems: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  EHOSTUNREACH: "no route to host",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
};

const dnsCodes = new Set(["ENOTFOUND", "EAI_AGAIN"]);

/**
 * The connection error code of a failed request. The SDKs disagree on where it is: core-client and
 * node-fetch set `code`; @azure/batch 10.2.0 sometimes wraps the failure as REQUEST_SEND_ERROR and
 * leaves Node's code only in the message ("reason: getaddrinfo ENOTFOUND host").
 */
function connectionCode(shape: SdkErrorShape): string | undefined {
  const known = (code: string) =>
    code in socketProblems || code in tlsProblems || dnsCodes.has(code) || code.startsWith("ERR_SSL_");
  if (typeof shape.code === "string" && known(shape.code)) return shape.code;
  if (typeof shape.message !== "string") return undefined;
  return shape.message.match(/\b[A-Z][A-Z0-9_]{4,}\b/g)?.find(known);
}

/** Where the request went; core-client keeps the request, node-fetch only says it in the message. */
function requestUrl(shape: SdkErrorShape): URL | undefined {
  const text =
    shape.request?.url ??
    (typeof shape.message === "string" ? /^request to (\S+) failed/.exec(shape.message)?.[1] : undefined);
  if (text === undefined) return undefined;
  try {
    return new URL(text);
  } catch {
    // Not a URL after all: the message names no endpoint.
    return undefined;
  }
}

/** A failure to reach the endpoint, described with what was tried; undefined for anything else. */
function unreachable(shape: SdkErrorShape): EndpointUnreachableError | undefined {
  if (shape.statusCode !== undefined) return undefined;
  const code = connectionCode(shape);
  if (code === undefined) return undefined;
  const url = requestUrl(shape);
  // The origin only: a storage URL's query can carry a SAS signature.
  const at = url ? ` at ${url.origin}` : "";
  if (dnsCodes.has(code)) {
    return new EndpointUnreachableError(
      `unreachable: DNS lookup failed for host ${url?.hostname ?? "(unknown)"} (${code})`,
      code,
    );
  }
  const socket = socketProblems[code];
  if (socket !== undefined)
    return new EndpointUnreachableError(`unreachable: ${socket} (${code})${at}`, code);
  const tls = tlsProblems[code] ?? "handshake failed";
  return new EndpointUnreachableError(`unreachable: TLS: ${tls} (${code})${at}`, code);
}

interface SdkErrorShape {
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  /** core-client and the Log Analytics client put the parsed error body here. */
  details?: unknown;
  response?: { headers?: { get(name: string): string | undefined | null }; bodyAsText?: string | null };
  request?: { requestId?: string; url?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Batch bodies carry `message: {lang, value}`, so @azure/batch 10.2.0 reports "[object Object]". */
function batchMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const { message } = body;
  if (isRecord(message) && "value" in message) return String(message.value);
  return typeof message === "string" ? message : undefined;
}

/**
 * The deepest message of an error and its nested `innererror`s. Log Analytics says only "The request
 * had some invalid properties" at the top and puts the useful words innermost ("Query could not be
 * parsed at ..."); ARM errors have no innererror and keep their own message.
 */
export function innermostMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (let level = error; isRecord(level); level = level.innererror) {
    if (typeof level.message === "string" && level.message !== "") message = level.message;
  }
  return message;
}

/** ARM and Log Analytics bodies: `{error: {code, message, innererror?}}`. */
function cloudErrorMessage(body: unknown): string | undefined {
  return isRecord(body) ? innermostMessage(body.error) : undefined;
}

function parsedBodyText(error: SdkErrorShape): unknown {
  const text = error.response?.bodyAsText;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the caller falls back to the SDK's own message.
    return undefined;
  }
}

/** The service's own words for a failed request, wherever the SDK that made it left them. */
function serviceMessage(error: SdkErrorShape): string | undefined {
  const text = parsedBodyText(error);
  const fromService =
    batchMessage(error.body) ??
    cloudErrorMessage(error.details) ??
    batchMessage(text) ??
    cloudErrorMessage(text);
  if (fromService !== undefined) return fromService;
  return typeof error.message === "string" && error.message !== "[object Object]" ? error.message : undefined;
}

export function parseRetryAfter(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function toAzureRequestError(error: unknown): AzureRequestError {
  if (error instanceof AzureRequestError) return error;
  if (typeof error !== "object" || error === null)
    return new AzureRequestError(String(error), undefined, undefined, undefined, undefined);
  const shape = error as SdkErrorShape;
  const connectionFailure = unreachable(shape);
  if (connectionFailure) return connectionFailure;
  // The service's first line is the useful one; Batch appends RequestId and Time lines.
  const message = (serviceMessage(shape) ?? "request failed").split("\n")[0] ?? "request failed";
  const statusCode = typeof shape.statusCode === "number" ? shape.statusCode : undefined;
  const code = typeof shape.code === "string" ? shape.code : undefined;
  const headers = shape.response?.headers;
  const retryAfter = parseRetryAfter(headers?.get("retry-after"));
  // Batch answers with request-id, ARM with x-ms-request-id; without either, the client's own id.
  const requestId =
    headers?.get("request-id") ?? headers?.get("x-ms-request-id") ?? shape.request?.requestId ?? undefined;
  return new AzureRequestError(message, statusCode, code, retryAfter, requestId ?? undefined);
}

/** One line for the operator: "HTTP 404 PoolNotFound: The specified pool does not exist." */
export function describeAzureError(error: AzureRequestError): string {
  // Its message already names the code and what was tried.
  if (error instanceof EndpointUnreachableError) return error.message;
  const prefix = [error.statusCode ? `HTTP ${error.statusCode}` : "", error.code ?? ""]
    .filter(Boolean)
    .join(" ");
  return prefix ? `${prefix}: ${error.message}` : error.message;
}
