import type { SimRequest, SimResponse } from "../http/service.js";

// What ARM responses carry besides the body: JSON content type and ARM's correlation and request
// ids (the listener adds x-ms-request-id itself).

export function armJson(
  request: SimRequest,
  body: object,
  headers: Record<string, string> = {},
  status = 200,
): SimResponse {
  return {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-ms-correlation-request-id": request.requestId,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
