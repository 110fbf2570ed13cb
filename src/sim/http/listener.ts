import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { LoopbackCertificates } from "../tls/certificates.js";
import type { TokenIssuer } from "../identity/tokens.js";
import type { FaultInjector } from "./faults.js";
import type { RequestLog } from "./requestLog.js";
import type { SimRequest, SimResponse, SimService } from "./service.js";
import { SimServiceError } from "./serviceError.js";

export interface ListenerOptions {
  port: number;
  certificates: LoopbackCertificates;
  issuer: TokenIssuer;
  /** The services to serve; they can also be mounted later, once the listener's URL is known. */
  services?: SimService[];
  faults: FaultInjector;
  requestLog: RequestLog;
}

export interface Listener {
  baseUrl: string;
  port: number;
  /** Replaces the services served. Entities carry absolute URLs, so a world is built after listening. */
  mount(services: SimService[]): void;
  close(): Promise<void>;
}

/** Azure's services refuse bodies far smaller than this; the cap keeps a bad client from filling memory. */
const maxBodyBytes = 4 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function encode(response: SimResponse): { bytes: Buffer; contentType?: string } {
  const { body } = response;
  if (body === undefined) return { bytes: Buffer.alloc(0) };
  if (Buffer.isBuffer(body)) return { bytes: body };
  if (typeof body === "string") return { bytes: Buffer.from(body, "utf8") };
  return { bytes: Buffer.from(JSON.stringify(body), "utf8"), contentType: "application/json; charset=utf-8" };
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The demo account's single HTTPS listener. For every request it reads the body, lets the fault
 * injector have its say, checks the bearer token's signature, lifetime and audience for the service
 * that owns the path, dispatches, and records the outcome in the request log.
 */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const { certificates, issuer, faults, requestLog } = options;
  let services = options.services ?? [];
  const sockets = new Set<Socket>();
  let baseUrl = "";

  async function answer(
    service: SimService,
    simRequest: SimRequest,
    rawRequest: IncomingMessage,
  ): Promise<SimResponse & { fault?: string }> {
    const latency = faults.latencyMs();
    if (latency > 0) await sleep(latency);
    const fault = faults.next(service.name);
    if (fault?.kind === "reset") return { status: 0, fault: "reset" };
    if (fault) {
      const throttled = fault.kind === "throttle";
      const error = throttled
        ? new SimServiceError(
            429,
            "TooManyRequests",
            "The request was throttled: too many requests. Retry after the interval in Retry-After.",
          )
        : new SimServiceError(
            503,
            "ServerBusy",
            "The server is currently unable to receive requests. Please retry your request.",
          );
      const rendered = service.renderError(error, simRequest);
      return {
        ...rendered,
        headers: { ...rendered.headers, "retry-after": String(fault.retryAfterSeconds) },
        fault: fault.kind,
      };
    }

    const token = bearerToken(rawRequest);
    const check =
      token === undefined
        ? { ok: false as const, reason: "The request has no bearer token." }
        : issuer.check(token, service.audience);
    if (!check.ok) return service.renderAuthFailure(simRequest, check.reason, issuer.tenantId);

    try {
      return await service.handle({ ...simRequest, caller: { principalId: check.claims.oid } });
    } catch (error) {
      if (error instanceof SimServiceError) return service.renderError(error, simRequest);
      // A bug in the simulator must not crash it or leak a stack trace to the client: answer like
      // Azure's own internal errors do and keep the details on our side.
      process.stderr.write(
        `batchtop sim: internal error on ${simRequest.method} ${simRequest.path}: ${String(error)}\n`,
      );
      return service.renderError(
        new SimServiceError(
          500,
          "InternalServerError",
          "Server encountered an internal error. Please try again after some time.",
        ),
        simRequest,
      );
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    // Appended, not resolved: a path starting with `//` (an SDK joining `/{scope}` with a scope that
    // starts with a slash) is a path, not a host, and ARM serves it as one.
    const url = new URL(`https://127.0.0.1${request.url ?? "/"}`);
    const method = (request.method ?? "GET").toUpperCase();
    const service = services.find((candidate) => candidate.owns(url.pathname)) ?? services[0];
    if (!service) {
      // Only between listen() and mount(): nothing is exported to clients before that.
      response.writeHead(503, { "retry-after": "1" }).end();
      return;
    }
    const requestId = randomUUID();
    let body: Buffer;
    let result: SimResponse & { fault?: string };
    const simRequest: SimRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: Buffer.alloc(0),
      baseUrl,
      requestId,
    };
    try {
      body = await readBody(request);
      result = await answer(service, { ...simRequest, body }, request);
    } catch (error) {
      body = Buffer.alloc(0);
      const tooLarge = error instanceof BodyTooLarge;
      result = service.renderError(
        tooLarge
          ? new SimServiceError(
              413,
              "RequestBodyTooLarge",
              `The request body is too large and exceeds the maximum permissible limit of ${maxBodyBytes} bytes.`,
            )
          : new SimServiceError(400, "InvalidRequestBody", "The request body could not be read."),
        simRequest,
      );
    }

    const { bytes, contentType } = encode(result);
    if (result.fault === "reset") {
      request.socket.destroy();
    } else {
      const headers: Record<string, string> = {
        "request-id": requestId,
        "x-ms-request-id": requestId,
        date: new Date().toUTCString(),
        ...(contentType ? { "content-type": contentType } : {}),
        ...result.headers,
      };
      if (headers["content-length"] === undefined) headers["content-length"] = String(bytes.length);
      response.writeHead(result.status, headers);
      response.end(method === "HEAD" ? undefined : bytes);
    }

    requestLog.record({
      time: new Date(),
      service: service.name,
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      status: result.status,
      requestBytes: body.length,
      responseBytes: result.fault === "reset" || method === "HEAD" ? 0 : bytes.length,
      durationMs: performance.now() - started,
      ...(result.fault ? { fault: result.fault } : {}),
    });
  }

  const server: Server = createServer(
    { cert: certificates.certPem, key: certificates.keyPem },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        process.stderr.write(`batchtop sim: ${String(error)}\n`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    },
  );
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", () => {
    // A client that does not trust the demo CA hangs up mid-handshake; nothing to answer.
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `https://127.0.0.1:${port}`;
  return {
    baseUrl,
    port,
    mount: (next) => {
      services = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
