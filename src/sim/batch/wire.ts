import type { SimRequest, SimResponse } from "../http/service.js";
import { instantKey } from "./odata/instant.js";

// What every Batch data-plane response carries, as recorded from the live service (azure-sdk-for-python
// recordings): `request-id`, `DataServiceVersion: 3.0`, OData minimal-metadata JSON. Header names are
// lower-case because the listener merges them with its own lower-case headers.

const jsonContentType = "application/json;odata=minimalmetadata";

/** The first value of a request header; Node gives repeated headers as arrays. */
export function headerValue(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function standardHeaders(request: SimRequest): Record<string, string> {
  const headers: Record<string, string> = { "request-id": request.requestId, dataserviceversion: "3.0" };
  const clientRequestId = headerValue(request, "client-request-id");
  if (
    clientRequestId !== undefined &&
    headerValue(request, "return-client-request-id")?.toLowerCase() === "true"
  ) {
    headers["client-request-id"] = clientRequestId;
  }
  return headers;
}

/** Serialises once, here, so the entities in `body` are read but never copied or changed. */
export function jsonResponse(
  request: SimRequest,
  body: object,
  headers: Record<string, string> = {},
  status = 200,
): SimResponse {
  return {
    status,
    headers: { ...standardHeaders(request), "content-type": jsonContentType, ...headers },
    body: JSON.stringify(body),
  };
}

export function emptyResponse(
  request: SimRequest,
  status: number,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, headers: { ...standardHeaders(request), ...headers } };
}

export function metadataUrl(request: SimRequest, fragment: string): string {
  return `${request.baseUrl}/$metadata#${fragment}`;
}

/** RFC 1123, the format the spec gives Last-Modified and ocp-creation-time. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

export function entityHeaders(entity: { eTag: string; lastModified: string }): Record<string, string> {
  return { etag: entity.eTag, "last-modified": httpDate(entity.lastModified) };
}

/** .NET DateTime ticks of 0001-01-01 to the Unix epoch, in milliseconds. */
const epochOffsetMs = 62_135_596_800_000n;

/**
 * An ETag in the service's form for something last modified at `time`: the .NET DateTime ticks in hex.
 * The official JobGet example's eTag 0x8D4100FC49F0278 is exactly its lastModified read this way.
 */
export function etagFor(time: string): string {
  const key = instantKey(time) ?? instantKey(new Date(0).toISOString())!;
  const ms = BigInt(Date.parse(`${key.slice(0, 23)}Z`));
  const ticks = (ms + epochOffsetMs) * 10_000n + BigInt(key.slice(23));
  return `0x${ticks.toString(16).toUpperCase()}`;
}
