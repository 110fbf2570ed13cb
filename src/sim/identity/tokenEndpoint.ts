import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { normaliseAudience, type TokenIssuer } from "./tokens.js";

/** The audiences the demo account's services accept; anything else is refused like Entra ID would. */
export const knownAudiences = [
  "https://batch.core.windows.net/",
  "https://management.azure.com/",
  "https://api.loganalytics.io/",
  "https://storage.azure.com/",
  "https://dev.azuresynapse.net/",
];

export interface TokenEndpoint {
  /** Value for IDENTITY_ENDPOINT. */
  url: string;
  /** Value for IDENTITY_HEADER: the shared secret App Service hands its apps. */
  secret: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

/**
 * The App Service flavour of the managed identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER),
 * which @azure/identity's ManagedIdentityCredential and DefaultAzureCredential use when both are set.
 * Plain http on loopback, as App Service serves it.
 */
export async function startTokenEndpoint(issuer: TokenIssuer): Promise<TokenEndpoint> {
  const secret = randomBytes(16).toString("hex");

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== "/msi/token") {
      return send(response, 404, { error: "not_found", error_description: "Unknown path." });
    }
    if (request.headers["x-identity-header"] !== secret) {
      return send(response, 401, {
        error: "unauthorized",
        error_description: "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.",
      });
    }
    const resource = url.searchParams.get("resource") ?? "";
    if (!knownAudiences.some((audience) => normaliseAudience(audience) === normaliseAudience(resource))) {
      return send(response, 400, {
        error: "invalid_resource",
        error_description: `AADSTS500011: The resource principal named ${resource} was not found in the tenant.`,
      });
    }
    // A user-assigned identity is asked for by client id; App Service answers 400 for one it does not know.
    const clientId = url.searchParams.get("client_id");
    const caller = clientId === null ? issuer.operator : issuer.callerByClientId(clientId);
    if (!caller) {
      return send(response, 400, {
        statusCode: 400,
        message: `Unable to load the proper Managed Identity. No identity with client id ${clientId} is assigned.`,
      });
    }
    const { token, expiresOn } = issuer.mint(resource, Date.now(), caller);
    send(response, 200, {
      access_token: token,
      expires_on: String(expiresOn),
      resource,
      token_type: "Bearer",
      client_id: caller.clientId,
    });
  }

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/msi/token`,
    secret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
