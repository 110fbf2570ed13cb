import type { TokenCredential } from "@azure/identity";
import { ManagedIdentityCredential } from "@azure/identity";
import { FaultInjector } from "../../src/sim/http/faults.js";
import { startListener } from "../../src/sim/http/listener.js";
import { RequestLog } from "../../src/sim/http/requestLog.js";
import type { SimService } from "../../src/sim/http/service.js";
import { startTokenEndpoint } from "../../src/sim/identity/tokenEndpoint.js";
import { TokenIssuer } from "../../src/sim/identity/tokens.js";
import { createLoopbackCertificates } from "../../src/sim/tls/certificates.js";

// Serves one simulated service behind the demo account's real HTTPS listener and managed identity
// endpoint, so SDK tests run with real TLS and real tokens over a fixture world of their choosing.

export interface ServedService {
  baseUrl: string;
  /** The demo CA: hand it to batchtop's transport, as `batchtop demo` does. */
  ca: string;
  /** A real @azure/identity credential signed in to the demo identity endpoint. */
  credential: TokenCredential;
  issuer: TokenIssuer;
  requestLog: RequestLog;
  faults: FaultInjector;
  close(): Promise<void>;
}

export async function serveService(service: SimService): Promise<ServedService> {
  const certificates = await createLoopbackCertificates();
  const issuer = new TokenIssuer(
    "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/test",
  );
  const tokenEndpoint = await startTokenEndpoint(issuer);
  // ManagedIdentityCredential reads the App Service variables when it is constructed.
  process.env.IDENTITY_ENDPOINT = tokenEndpoint.url;
  process.env.IDENTITY_HEADER = tokenEndpoint.secret;
  const credential = new ManagedIdentityCredential();
  const requestLog = new RequestLog();
  const faults = new FaultInjector();
  const listener = await startListener({
    port: 0,
    certificates,
    issuer,
    services: [service],
    faults,
    requestLog,
  });
  return {
    baseUrl: listener.baseUrl,
    ca: certificates.caPem,
    credential,
    issuer,
    requestLog,
    faults,
    close: async () => {
      await listener.close();
      await tokenEndpoint.close();
    },
  };
}
