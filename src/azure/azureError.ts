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
  response?: { headers?: { get(name: string): string | undefined | null }; bodyAsText?: string | null };
  request?: { requestId?: string };
}

/** Batch bodies carry `message: {lang, value}`, so @azure/batch 10.2.0 reports "[object Object]". */
function serviceMessage(error: SdkErrorShape): string | undefined {
  const body = error.body as { message?: unknown } | undefined;
  const fromBody = body?.message;
  if (typeof fromBody === "object" && fromBody !== null && "value" in fromBody)
    return String((fromBody as { value: unknown }).value);
  if (typeof fromBody === "string") return fromBody;
  const text = error.response?.bodyAsText;
  if (text) {
    try {
      const parsed = JSON.parse(text) as {
        message?: { value?: string } | string;
        error?: { message?: string };
      };
      if (typeof parsed.message === "object" && parsed.message?.value) return parsed.message.value;
      if (typeof parsed.message === "string") return parsed.message;
      if (parsed.error?.message) return parsed.error.message;
    } catch {
      // Not JSON: fall back to the SDK's own message.
    }
  }
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
  const retryAfter = parseRetryAfter(shape.response?.headers?.get("retry-after"));
  const requestId = shape.response?.headers?.get("request-id") ?? shape.request?.requestId ?? undefined;
  return new AzureRequestError(message, statusCode, code, retryAfter, requestId ?? undefined);
}

/** One line for the operator: "HTTP 404 PoolNotFound: The specified pool does not exist." */
export function describeAzureError(error: AzureRequestError): string {
  const prefix = [error.statusCode ? `HTTP ${error.statusCode}` : "", error.code ?? ""]
    .filter(Boolean)
    .join(" ");
  return prefix ? `${prefix}: ${error.message}` : error.message;
}
