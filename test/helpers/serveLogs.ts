import { randomUUID, webcrypto } from "node:crypto";
import { createServer, type ServerOptions } from "node:https";
import { Agent } from "node:https";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import * as x509 from "@peculiar/x509";
import { LogsQueryClient, type LogsQueryClientOptions } from "@azure/monitor-query-logs";
import type { SimRequest, SimResponse, SimService } from "../../src/sim/http/service.js";
import { SimServiceError } from "../../src/sim/http/serviceError.js";

// A test-only HTTPS stand-in for the simulator's listener, serving one SimService on 127.0.0.1 with a
// throwaway self-signed certificate, so the real LogsQueryClient (which refuses bearer tokens over
// plain http) can be pointed at it. The client trusts that certificate through its own https.Agent:
// TLS verification stays on and nothing process-wide changes.

const token = "batchtop-logs-test-token";

export interface ServedLogs {
  client: LogsQueryClient;
  baseUrl: string;
  requests: SimRequest[];
  close(): Promise<void>;
}

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

function pem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

async function selfSignedCertificate(): Promise<{ cert: string; key: string }> {
  x509.cryptoProvider.set(webcrypto);
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=127.0.0.1",
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.SubjectAlternativeNameExtension([{ type: "ip", value: "127.0.0.1" }]),
    ],
  });
  return {
    cert: certificate.toString("pem"),
    key: pem(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY"),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function answer(service: SimService, request: SimRequest): Promise<SimResponse> {
  if (request.headers.authorization !== `Bearer ${token}`) {
    return service.renderAuthFailure(request, "The token is not this test server's.", "test-tenant");
  }
  try {
    return await service.handle(request);
  } catch (error) {
    if (error instanceof SimServiceError) return service.renderError(error, request);
    throw error;
  }
}

export async function serveLogs(service: SimService): Promise<ServedLogs> {
  const tls: ServerOptions = await selfSignedCertificate();
  const requests: SimRequest[] = [];
  let baseUrl = "";
  const server = createServer(tls, (incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", baseUrl);
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
      const response = await answer(service, request);
      const body = response.body === undefined ? "" : JSON.stringify(response.body);
      outgoing.writeHead(response.status, response.headers);
      outgoing.end(body);
    })().catch((error: unknown) => {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const agent = new Agent({ ca: tls.cert, keepAlive: false });
  const credential: ConstructorParameters<typeof LogsQueryClient>[0] = {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  const options: LogsQueryClientOptions = {
    endpoint: `${baseUrl}/v1`,
    credentials: { scopes: ["https://api.loganalytics.io/.default"] },
    additionalPolicies: [
      {
        position: "perCall",
        policy: {
          name: "trustTestCertificate",
          sendRequest: (request, next) => {
            request.agent = agent;
            return next(request);
          },
        },
      },
    ],
  };
  return {
    client: new LogsQueryClient(credential, options),
    baseUrl,
    requests,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
