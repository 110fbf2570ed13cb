import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { SimRequest, SimResponse, SimService } from "../../src/sim/http/service.js";

// A test-only plain-HTTP stand-in for the simulator's HTTPS listener: it reads the request, checks a
// fixed bearer token, and hands the request to one SimService. The legacy ms-rest-js client behind
// @azure/batch 10.2.0 sends bearer tokens over http, so SDK tests can run without TLS.

export const fixedToken = "batchtop-test-token";

export interface ServedService {
  baseUrl: string;
  /** Every request the service saw, for asserting on what the SDK sent. */
  requests: SimRequest[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** How to answer a request without the fixed token; the default is a bare 401. */
  unauthenticated?: (request: SimRequest, detail: string) => SimResponse;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function encode(body: SimResponse["body"]): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
}

export async function serveService(service: SimService, options: ServeOptions = {}): Promise<ServedService> {
  const requests: SimRequest[] = [];
  let baseUrl = "";
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const request: SimRequest = {
        method: (incoming.method ?? "GET").toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: await readBody(incoming),
        baseUrl,
        requestId: randomUUID(),
      };
      requests.push(request);
      const response =
        incoming.headers.authorization === `Bearer ${fixedToken}`
          ? await service.handle(request)
          : (options.unauthenticated?.(request, "The access token is not valid for this test server.") ?? {
              status: 401,
            });
      const bytes = encode(response.body);
      outgoing.writeHead(response.status, { "content-length": String(bytes.length), ...response.headers });
      outgoing.end(request.method === "HEAD" ? undefined : bytes);
    })().catch((error: unknown) => {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
