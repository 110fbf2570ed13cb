import type { IncomingHttpHeaders } from "node:http";
import type { SimServiceError } from "./serviceError.js";

/** One request as a simulated service sees it: the body is already read. */
export interface SimRequest {
  method: string;
  /** Path without the query, percent-decoding left to the service (ids may contain encoded chars). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The base URL clients reached this server on, e.g. https://127.0.0.1:4711 (for `url`/`odata.nextLink`). */
  baseUrl: string;
  /** Per-request id echoed as `request-id` / `x-ms-request-id`. */
  requestId: string;
  /** Who the bearer token names (its `oid`), once the listener has checked it. */
  caller?: { principalId: string };
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer or string is sent as is; any other value is sent as JSON. HEAD requests send no body. */
  body?: Buffer | string | object;
}

/**
 * A simulated Azure service mounted on the shared HTTPS listener. The listener checks the bearer
 * token against `audience` before `handle` runs (answering with `renderAuthFailure` when it fails),
 * and renders thrown SimServiceErrors with `renderError`.
 */
export interface SimService {
  name: string;
  /** Token audience this service accepts, e.g. https://batch.core.windows.net/ */
  audience: string;
  /** Whether a request path belongs to this service. */
  owns(path: string): boolean;
  handle(request: SimRequest): Promise<SimResponse> | SimResponse;
  renderError(error: SimServiceError, request: SimRequest): SimResponse;
  /** The service's own answer to a missing or refused bearer token (status, body and challenge header). */
  renderAuthFailure(request: SimRequest, reason: string, tenantId: string): SimResponse;
}
