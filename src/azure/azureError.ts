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

interface SdkErrorShape {
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  body?: unknown;
  /** core-client and the Log Analytics client put the parsed error body here. */
  details?: unknown;
  response?: { headers?: { get(name: string): string | undefined | null }; bodyAsText?: string | null };
  request?: { requestId?: string };
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
  const prefix = [error.statusCode ? `HTTP ${error.statusCode}` : "", error.code ?? ""]
    .filter(Boolean)
    .join(" ");
  return prefix ? `${prefix}: ${error.message}` : error.message;
}
